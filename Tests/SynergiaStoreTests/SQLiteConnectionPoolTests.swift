import Foundation
import NIOPosix
import SQLKit
@testable import SynergiaStore
import SynergiaTestSupport
import Testing

/// The embedded database's connections: callers waiting for the one writer connection
/// are never stranded, even when opening it fails.
@Suite struct SQLiteConnectionPoolTests {
    @Test func callersWaitingForAConnectionThatCannotOpenAreRefusedNotStranded() async throws {
        let threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
        let missingFolder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-no-such-folder-\(UUID().uuidString)")
        let pool = SQLiteConnectionPool(path: missingFolder.appendingPathComponent("db.sqlite").path, maximumConnections: 1,
                                        threads: threads, logger: TestDatabase.logger)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        _ = try await pool.with { _ in 1 }
                        return "opened"
                    } catch let error as StoreError {
                        return error.description.hasPrefix("cannot open the database file") ? "refused" : "\(error)"
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: "refused", count: 4))
        try await threads.shutdownGracefully()
    }

    @Test(arguments: [DatabaseKind.sqlite])
    func transactionsOfOneProcessTakeTheWriterInTurn(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            try await store.provider.withDatabase { db in try await db.raw("CREATE TABLE counter (n INTEGER NOT NULL)").run() }
            try await store.provider.withDatabase { db in try await db.raw("INSERT INTO counter (n) VALUES (0)").run() }
            // Read-modify-write in each transaction: taken in turn, none is lost and none fails busy.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await store.provider.transaction { db in
                            let n = try await db.raw("SELECT n FROM counter").first()!.decode(column: "n", as: Int.self)
                            try await db.raw("UPDATE counter SET n = \(bind: n + 1)").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let n = try await store.provider.withDatabase { db in try await db.raw("SELECT n FROM counter").first()!.decode(column: "n", as: Int.self) }
            #expect(n == 50)
        }
    }
}
