import CSQLiteSearch
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// The embedded database: one file, WAL journal, foreign keys on.
///
/// Reads run on a small pool of connections beside each other. Every
/// transaction runs on the one writer connection, taken in turn: writers of
/// this process queue here as suspended tasks rather than as threads blocked
/// in SQLite's busy handler, so a lock holder never waits for a thread that a
/// waiting writer holds. The connections have threads of their own, apart
/// from the process-wide pool that bcrypt and file work use.
public final class SQLiteProvider: DatabaseProvider {
    public let kind = DatabaseKind.sqlite
    public let path: String
    private let threads: NIOThreadPool
    private let readers: SQLiteConnectionPool
    private let writer: SQLiteConnectionPool

    /// How long a statement waits for a lock held by another process (the CLI beside a server).
    static let busyTimeoutMilliseconds = 5_000
    /// Attempts to begin a transaction while another process keeps the write lock.
    static let beginAttempts = 3

    public init(path: String, maximumReaders: Int = 4, logger: Logger) async throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.path = path
        Self.installSearchFunctions
        // One thread per connection: a connection never waits for a thread.
        let threads = NIOThreadPool(numberOfThreads: maximumReaders + 1)
        threads.start()
        self.threads = threads
        self.readers = SQLiteConnectionPool(path: path, maximumConnections: maximumReaders, threads: threads, logger: logger)
        self.writer = SQLiteConnectionPool(path: path, maximumConnections: 1, threads: threads, logger: logger)
        do {
            // Open one connection now so a bad path fails here, with its name.
            try await withDatabase { database in try await database.raw("SELECT 1").run() }
        } catch {
            try? await threads.shutdownGracefully()
            throw error
        }
    }

    /// Every connection opened from now on knows `kb_rank` and the other knowledge-search functions.
    private static let installSearchFunctions: Void = {
        let code = synergia_sqlite_search_install()
        precondition(code == 0, "SQLite refused the knowledge-search functions (code \(code))")
    }()

    public func withDatabase<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { connection in try await body(connection.sql(queryLogLevel: .trace)) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.with { connection in
            try await runTransaction(on: connection.sql(queryLogLevel: .trace), begin: Self.beginImmediate, body)
        }
    }

    /// IMMEDIATE takes the write lock at once, so a transaction never fails half-way
    /// with SQLITE_BUSY; if another process holds the lock past the busy timeout,
    /// the attempt is repeated after a pause that holds no thread.
    private static func beginImmediate(_ database: any SQLDatabase) async throws {
        var attempt = 1
        while true {
            do {
                try await database.raw("BEGIN IMMEDIATE").run()
                return
            } catch let error as SQLiteError where error.reason == .busy && attempt < beginAttempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(50 * attempt))
            }
        }
    }

    public func shutdown() async {
        await readers.closeAll()
        await writer.closeAll()
        try? await threads.shutdownGracefully()
    }
}

/// Connections opened on demand up to a maximum; callers beyond it wait their turn in order.
actor SQLiteConnectionPool {
    private let path: String
    private let maximumConnections: Int
    private let threads: NIOThreadPool
    private let logger: Logger
    private var idle: [SQLiteConnection] = []
    private var opened = 0
    /// Callers waiting for a connection: resumed with one, or with nil to try again
    /// (a connection that failed to open leaves its place to the next caller).
    private var waiters: [CheckedContinuation<SQLiteConnection?, Never>] = []

    init(path: String, maximumConnections: Int, threads: NIOThreadPool, logger: Logger) {
        self.path = path
        self.maximumConnections = maximumConnections
        self.threads = threads
        self.logger = logger
    }

    nonisolated func with<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    private func acquire() async throws -> SQLiteConnection {
        while true {
            if let connection = idle.popLast() { return connection }
            if opened < maximumConnections {
                opened += 1
                do {
                    return try await open()
                } catch {
                    opened -= 1
                    if !waiters.isEmpty { waiters.removeFirst().resume(returning: nil) }
                    throw StoreError.cannotOpen(path: path, reason: String(describing: error))
                }
            }
            if let connection = await withCheckedContinuation({ waiters.append($0) }) { return connection }
        }
    }

    private func release(_ connection: SQLiteConnection) {
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
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger,
                                                         on: MultiThreadedEventLoopGroup.singleton.any())
        let database = connection.sql()
        // The busy timeout first: switching to WAL needs a lock that another connection may hold for a moment.
        let pragmas = ["PRAGMA busy_timeout=\(SQLiteProvider.busyTimeoutMilliseconds)", "PRAGMA journal_mode=WAL",
                       "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"]
        do {
            for pragma in pragmas {
                try await database.raw(SQLQueryString(pragma)).run()
            }
        } catch {
            try? await connection.close()
            throw error
        }
        return connection
    }
}
