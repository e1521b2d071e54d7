import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

@Suite struct ReportAPITests {
    struct Context: Sendable {
        var focalToken: String
        var outsiderToken: String
    }

    func withApp(_ kind: DatabaseKind, _ body: @escaping @Sendable (any TestClientProtocol, Context) async throws -> Void) async throws {
        try await TestDatabase.withStore(kind) { store in
            let reference = try TestDatabase.referenceSet()
            _ = try await store.seedReference(reference)
            _ = try await DemoWorkspace.load(TestDatabase.dataDirectory.appendingPathComponent("demo/ken.yaml"), into: store)
            let france = try await store.createWorkspace(country: "FRA", name: nil, conventions: [])
            let outsider = try await store.createUser(email: "fp@france.example", displayName: "FR", isSystemAdministrator: false)
            try await store.setRole(workspaceID: france.id, userID: outsider.id, role: .focalPoint)
            let focal = try #require(try await store.user(email: "focal.point@demo.synergia.example"))
            let context = Context(focalToken: try await store.createToken(userID: focal.id, label: "test"),
                                  outsiderToken: try await store.createToken(userID: outsider.id, label: "test"))
            let service = ReportService(store: store, catalog: try TemplateCatalog.load(dataDirectory: TestDatabase.dataDirectory, reference: reference),
                                        messages: try Messages.load(dataDirectory: TestDatabase.dataDirectory))
            let app = SynergiaServer.application(store: store, reports: service, host: "127.0.0.1", port: 0, maxUploadBytes: 2_000_000, logger: TestDatabase.logger)
            try await app.test(.router) { client in try await body(client, context) }
        }
    }

    func headers(_ token: String?, json: Bool = true) -> HTTPFields {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    @Test(arguments: TestDatabase.kinds)
    func reportsNeedATokenAndMembershipOfTheWorkspace(kind: DatabaseKind) async throws {
        try await withApp(kind) { client, tokens in
            try await client.execute(uri: "/api/workspaces/KEN/reports", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/workspaces/KEN/reports", method: .get, headers: headers("syn_forged")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/workspaces/KEN/reports", method: .get, headers: headers(tokens.outsiderToken)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/workspaces/KEN/reports", method: .post, headers: headers(tokens.outsiderToken), body: ByteBuffer(string: #"{"template":"cbd-7nr"}"#)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/workspaces/KEN/reports", method: .get, headers: headers(tokens.focalToken)) { #expect($0.status == .ok) }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func answerThroughTheAPIAndGetTheCurrentValueOnAStaleSave(kind: DatabaseKind) async throws {
        try await withApp(kind) { client, tokens in
            let created = try await client.execute(uri: "/api/workspaces/KEN/reports", method: .post, headers: headers(tokens.focalToken), body: ByteBuffer(string: #"{"template":"cbd-7nr"}"#))
            #expect(created.status == .ok)
            let report = try JSONDecoder.iso8601.decode(Report.self, from: Data(created.body.readableBytesView))
            let uri = "/api/reports/\(report.id)/answers/report_process"
            let first = try await client.execute(uri: uri, method: .put, headers: headers(tokens.focalToken), body: ByteBuffer(string: #"{"value":{"en":"first"}}"#))
            #expect(first.status == .ok)
            let second = try await client.execute(uri: uri, method: .put, headers: headers(tokens.focalToken), body: ByteBuffer(string: #"{"value":{"en":"second"},"version":1}"#))
            #expect(second.status == .ok)
            let stale = try await client.execute(uri: uri, method: .put, headers: headers(tokens.focalToken), body: ByteBuffer(string: #"{"value":{"en":"lost?"},"version":1}"#))
            #expect(stale.status == .conflict)
            let body = String(buffer: stale.body)
            #expect(body.contains(#""en":"second""#))
            let wrongType = try await client.execute(uri: "/api/reports/\(report.id)/answers/pa_coverage_land", method: .put, headers: headers(tokens.focalToken), body: ByteBuffer(string: #"{"value":"many"}"#))
            #expect(wrongType.status == .unprocessableContent)
            let transition = try await client.execute(uri: "/api/reports/\(report.id)/transitions", method: .post, headers: headers(tokens.focalToken), body: ByteBuffer(string: #"{"action":"approve","version":1}"#))
            #expect(transition.status == .conflict)
            let exported = try await client.execute(uri: "/api/reports/\(report.id)/export/xlsx", method: .get, headers: headers(tokens.focalToken))
            #expect(exported.status == .ok)
            #expect(exported.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let reimport = try await client.execute(uri: "/api/reports/\(report.id)/import-xlsx", method: .post, headers: headers(tokens.focalToken, json: false), body: exported.body)
            #expect(reimport.status == .ok)
            #expect(String(buffer: reimport.body).contains(#""changes":[]"#))
            let outsider = try await client.execute(uri: "/api/reports/\(report.id)", method: .get, headers: headers(tokens.outsiderToken))
            #expect(outsider.status == .forbidden)
            let oversized = try await client.execute(uri: "/api/reports/\(report.id)/import-xlsx", method: .post, headers: headers(tokens.focalToken, json: false), body: ByteBuffer(repeating: 0, count: 2_500_000))
            #expect(oversized.status == .contentTooLarge)
        }
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
