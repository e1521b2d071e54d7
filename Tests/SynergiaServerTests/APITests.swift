import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

@Suite struct APITests {
    /// Runs `body` with the demo focal point's API token.
    func withApp(_ kind: DatabaseKind, _ body: @escaping @Sendable (any TestClientProtocol, HTTPFields) async throws -> Void) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            try await body(client, bearer(try await app.token(.focalPoint)))
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(buffer.readableBytesView))
    }

    @Test(arguments: TestDatabase.kinds)
    func healthAnswersAloneAndReadinessAsksTheDatabase(kind: DatabaseKind) async throws {
        try await withApp(kind) { client, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try decode([String: String].self, response.body)
                #expect(body == ["status": "ok"])
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                let body = try decode([String: String].self, response.body)
                #expect(body == ["status": "ready", "database": kind.rawValue])
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func frameworkAndTargetWithCrosswalk(kind: DatabaseKind) async throws {
        try await withApp(kind) { client, auth in
            try await client.execute(uri: "/api/frameworks/gbf", method: .get, headers: auth) { response in
                let content = try decode(FrameworkContent.self, response.body)
                #expect(content.goals.count == 4)
                #expect(content.targets.count == 23)
            }
            try await client.execute(uri: "/api/targets/AICHI-11", method: .get, headers: auth) { response in
                struct Body: Decodable { var target: GlobalTarget; var related: [RelatedItem] }
                let body = try decode(Body.self, response.body)
                #expect(body.target.code == "AICHI-11")
                #expect(body.related.first?.code == "GBF-3")
            }
            try await client.execute(uri: "/api/frameworks/NOPE", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("unknown framework 'NOPE'"))
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func workspaceProgressAsJSON(kind: DatabaseKind) async throws {
        try await withApp(kind) { client, auth in
            try await client.execute(uri: "/api/workspaces/ken/progress", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let rows = try decode([NationalTargetProgress].self, response.body)
                #expect(rows.count == 8)
                #expect(rows.first { $0.code == "KEN-T8" }?.assessment.status == .achieved)
            }
            try await client.execute(uri: "/api/workspaces/KEN/national-targets/t1", method: .get, headers: auth) { response in
                let target = try decode(NationalTarget.self, response.body)
                #expect(target.code == "KEN-T1")
            }
            try await client.execute(uri: "/api/workspaces/BRA/progress", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
