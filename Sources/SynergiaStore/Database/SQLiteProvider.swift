import CSQLiteSearch
import Foundation
import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// The embedded database: one file, WAL journal, foreign keys on. A small pool
/// of connections lets reads run beside a write; SQLite itself serialises writers.
public final class SQLiteProvider: DatabaseProvider {
    public let kind = DatabaseKind.sqlite
    public let path: String
    private let pool: SQLiteConnectionPool
    private let logger: Logger

    public init(path: String, maximumConnections: Int = 4, logger: Logger) async throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.path = path
        self.logger = logger
        Self.installSearchFunctions
        self.pool = SQLiteConnectionPool(path: path, maximumConnections: maximumConnections, logger: logger)
        // Open one connection now so a bad path fails here, with its name.
        try await withDatabase { database in try await database.raw("SELECT 1").run() }
    }

    /// Every connection opened from now on knows `kb_rank` and the other knowledge-search functions.
    private static let installSearchFunctions: Void = {
        let code = synergia_sqlite_search_install()
        precondition(code == 0, "SQLite refused the knowledge-search functions (code \(code))")
    }()

    public func withDatabase<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await pool.acquire()
        do {
            let result = try await body(connection.sql(queryLogLevel: .trace))
            await pool.release(connection)
            return result
        } catch {
            await pool.release(connection)
            throw error
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // IMMEDIATE takes the write lock at once, so two writers wait on
        // busy_timeout instead of failing half-way with SQLITE_BUSY.
        try await withDatabase { database in
            try await runTransaction(on: database, begin: "BEGIN IMMEDIATE", body)
        }
    }

    public func shutdown() async {
        await pool.closeAll()
    }
}

actor SQLiteConnectionPool {
    private let path: String
    private let maximumConnections: Int
    private let logger: Logger
    private var idle: [SQLiteConnection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<SQLiteConnection, any Error>] = []

    init(path: String, maximumConnections: Int, logger: Logger) {
        self.path = path
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    func acquire() async throws -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        if opened < maximumConnections {
            opened += 1
            do {
                return try await open()
            } catch {
                opened -= 1
                throw StoreError.cannotOpen(path: path, reason: String(describing: error))
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    func release(_ connection: SQLiteConnection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    func closeAll() async {
        for connection in idle { try? await connection.close() }
        idle.removeAll()
    }

    private func open() async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let database = connection.sql()
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=15000", "PRAGMA synchronous=NORMAL"] {
            try await database.raw(SQLQueryString(pragma)).run()
        }
        return connection
    }
}
