import Foundation
import Logging
import SynergiaReference
import SynergiaStore

/// Gives each test its own empty, migrated database: a SQLite file in a
/// temporary folder, or a new database on the PostgreSQL server named by
/// `SYNERGIA_TEST_POSTGRES_URL` (the test command starts a throwaway cluster).
public enum TestDatabase {
    /// The engines the suite runs on. PostgreSQL is skipped only when
    /// `SYNERGIA_TEST_SKIP_POSTGRES=1` is set on purpose; a missing URL otherwise fails.
    public static var kinds: [DatabaseKind] {
        ProcessInfo.processInfo.environment["SYNERGIA_TEST_SKIP_POSTGRES"] == "1" ? [.sqlite] : DatabaseKind.allCases
    }

    public static let logger: Logger = {
        var logger = Logger(label: "synergia-test")
        logger.logLevel = .warning
        return logger
    }()

    public struct MissingPostgres: Error, CustomStringConvertible {
        public var description: String {
            "SYNERGIA_TEST_POSTGRES_URL is not set: run the suite with `make test` (it starts a throwaway PostgreSQL), or set SYNERGIA_TEST_SKIP_POSTGRES=1 to run on SQLite only"
        }
    }

    /// Runs `body` with a migrated store and removes the database afterwards.
    public static func withStore<T>(_ kind: DatabaseKind, _ body: (SQLStore) async throws -> T) async throws -> T {
        try await withDatabaseURL(kind) { url in
            try await withMigratedStore(url: url, logger: logger, body)
        }
    }

    /// Runs `body` with the URL of a new empty database of `kind`.
    public static func withDatabaseURL<T>(_ kind: DatabaseKind, _ body: (String) async throws -> T) async throws -> T {
        let name = "synergia_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(String(name))
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await body("sqlite:" + folder.appendingPathComponent("test.sqlite").path)
        case .postgres:
            guard let adminURL = ProcessInfo.processInfo.environment["SYNERGIA_TEST_POSTGRES_URL"] else { throw MissingPostgres() }
            return try await DatabaseSlots.postgres.withSlot { try await withPostgresDatabase(adminURL: adminURL, name: String(name), body) }
        }
    }

    private static func withPostgresDatabase<T>(adminURL: String, name: String, _ body: (String) async throws -> T) async throws -> T {
        let admin = try await openDatabase(url: adminURL, logger: logger)
        do {
            try await admin.withDatabase { db in try await db.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            var components = URLComponents(string: adminURL)!
            components.path = "/" + name
            let result: T
            do {
                result = try await body(components.string!)
            } catch {
                try? await admin.withDatabase { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
                throw error
            }
            try await admin.withDatabase { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
            await admin.shutdown()
            return result
        } catch {
            await admin.shutdown()
            throw error
        }
    }

    /// The product's `data/` folder, found from this source file.
    public static var dataDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data")
    }

    /// The real reference set, loaded once per process.
    public static func referenceSet() throws -> ReferenceSet {
        try ReferenceLoader.load(dataDirectory: dataDirectory)
    }
}
