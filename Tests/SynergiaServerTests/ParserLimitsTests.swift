import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaServer
@testable import SynergiaStore
import SynergiaTestSupport
import ZIPFoundation

/// Hostile files and texts through the API: refused with 422 and their message,
/// nothing stored, and the server still answering afterwards.
@Suite struct ParserLimitsTests {
    /// The exported workbook with its shared strings replaced by `sharedStrings`.
    static func replacingSharedStrings(of workbook: Data, with sharedStrings: String) throws -> Data {
        let source = try Archive(data: workbook, accessMode: .read)
        let target = try Archive(accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "xl/sharedStrings.xml" { data = Data(sharedStrings.utf8) }
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(target.data)
    }

    func answers(_ store: SQLStore, _ report: Int64) async throws -> [String] {
        try await store.answers(reportID: report).map { "\($0.key)#\($0.version)" }.sorted()
    }

    @Test(arguments: TestDatabase.kinds)
    func aWorkbookWithFiftyThousandNestedSharedStringsIsA422(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let token = try await app.token(.focalPoint)
            let report = app.kenReport
            let exported = try await client.execute(uri: "/api/reports/\(report)/export/xlsx", method: .get, headers: bearer(token))
            #expect(exported.status == .ok)
            let deep = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + String(repeating: "<si>", count: 50_000) + String(repeating: "</si>", count: 50_000) + "</sst>"
            let hostile = try Self.replacingSharedStrings(of: Data(exported.body.readableBytesView), with: deep)
            #expect(hostile.count < 100_000)
            let before = try await answers(app.store, report)
            let refused = try await client.execute(uri: "/api/reports/\(report)/import-xlsx?apply=true", method: .post,
                                                   headers: bearer(token, json: false), body: ByteBuffer(bytes: hostile))
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("The workbook cannot be imported: the part \\\"xl/sharedStrings.xml\\\" nests elements more than 100 deep."))
            #expect(try await answers(app.store, report) == before)
            let again = try await client.execute(uri: "/api/reports/\(report)", method: .get, headers: bearer(token))
            #expect(again.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func controlCharactersAndOverlongDisaggregationsAreA422AndNotStored(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let token = try await app.token(.focalPoint)
            let report = app.kenReport
            let before = try await answers(app.store, report)
            let text = try await client.execute(uri: "/api/reports/\(report)/answers/report_process", method: .put, headers: bearer(token),
                                                body: ByteBuffer(string: #"{"value":{"en":"invoice_\u202Efdp.exe"}}"#))
            #expect(text.status == .unprocessableContent)
            #expect(String(buffer: text.body).contains("report_process: the text in en contains the invisible direction-changing character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 9; delete it"))

            let key = "goal_progress%5BGBF-A%5D.goal_headline_data"
            let long = String(repeating: "x", count: 5_000)
            let data = try await client.execute(uri: "/api/reports/\(report)/answers/\(key)", method: .put, headers: bearer(token),
                                                body: ByteBuffer(string: #"{"value":[{"year":2020,"value":1,"unit":"percent","disaggregation":"\#(long)"}]}"#))
            #expect(data.status == .unprocessableContent)
            #expect(String(buffer: data.body).contains("goal_progress[GBF-A].goal_headline_data: row 1, the disaggregation has 5000 characters, more than the 200 allowed; shorten it"))
            let source = try await client.execute(uri: "/api/reports/\(report)/answers/\(key)", method: .put, headers: bearer(token),
                                                  body: ByteBuffer(string: #"{"value":[{"year":2020,"value":1,"unit":"percent","source":"a\u0000b"}]}"#))
            #expect(source.status == .unprocessableContent)
            #expect(String(buffer: source.body).contains("row 1, the source contains the control character U+0000 at character 2"))
            #expect(try await answers(app.store, report) == before)

            // The demo prefills Goal A's headline data from its series: the save names the version it replaces.
            let version = try await app.store.answers(reportID: report).first { $0.key.description == "goal_progress[GBF-A].goal_headline_data" }?.version
            let versionField = version.map { #","version":\#($0)"# } ?? ""
            let fine = try await client.execute(uri: "/api/reports/\(report)/answers/\(key)", method: .put, headers: bearer(token),
                                                body: ByteBuffer(string: #"{"value":[{"year":2020,"value":1,"unit":"percent","disaggregation":"sex=female","source":"مسح\u200F 2020"}]"#
                                                                 + versionField + "}"))
            #expect(fine.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func deeplyNestedJSONBodiesAreRefusedWithoutCrashing(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let token = try await app.token(.focalPoint)
            let uri = "/api/reports/\(app.kenReport)/answers/report_process"
            // The decoder stops at 512 levels; 500 is decoded into an answer and refused by its shape.
            let deepest = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
            let shaped = try await client.execute(uri: uri, method: .put, headers: bearer(token), body: ByteBuffer(string: #"{"value":\#(deepest)}"#))
            #expect(shaped.status == .unprocessableContent)
            #expect(String(buffer: shaped.body).contains("expects text (one text per language)"))
            let tooDeep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
            let refused = try await client.execute(uri: uri, method: .put, headers: bearer(token), body: ByteBuffer(string: #"{"value":\#(tooDeep)}"#))
            #expect(refused.status == .badRequest)
            let alive = try await client.execute(uri: "/api/reports/\(app.kenReport)", method: .get, headers: bearer(token))
            #expect(alive.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func formulasInTheCSVExportAreNeutralised(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let token = try await app.token(.focalPoint)
            let report = app.kenReport
            let saved = try await client.execute(uri: "/api/reports/\(report)/answers/report_process", method: .put, headers: bearer(token),
                                                 body: ByteBuffer(string: #"{"value":{"en":"=HYPERLINK(\"http://evil.example\",\"Click\")"}}"#))
            #expect(saved.status == .ok)
            let csv = try await client.execute(uri: "/api/reports/\(report)/export/csv", method: .get, headers: bearer(token))
            #expect(csv.status == .ok)
            let records = try StrictCSVReader().records(String(buffer: csv.body))
            let header = try #require(records.first?.fields)
            let row = try #require(records.first { $0.fields.count > 1 && $0.fields[1] == "report_process" }?.fields)
            #expect(row[try #require(header.firstIndex(of: "answer"))] == "'=HYPERLINK(\"http://evil.example\",\"Click\")")
            #expect(!records.flatMap(\.fields).contains { $0.hasPrefix("=") || $0.hasPrefix("@") })
        }
    }
}
