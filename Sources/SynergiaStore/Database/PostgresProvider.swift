import Foundation
import Logging
import PostgresKit
import NIOSSL
import PostgresNIO
import SQLKit

/// PostgreSQL for production, through PostgresNIO's connection pool.
public final class PostgresProvider: DatabaseProvider {
    public let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    public init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
              let username = components.user, !username.isEmpty else {
            throw StoreError.badDatabaseURL(Self.redacted(url))
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require", "verify-ca", "verify-full": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
        var clientConfiguration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: username,
            password: components.password?.removingPercentEncoding, database: database, tls: tls)
        clientConfiguration.options.maximumConnections = 8
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.runner = Task { await client.run() }
    }

    public func withDatabase<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withDatabase { database in
            try await runTransaction(on: database, begin: { try await $0.raw("BEGIN").run() }, body)
        }
    }

    public func shutdown() async {
        runner.cancel()
        _ = await runner.value
    }

    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(unreadable URL)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(unreadable URL)"
    }
}
