import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport
import Testing
import ZIPFoundation

/// Files under a report's questions over the API and the report page: the
/// same checks, the same folder, the workspace's roles.
@Suite struct AttachmentRouteTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
    /// sha256sum of `pdf` and of `kml`, and the PDF's digest in base64 as Repr-Digest carries it.
    static let pdfSHA256 = "4579fbf2740104b473bd355e10bad2bc7534f0496119a9390915199f1db01180"
    static let kmlSHA256 = "e0dee27f0ae61dad180d77cf52040982ef81c6e2cfa26b15461107bf3afb784d"
    static let pdfDigest = "RXn78nQBBLRzvTVeELrSvHU08ElhGak5CRUZnx2wEYA="
    static let kml = Data(#"<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Point><coordinates>36.8,-1.3</coordinates></Point></Placemark></kml>"#.utf8)

    /// The test app with an attachments folder of its own (removed afterwards).
    static func withApp(_ kind: DatabaseKind, _ body: @escaping @Sendable (any TestClientProtocol, TestApp, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-route-attachments-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var settings = TestApp.fastSettings
        settings.attachmentsDirectory = folder
        try await TestApp.with(kind, settings: settings) { client, app, _, _ in try await body(client, app, folder) }
    }

    static func files(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix("incoming") && $0.count > 3 }.sorted()
    }

    static func upload(_ client: any TestClientProtocol, report: Int64, key: String = "other_documents", name: String, data: Data, token: String) async throws -> TestResponse {
        let query = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        return try await client.execute(uri: "/api/reports/\(report)/answers/\(key)/attachments?name=\(query)", method: .post,
                                        headers: bearer(token, json: false), body: ByteBuffer(bytes: data))
    }

    struct Listed: Decodable { var id: Int64; var key: String; var name: String; var type: String; var size: Int; var sha256: String; var href: String }

    @Test(arguments: TestDatabase.kinds)
    func theAPIUploadsListsDownloadsAndDetaches(kind: DatabaseKind) async throws {
        try await Self.withApp(kind) { client, app, folder in
            let contributor = try await app.token(.contributor)
            let created = try await Self.upload(client, report: app.kenReport, name: "Rapport d'activité.pdf", data: Self.pdf, token: contributor)
            #expect(created.status == .created)
            let entry = try JSONDecoder().decode(Listed.self, from: Data(buffer: created.body))
            let sha256 = Self.pdfSHA256
            #expect(entry.name == "Rapport d'activité.pdf" && entry.type == "application/pdf" && entry.size == Self.pdf.count && entry.sha256 == sha256)
            #expect(entry.href == "/api/reports/\(app.kenReport)/attachments/\(entry.id)")
            #expect(Self.files(folder) == ["\(sha256.prefix(2))/\(sha256)"])

            // A viewer reads the list and the file, byte for byte, with its digest.
            let viewer = try await app.token(.viewer)
            let list = try await client.execute(uri: "/api/reports/\(app.kenReport)/attachments", method: .get, headers: bearer(viewer))
            #expect(list.status == .ok)
            #expect(try JSONDecoder().decode([Listed].self, from: Data(buffer: list.body)).map(\.sha256) == [sha256])
            try await client.execute(uri: entry.href, method: .get, headers: bearer(viewer)) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == Self.pdf)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"Rapport d'activit_.pdf\"; filename*=UTF-8''Rapport%20d%27activit%C3%A9.pdf")
                #expect(response.headers[.init("Repr-Digest")!] == "sha-256=:\(Self.pdfDigest):")
            }
            // …but may not attach or detach.
            #expect(try await Self.upload(client, report: app.kenReport, name: "b.pdf", data: Self.pdf, token: viewer).status == .forbidden)
            try await client.execute(uri: entry.href, method: .delete, headers: bearer(viewer)) { #expect($0.status == .forbidden) }

            // Outside the workspace the report and its files do not exist.
            let outsider = try await app.token(.administrator)
            try await client.execute(uri: entry.href, method: .get, headers: bearer(outsider)) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("no report with this number"))
            }
            // Nor does the attachment under another report's number.
            try await client.execute(uri: "/api/reports/\(app.fraReport)/attachments/\(entry.id)", method: .get, headers: bearer(viewer)) { #expect($0.status == .notFound) }

            let removed = try await client.execute(uri: entry.href, method: .delete, headers: bearer(contributor))
            #expect(removed.status == .ok)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(buffer: removed.body)).id == entry.id)
            #expect(try await app.store.attachments(reportID: app.kenReport).isEmpty)
            #expect(Self.files(folder).isEmpty)
            try await client.execute(uri: entry.href, method: .get, headers: bearer(viewer)) { #expect($0.status == .notFound) }
            #expect(try await app.store.audit(reportID: app.kenReport).suffix(2).map(\.action) == ["attach", "detach"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func oversizeAndWrongTypesAreRefusedLeavingNothing(kind: DatabaseKind) async throws {
        try await Self.withApp(kind) { client, app, folder in
            let token = try await app.token(.focalPoint)
            let limit = app.settings.maxUploadBytes
            let big = try await Self.upload(client, report: app.kenReport, name: "scan.pdf", data: Self.pdf + Data(count: limit), token: token)
            #expect(big.status == .contentTooLarge)
            #expect(String(buffer: big.body).contains("'scan.pdf' is larger than \(limit / 1_000_000) MB (SYNERGIA_MAX_UPLOAD_MB); reduce it or split it"))

            let wrong = try await Self.upload(client, report: app.kenReport, name: "sites.kml", data: Self.pdf, token: token)
            #expect(wrong.status == .unprocessableContent)
            #expect(String(buffer: wrong.body).contains("'sites.kml' is not a KML file: its content is a PDF document"))

            let notALink = try await Self.upload(client, report: app.kenReport, key: "report_process", name: "a.pdf", data: Self.pdf, token: token)
            #expect(notALink.status == .unprocessableContent)

            #expect(try await app.store.attachments(reportID: app.kenReport).isEmpty)
            #expect(try await app.store.attachmentFileChecksums().isEmpty)
            #expect(Self.files(folder).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theReportPageAttachesShowsAndRemovesFiles(kind: DatabaseKind) async throws {
        try await Self.withApp(kind) { client, app, folder in
            let session = try #require(try await app.session(.contributor))
            let section = "s_other"
            let (headers, body) = ComputationPagesTests.multipart(session, fields: [("key", "other_documents"), ("section", section)],
                                                                  files: [("file", "../../sites.kml", Self.kml)])
            try await client.execute(uri: "/reports/\(app.kenReport)/attachments", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/reports/\(app.kenReport)?section=\(section)#q-other_documents")
            }
            let attachment = try #require(try await app.store.attachments(reportID: app.kenReport).first)
            #expect(attachment.name == "sites.kml" && attachment.kind == .kml)
            var page = HTTPFields()
            page[.cookie] = session.cookie
            try await client.execute(uri: "/reports/\(app.kenReport)?section=\(section)", method: .get, headers: page) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<a href=\"/reports/\(app.kenReport)/attachments/\(attachment.id)\">sites.kml</a>"))
                #expect(html.contains("action=\"/reports/\(app.kenReport)/attachments\" enctype=\"multipart/form-data\""))
                #expect(html.contains("/api/reports/\(app.kenReport)/export/zip?language=en"))
            }
            try await client.execute(uri: "/reports/\(app.kenReport)/attachments/\(attachment.id)", method: .get, headers: page) { response in
                #expect(response.status == .ok && Data(buffer: response.body) == Self.kml)
                #expect(response.headers[.contentType] == "application/vnd.google-earth.kml+xml")
            }

            // A file that is not what its name says comes back on the page, under the question.
            let (badHeaders, badBody) = ComputationPagesTests.multipart(session, fields: [("key", "other_documents"), ("section", section)],
                                                                        files: [("file", "plan.pdf", Self.kml)])
            try await client.execute(uri: "/reports/\(app.kenReport)/attachments", method: .post, headers: badHeaders, body: badBody) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("&#39;plan.pdf&#39; is not a PDF document: its content is a KML file"))
            }
            // Larger than the upload limit: refused before anything is read into the form.
            let (bigHeaders, bigBody) = ComputationPagesTests.multipart(session, fields: [("key", "other_documents")],
                                                                        files: [("file", "scan.pdf", Self.pdf + Data(count: app.settings.maxUploadBytes))])
            try await client.execute(uri: "/reports/\(app.kenReport)/attachments", method: .post, headers: bigHeaders, body: bigBody) {
                #expect($0.status == .contentTooLarge)
            }
            #expect(try await app.store.attachments(reportID: app.kenReport).count == 1)

            let (removeHeaders, removeBody) = form(session, ["section": section])
            try await client.execute(uri: "/reports/\(app.kenReport)/attachments/\(attachment.id)/delete", method: .post, headers: removeHeaders, body: removeBody) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await app.store.attachments(reportID: app.kenReport).isEmpty)
            #expect(Self.files(folder).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theZipExportCarriesEveryFileWithItsChecksum(kind: DatabaseKind) async throws {
        try await Self.withApp(kind) { client, app, _ in
            let token = try await app.token(.focalPoint)
            #expect(try await Self.upload(client, report: app.kenReport, name: "plan.pdf", data: Self.pdf, token: token).status == .created)
            #expect(try await Self.upload(client, report: app.kenReport, name: "sites.kml", data: Self.kml, token: token).status == .created)
            // nbsap_document is asked only of an updated NBSAP: like its answer, its file stays out of the export.
            let hidden = Data(#"{"type": "Point", "coordinates": [36.8, -1.3]}"#.utf8)
            #expect(try await Self.upload(client, report: app.kenReport, key: "nbsap_document", name: "point.geojson", data: hidden, token: token).status == .created)
            let response = try await client.execute(uri: "/api/reports/\(app.kenReport)/export/zip", method: .get, headers: bearer(token))
            #expect(response.status == .ok && response.headers[.contentType] == "application/zip")
            let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
            var contents: [String: Data] = [:]
            for entry in archive {
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                contents[entry.path] = data
            }
            let pdfSHA = Self.pdfSHA256, kmlSHA = Self.kmlSHA256
            #expect(Set(contents.keys) == ["report.json", "files/\(pdfSHA)-plan.pdf", "files/\(kmlSHA)-sites.kml"])
            #expect(contents["files/\(pdfSHA)-plan.pdf"] == Self.pdf && contents["files/\(kmlSHA)-sites.kml"] == Self.kml)
            let json = String(decoding: try #require(contents["report.json"]), as: UTF8.self)
            #expect(json.contains("\"sha256\" : \"\(pdfSHA)\"") && json.contains("\"name\" : \"sites.kml\""))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSubmittedReportKeepsItsFiles(kind: DatabaseKind) async throws {
        try await Self.withApp(kind) { client, app, folder in
            let token = try await app.token(.focalPoint)
            let created = try await Self.upload(client, report: app.kenReport, name: "plan.pdf", data: Self.pdf, token: token)
            let entry = try JSONDecoder().decode(Listed.self, from: Data(buffer: created.body))
            try await app.store.provider.withDatabase { db in
                try await db.raw("UPDATE reports SET state = 'submitted' WHERE id = \(bind: app.kenReport)").run()
            }
            let again = try await Self.upload(client, report: app.kenReport, name: "more.pdf", data: Self.pdf, token: token)
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("the report is submitted; answers can change only in draft or in review (reopen it first)"))
            try await client.execute(uri: entry.href, method: .delete, headers: bearer(token)) { #expect($0.status == .conflict) }
            #expect(try await app.store.attachments(reportID: app.kenReport).map(\.id) == [entry.id])
            #expect(Self.files(folder).count == 1)
        }
    }
}
