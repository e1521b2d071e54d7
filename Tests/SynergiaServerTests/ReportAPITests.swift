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
        try await TestApp.with(kind) { client, app, _, _ in
            let outsider = try #require(try await app.store.user(email: "fp@france.example"))
            try await body(client, Context(focalToken: try await app.token(.focalPoint),
                                           outsiderToken: try await app.store.createToken(userID: outsider.id, label: "test")))
        }
    }

    func headers(_ token: String?, json: Bool = true) -> HTTPFields { bearer(token, json: json) }

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
            // Someone outside the workspace is told no more than about a report that does not exist.
            let outsider = try await client.execute(uri: "/api/reports/\(report.id)", method: .get, headers: headers(tokens.outsiderToken))
            #expect(outsider.status == .notFound)
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
