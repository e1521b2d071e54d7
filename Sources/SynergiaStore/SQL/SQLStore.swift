import Foundation
import SQLKit
import SynergiaCore

/// The one implementation of every repository, over SQLKit, for SQLite and
/// PostgreSQL alike.
public struct SQLStore: Sendable {
    public let provider: any DatabaseProvider

    public init(provider: any DatabaseProvider) {
        self.provider = provider
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await provider.withDatabase(body)
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await provider.transaction(body)
    }
}

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    func optionalInt(_ column: String) throws -> Int? { try decode(column: column, as: Int?.self) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func double(_ column: String) throws -> Double { try decode(column: column, as: Double.self) }
    func optionalDouble(_ column: String) throws -> Double? { try decode(column: column, as: Double?.self) }
}

extension SQLDatabase {
    /// Inserts and returns the new row's `id`.
    func insertReturningID(_ builder: SQLInsertBuilder) async throws -> Int64 {
        guard let row = try await builder.returning("id").first() else {
            throw DomainError.conflict("the database returned no id for the new row")
        }
        return try row.int64("id")
    }
}
