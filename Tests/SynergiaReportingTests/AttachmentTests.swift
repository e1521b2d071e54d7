import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport
import Testing

/// Files carried by answers, through the one service the web, the API and the CLI share.
@Suite struct AttachmentTests {
    static let pdf = Data("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
    static let geoJSON = Data(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.8, -1.3]}, "properties": {}}]}"#.utf8)

    /// The fixture's service with a folder of its own, removed afterwards.
    static func withService(_ kind: DatabaseKind, _ body: (ReportFixture, ReportService, URL) async throws -> Void) async throws {
        try await TestDatabase.withStore(kind) { store in
            let fixture = try await ReportFixture.make(store)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-attachments-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var service = fixture.service
            service.attachmentFiles = AttachmentFiles(directory: folder)
            service.maximumAttachmentBytes = 1_000
            try await body(fixture, service, folder)
        }
    }

    /// Every file under the folder, staging area included, as paths relative to it.
    static func storedFiles(_ folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { item -> String? in
            guard let url = item as? URL, (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { return nil }
            return String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
        }.sorted()
    }

    static let key = AnswerKey(question: "other_documents")

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    @Test(arguments: TestDatabase.kinds)
    func aFileRoundTripsWithItsChecksumAndIsAudited(kind: DatabaseKind) async throws {
        try await Self.withService(kind) { f, service, folder in
            let report = try await service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            // sha256sum of the same 77 bytes.
            let sha256 = "6f71714ba1d09b1fc838e8661ee4d0170fd38f6913426432ad289af8ecc52510"
            #expect(Self.pdf.count == 77)
            let attached = try await service.attach(reportID: report.id, key: Self.key, fileName: "C:\\NBSAP\\Plan national.pdf", data: Self.pdf, actor: f.contributor)
            #expect(attached.name == "Plan national.pdf")
            #expect(attached.kind == .pdf && attached.size == Self.pdf.count && attached.sha256 == sha256)
            #expect(attached.uploadedBy == f.contributor.userID)
            #expect(Self.storedFiles(folder) == ["\(sha256.prefix(2))/\(sha256)"])

            let (listed, data) = try await service.download(reportID: report.id, attachmentID: attached.id)
            #expect(listed == attached && data == Self.pdf)
            #expect(try await service.attachments(reportID: report.id) == [attached])

            let audit = try await f.store.audit(reportID: report.id).last
            #expect(audit?.action == "attach" && audit?.key == "other_documents" && audit?.note == "Plan national.pdf")
            #expect(audit?.newValue == .object(["name": .string("Plan national.pdf"), "type": .string("application/pdf"),
                                                "size": .number(Double(Self.pdf.count)), "sha256": .string(sha256)]))

            // The exports list it under its question.
            let document = try Self.decoder.decode(ReportDocument.self, from: try await service.exportJSON(reportID: report.id))
            let item = try #require(document.sections.flatMap(\.items).first { $0.key == "other_documents" })
            #expect(item.attachments == [AttachedFile(attached)])
            #expect(try await service.exportHTML(reportID: report.id).contains("<li>Plan national.pdf (application/pdf, \(Self.pdf.count) bytes, SHA-256 \(sha256))</li>"))
            let csv = try await service.exportCSV(reportID: report.id)
            #expect(csv.contains("other_documents,other_documents,attachment,Plan national.pdf,"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func refusalsLeaveNoRowAndNoFile(kind: DatabaseKind) async throws {
        try await Self.withService(kind) { f, service, folder in
            let report = try await service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let auditBefore = try await f.store.audit(reportID: report.id).count

            let wrongType = await #expect(throws: DomainError.self) {
                try await service.attach(reportID: report.id, key: Self.key, fileName: "map.pdf", data: Self.png, actor: f.contributor)
            }
            #expect(wrongType?.message == "'map.pdf' is not a PDF document: its content is a PNG image; attach the file itself, or give it the ending of what it is")
            let oversize = await #expect(throws: DomainError.self) {
                try await service.attach(reportID: report.id, key: Self.key, fileName: "big.pdf", data: Self.pdf + Data(count: 1_000), actor: f.contributor)
            }
            #expect(oversize?.message == "'big.pdf' has \(Self.pdf.count + 1_000) bytes, more than the 1000 bytes a file may have (SYNERGIA_MAX_UPLOAD_MB); reduce it or split it")
            let notALink = await #expect(throws: DomainError.self) {
                try await service.attach(reportID: report.id, key: AnswerKey(question: "report_process"), fileName: "a.pdf", data: Self.pdf, actor: f.contributor)
            }
            #expect(notALink?.message.hasPrefix("report_process does not take files; questions of cbd-7nr that do: ") == true)
            #expect(notALink?.message.contains("other_documents") == true)
            let reviewer = await #expect(throws: DomainError.self) {
                try await service.attach(reportID: report.id, key: Self.key, fileName: "a.pdf", data: Self.pdf, actor: f.reviewer)
            }
            #expect(reviewer?.kind == .forbidden)

            #expect(try await service.attachments(reportID: report.id).isEmpty)
            #expect(try await f.store.attachmentFileChecksums().isEmpty)
            #expect(try await f.store.audit(reportID: report.id).count == auditBefore)
            #expect(Self.storedFiles(folder).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func detachRemovesTheFileOnceNoAnswerCarriesIt(kind: DatabaseKind) async throws {
        try await Self.withService(kind) { f, service, folder in
            let report = try await service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let first = try await service.attach(reportID: report.id, key: Self.key, fileName: "sites.geojson", data: Self.geoJSON, actor: f.contributor)
            let second = try await service.attach(reportID: report.id, key: AnswerKey(question: "nbsap_document"), fileName: "copy.geojson", data: Self.geoJSON, actor: f.focalPoint)
            #expect(first.sha256 == second.sha256)
            #expect(Self.storedFiles(folder).count == 1)

            let removed = try await service.detach(reportID: report.id, attachmentID: first.id, actor: f.contributor)
            #expect(removed == first)
            #expect(try await service.attachments(reportID: report.id) == [second])
            #expect(Self.storedFiles(folder).count == 1, "the other answer still carries the content")
            #expect(try await service.download(reportID: report.id, attachmentID: second.id).data == Self.geoJSON)

            _ = try await service.detach(reportID: report.id, attachmentID: second.id, actor: f.focalPoint)
            #expect(try await service.attachments(reportID: report.id).isEmpty)
            #expect(try await f.store.attachmentFileChecksums().isEmpty)
            #expect(Self.storedFiles(folder).isEmpty)
            #expect(try await f.store.audit(reportID: report.id).suffix(2).map(\.action) == ["detach", "detach"])

            let again = await #expect(throws: DomainError.self) {
                try await service.detach(reportID: report.id, attachmentID: second.id, actor: f.focalPoint)
            }
            #expect(again?.message == "report \(report.id) has no attachment \(second.id); list the report's attachments to see their numbers")
        }
    }

    /// A template asking for one document only, so that a report can go all the way to submitted.
    static let evidenceCatalog: TemplateCatalog = {
        let shared = ReportFixture.sharedCatalog
        let template = ReportTemplate(id: "evidence", convention: "CBD", cycle: "2026", version: 1, languages: ["en"], title: LocalizedText(en: "Evidence"),
                                      source: "test", sections: [TemplateSection(id: "a", title: LocalizedText(en: "A"), questions: [
                                          Question(id: "other_documents", type: .link, label: LocalizedText(en: "Supporting documents")),
                                      ])])
        return TemplateCatalog(templates: Array(shared.templates.values) + [template], concepts: Array(shared.concepts.values), choiceLists: shared.choiceLists)
    }()

    @Test(arguments: TestDatabase.kinds)
    func aSubmittedReportRefusesAttachAndDetach(kind: DatabaseKind) async throws {
        try await Self.withService(kind) { f, base, folder in
            var service = ReportService(store: f.store, catalog: Self.evidenceCatalog, messages: base.messages)
            service.attachmentFiles = base.attachmentFiles
            let report = try await service.create(workspace: f.workspace, templateID: "evidence", actor: f.focalPoint)
            let attached = try await service.attach(reportID: report.id, key: Self.key, fileName: "plan.pdf", data: Self.pdf, actor: f.focalPoint)
            var version = try await f.store.report(id: report.id)!.version
            for step in [ReportTransition.submitForReview, .approve, .submit] {
                version = try await service.transition(reportID: report.id, step, expectedVersion: version, reason: nil, actor: f.focalPoint).version
            }
            // The submitted snapshot lists the file as it was.
            let snapshot = try Self.decoder.decode(ReportDocument.self, from: try #require(try await f.store.snapshot(reportID: report.id, number: 1)))
            #expect(snapshot.sections.flatMap(\.items).first?.attachments == [AttachedFile(attached)])

            let attach = await #expect(throws: DomainError.self) {
                try await service.attach(reportID: report.id, key: Self.key, fileName: "more.geojson", data: Self.geoJSON, actor: f.focalPoint)
            }
            #expect(attach?.message == "the report is submitted; answers can change only in draft or in review (reopen it first)")
            let detach = await #expect(throws: DomainError.self) {
                try await service.detach(reportID: report.id, attachmentID: attached.id, actor: f.focalPoint)
            }
            #expect(detach?.message == "the report is submitted; answers can change only in draft or in review (reopen it first)")
            #expect(try await service.attachments(reportID: report.id) == [attached])
            #expect(Self.storedFiles(folder) == ["\(attached.sha256.prefix(2))/\(attached.sha256)"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aStoredFileThatNoLongerMatchesItsChecksumIsRefused(kind: DatabaseKind) async throws {
        try await Self.withService(kind) { f, service, folder in
            let report = try await service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let attached = try await service.attach(reportID: report.id, key: Self.key, fileName: "plan.pdf", data: Self.pdf, actor: f.focalPoint)
            let path = folder.appendingPathComponent(String(attached.sha256.prefix(2))).appendingPathComponent(attached.sha256)
            try Data("%PDF-1.7 altered".utf8).write(to: path)
            let error = await #expect(throws: DomainError.self) { try await service.download(reportID: report.id, attachmentID: attached.id) }
            #expect(error?.message == "the stored file \(attached.sha256.prefix(12))… no longer matches its checksum (changed or damaged on disk); restore it from a backup, or detach it and attach it again")
            #expect(error?.message.contains(folder.path) == false)
            await #expect(throws: DomainError.self) { try await service.exportZIP(reportID: report.id) }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theZipExportHoldsTheReportAndEveryFileUnderItsChecksum(kind: DatabaseKind) async throws {
        try await Self.withService(kind) { f, service, _ in
            let report = try await service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let pdf = try await service.attach(reportID: report.id, key: Self.key, fileName: "plan.pdf", data: Self.pdf, actor: f.focalPoint)
            let map = try await service.attach(reportID: report.id, key: Self.key, fileName: "sites.geojson", data: Self.geoJSON, actor: f.focalPoint)
            let zip = try await service.exportZIP(reportID: report.id)
            #expect(ArchiveListing.read(zip)?.names == ["report.json", "files/\(pdf.sha256)-plan.pdf", "files/\(map.sha256)-sites.geojson"])
        }
    }
}
