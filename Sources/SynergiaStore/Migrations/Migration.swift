import Foundation
import SQLKit

/// One versioned, forward-only schema change. Each runs in its own
/// transaction and is recorded in `schema_migrations`.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}

public struct MigrationReport: Sendable, Equatable {
    public var applied: [Int]
    public var current: Int
}

public enum Migrator {
    public static let all: [Migration] = [
        initialSchema,
        reportingSchema,
        tokenSchema,
        accountsSchema,
        jobsSchema,
        knowledgeSchema,
        knowledgeTagsSchema,
        decisionTrackingSchema,
        decisionAnswerLinks,
        knowledgeDeletionCounter,
        attachmentsSchema,
        runTablesSchema,
        factRegisterSchema,
        targetSeriesSchema,
        changeHistorySchema,
    ]

    /// Applies every migration not yet recorded, in order.
    @discardableResult
    public static func migrate(_ provider: any DatabaseProvider) async throws -> MigrationReport {
        try await provider.withDatabase { database in
            try await database.create(table: "schema_migrations").ifNotExists()
                .column("version", type: .int, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .text, .notNull)
                .run()
        }
        let known = all.map(\.version).max() ?? 0
        var applied: [Int] = []
        for migration in all {
            let done = try await provider.transaction { database in
                let rows = try await database.select().column("version").from("schema_migrations").all()
                let versions = try rows.map { try $0.decode(column: "version", as: Int.self) }
                if let newest = versions.max(), newest > known {
                    throw StoreError.schemaNewerThanSoftware(databaseVersion: newest, knownVersion: known)
                }
                if versions.contains(migration.version) { return false }
                do {
                    try await migration.apply(database)
                } catch {
                    throw StoreError.migrationFailed(version: migration.version, name: migration.name, reason: String(describing: error))
                }
                try await database.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamp.now()))
                    .run()
                return true
            }
            if done { applied.append(migration.version) }
        }
        return MigrationReport(applied: applied, current: known)
    }
}
