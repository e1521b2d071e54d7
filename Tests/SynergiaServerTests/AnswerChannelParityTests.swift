import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import SynergiaXLSX

/// The same typed number stores the same value, and the same refusal leaves
/// the database as it was, whether it comes through the web form, the JSON
/// API or a workbook imported through the API.
@Suite struct AnswerChannelParityTests {
    static let accepted: [(language: String, text: String, value: Double)] = [
        ("fr", "1 234,5", 1234.5), ("en", "1,234.5", 1234.5), ("en", "12.5", 12.5), ("fr", "12.5", 12.5),
        ("en", "-3", -3), ("en", "1e3", 1000), ("fr", "1,234", 1.234), ("en", "1,234", 1234),
    ]
    static let refused: [(language: String, text: String, explanation: String)] = [
        ("fr", "1.234", "'1.234' is ambiguous: write 1234 for the whole number or 1,234 for the decimal one"),
        ("en", "1 23", "'1 23' is not a number: spaces (and commas in English) separate groups of three digits, as in 1 234 567"),
        ("en", "lots", "'lots' is not a number"),
    ]
    /// In JSON, text that is no number at all is a value of the wrong type: the question's shape refuses it.
    static let refusedAsJSON = ["lots": "so1_4_series: row 1: the value must be a number"]
    /// An indicator-data question naming its indicator and unit (UNCCD PRAIS, SO1-4).
    static let key = "so1_4_series"

    struct Channels {
        let client: any TestClientProtocol
        let app: TestApp
        let reportID: Int64
        let session: (cookie: String, csrf: String)
        let token: String

        func stored() async throws -> Answer? {
            try await app.store.answers(reportID: reportID).first { $0.key.description == AnswerChannelParityTests.key }
        }

        func form(_ language: String, _ text: String) async throws -> (HTTPResponse.Status, String) {
            let version = try await stored()?.version ?? 0
            var (headers, body) = SynergiaServerTests.form(session, ["key": AnswerChannelParityTests.key, "section": "so1_4", "version": String(version),
                                                                     "row.0.year": "2020", "row.0.value": text, "row.1.year": "", "row.1.value": ""])
            headers[.cookie] = session.cookie + "; synergia_lang=" + language
            let response = try await client.execute(uri: "/reports/\(reportID)/answer", method: .post, headers: headers, body: body)
            return (response.status, String(buffer: response.body))
        }

        func api(_ language: String, _ value: AnswerValue) async throws -> (HTTPResponse.Status, String) {
            struct Body: Encodable { var value: AnswerValue; var version: Int?; var language: String }
            let body = try JSONEncoder().encode(Body(value: value, version: try await stored()?.version, language: language))
            let response = try await client.execute(uri: "/api/reports/\(reportID)/answers/\(AnswerChannelParityTests.key)", method: .put,
                                                    headers: bearer(token), body: ByteBuffer(bytes: body))
            return (response.status, String(buffer: response.body))
        }

        func api(_ language: String, _ text: String) async throws -> (HTTPResponse.Status, String) {
            try await api(language, .list([.object(["year": .number(2020), "value": .string(text)])]))
        }

        /// Exports the workbook in `language`, types `text` as the first row's value and imports it with apply=true.
        func workbook(_ language: String, _ text: String) async throws -> (HTTPResponse.Status, String, location: String) {
            let exported = try await client.execute(uri: "/api/reports/\(reportID)/export/xlsx?language=\(language)", method: .get, headers: bearer(token, json: false))
            var workbook = try XLSXReader.read(Data(exported.body.readableBytesView))
            let hidden = try #require(workbook["_synergia"])
            var location = ""
            for (part, value) in [("data:0:year", CellValue.number(2020)), ("data:0:value", .string(text))] {
                let row = try #require((2...hidden.rowCount).first { hidden[$0, 3].stringValue == AnswerChannelParityTests.key && hidden[$0, 4].stringValue == part })
                let (sheet, address) = (hidden[row, 1].stringValue!, hidden[row, 2].stringValue!)
                let cell = CellAddress(address)!
                workbook.sheets[workbook.sheets.firstIndex { $0.name == sheet }!].set(value, row: cell.row, column: cell.column, style: .input)
                location = address
            }
            let response = try await client.execute(uri: "/api/reports/\(reportID)/import-xlsx?apply=true", method: .post, headers: bearer(token, json: false),
                                                    body: ByteBuffer(bytes: try XLSXWriter.write(workbook)))
            return (response.status, String(buffer: response.body), location)
        }

        func clear() async throws {
            #expect(try await api("en", AnswerValue.null).0 == .ok)
            #expect(try await stored()?.value == .null)
        }
    }

