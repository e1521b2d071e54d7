import Foundation
import Logging
import SQLKit

public enum DatabaseKind: String, Sendable, CaseIterable {
    case sqlite, postgres
}

/// Hands out SQLKit databases over a pool of connections, and runs
/// transactions on one connection. One implementation per database engine;
/// everything above it speaks SQLKit only.
public protocol DatabaseProvider: Sendable {
    var kind: DatabaseKind { get }
    /// Runs `body` on one connection outside any explicit transaction.
    func withDatabase<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Closes every connection. The provider is unusable afterwards.
    func shutdown() async
}

/// Opens the database a URL names: `sqlite:PATH` (or a plain path) for the
/// embedded database, `postgres://user:password@host:port/database` for PostgreSQL.
public func openDatabase(url: String, logger: Logger) async throws -> any DatabaseProvider {
    if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
        return try PostgresProvider(url: url, logger: logger)
    }
    let path = url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url
    return try await SQLiteProvider(path: path, logger: logger)
}

/// Runs `body` between `begin` and COMMIT on one session, rolling back on error.
func runTransaction<T: Sendable>(
    on database: any SQLDatabase, begin: @Sendable (any SQLDatabase) async throws -> Void,
    _ body: @Sendable (any SQLDatabase) async throws -> T
) async throws -> T {
    try await begin(database)
    do {
        let result = try await body(database)
        try await database.raw("COMMIT").run()
        return result
    } catch {
        try? await database.raw("ROLLBACK").run()
        throw error
    }
}

/// Opens the database, brings its schema up to date, runs `body` on the store
/// and closes the database whatever happens.
public func withMigratedStore<T>(url: String, logger: Logger, _ body: (SQLStore) async throws -> T) async throws -> T {
    let provider = try await openDatabase(url: url, logger: logger)
    do {
        try await Migrator.migrate(provider)
        let result = try await body(SQLStore(provider: provider))
        await provider.shutdown()
        return result
    } catch {
        await provider.shutdown()
        throw error
    }
}