    func withChannels(_ kind: DatabaseKind, _ body: @escaping @Sendable (Channels) async throws -> Void) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.focalPoint))
            let (headers, form) = SynergiaServerTests.form(session, ["template": "unccd-prais-so1"])
            let created = try await client.execute(uri: "/w/KEN/reports", method: .post, headers: headers, body: form)
            let id = try #require(created.headers[.location].flatMap { Int64($0.split(separator: "/").last.map(String.init) ?? "") })
            try await body(Channels(client: client, app: app, reportID: id, session: session, token: try await app.token(.focalPoint)))
        }
    }

    static func rows(_ value: Double) -> AnswerValue {
        .list([.object(["year": .number(2020), "value": .number(value), "unit": .string("percent"), "indicator": .string("SDG-15.3.1")])])
    }

    @Test(arguments: TestDatabase.kinds)
    func theSameNumberTextStoresTheSameRowThroughEveryChannel(kind: DatabaseKind) async throws {
        try await withChannels(kind) { channels in
            for (language, text, value) in Self.accepted {
                try await channels.clear()
                let (formStatus, page) = try await channels.form(language, text)
                #expect(formStatus == .seeOther, "\(text): \(page.prefix(300))")
                #expect(try await channels.stored()?.value == Self.rows(value), "form \(language) \(text)")

                try await channels.clear()
                let (apiStatus, apiBody) = try await channels.api(language, text)
                #expect(apiStatus == .ok, "\(text): \(apiBody)")
                #expect(try await channels.stored()?.value == Self.rows(value), "API \(language) \(text)")

                try await channels.clear()
                let (bookStatus, bookBody, _) = try await channels.workbook(language, text)
                #expect(bookStatus == .ok, "\(text): \(bookBody)")
                let imported = try await channels.stored()
                #expect(imported?.value == Self.rows(value), "workbook \(language) \(text)")
                #expect(imported?.provenance.kind == .imported)
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aRefusedNumberLeavesTheDatabaseUnchangedWhateverTheChannel(kind: DatabaseKind) async throws {
        try await withChannels(kind) { channels in
            #expect(try await channels.api("en", "7").0 == .ok)
            let before = try await channels.app.store.answers(reportID: channels.reportID)
            let audited = try await channels.app.store.audit(reportID: channels.reportID).count
            for (language, text, explanation) in Self.refused {
                let (formStatus, page) = try await channels.form(language, text)
                #expect(formStatus == .unprocessableContent)
                let label = language == "fr" ? "Valeur" : "Value"
                #expect(page.contains("\(label) 1: " + explanation.replacingOccurrences(of: "'", with: "&#39;")), "\(page.components(separatedBy: "role=\"alert\"").dropFirst().first?.prefix(300) ?? "")")

                let (apiStatus, apiBody) = try await channels.api(language, text)
                #expect(apiStatus == .unprocessableContent)
                #expect(apiBody.contains(Self.refusedAsJSON[text] ?? "\(Self.key), row 1, value: \(explanation)"), "\(apiBody)")

                let (bookStatus, bookBody, location) = try await channels.workbook(language, text)
                #expect(bookStatus == .unprocessableContent)
                #expect(bookBody.contains("nothing was imported"))
                #expect(bookBody.contains("\(location): \(explanation)"), "\(bookBody)")
            }
            #expect(try await channels.app.store.answers(reportID: channels.reportID) == before)
            #expect(try await channels.app.store.audit(reportID: channels.reportID).count == audited)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aNumberQuestionReadsTypedTextTheSameInTheFormAndTheAPI(kind: DatabaseKind) async throws {
        try await withChannels(kind) { channels in
            let key = "so1_4_degraded_area"
            func stored() async throws -> Answer? { try await channels.app.store.answers(reportID: channels.reportID).first { $0.key.description == key } }
            var (headers, body) = form(channels.session, ["key": key, "version": String(try await stored()?.version ?? 0), "value": "1 234,5"])
            headers[.cookie] = channels.session.cookie + "; synergia_lang=fr"
            #expect(try await channels.client.execute(uri: "/reports/\(channels.reportID)/answer", method: .post, headers: headers, body: body).status == .seeOther)
            let fromForm = try #require(try await stored())
            #expect(fromForm.value == .number(1234.5))

            let put = try await channels.client.execute(uri: "/api/reports/\(channels.reportID)/answers/\(key)", method: .put, headers: bearer(channels.token),
                                                        body: ByteBuffer(string: #"{"value":"1,234.5","version":\#(fromForm.version)}"#))
            #expect(put.status == .ok)
            let fromAPI = try #require(try await stored())
            #expect(fromAPI.value == .number(1234.5) && fromAPI.version == fromForm.version + 1)
            // JSON of the wrong type is refused by the question's shape, as before.
            let wrong = try await channels.client.execute(uri: "/api/reports/\(channels.reportID)/answers/\(key)", method: .put, headers: bearer(channels.token),
                                                          body: ByteBuffer(string: #"{"value":"many","version":\#(fromAPI.version)}"#))
            #expect(wrong.status == .unprocessableContent)
            #expect(String(buffer: wrong.body).contains("\(key): expects a number in km2"))
            #expect(try await stored() == fromAPI)
        }
    }
}
