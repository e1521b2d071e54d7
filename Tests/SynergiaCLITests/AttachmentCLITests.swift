import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// `synergia report attach | attachments | detach` through the built binary,
/// with an attachments folder of the test's own (SYNERGIA_ATTACHMENTS_DIR).
@Suite struct AttachmentCLITests {
    let cli = CLITests()
    let focal = ["--as", "focal.point@demo.synergia.example"]

    func run(_ arguments: [String], database: String, folder: URL) throws -> CLITests.Run {
        try SynergiaProcess.run(arguments, database: database, environment: ["SYNERGIA_ATTACHMENTS_DIR": folder.path])
    }

    @Test(arguments: TestDatabase.kinds)
    func attachListSaveExportAndDetach(kind: DatabaseKind) async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-cli-attach-\(UUID().uuidString)", isDirectory: true)
        let folder = work.appendingPathComponent("attachments", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
        // sha256sum of those 51 bytes.
        let sha256 = "4579fbf2740104b473bd355e10bad2bc7534f0496119a9390915199f1db01180"
        let plan = work.appendingPathComponent("Plan national.pdf")
        try pdf.write(to: plan)
        let fake = work.appendingPathComponent("map.pdf")
        try Data("minutes of the national committee".utf8).write(to: fake)

        try await cli.withSeededDatabase(kind) { db in
            let attached = try run(["report", "attach", "1", "other_documents", plan.path] + focal, database: db, folder: folder)
            #expect(attached.status == 0, "\(attached.stderr)")
            #expect(attached.stdout == "Attached Plan national.pdf to other_documents as attachment 1 (application/pdf, 51 bytes, sha256 \(sha256)).\n")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("45/\(sha256)").path))

            let refused = try run(["report", "attach", "1", "other_documents", fake.path] + focal, database: db, folder: folder)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("'map.pdf' is not a PDF document: its content is plain text"), "\(refused.stderr)")
            let tooLarge = try run(["report", "attach", "1", "other_documents", plan.path, "--max-size", "0"] + focal, database: db, folder: folder)
            #expect(tooLarge.status == 1)
            #expect(tooLarge.stderr.contains("'Plan national.pdf' has 51 bytes, more than the 0 MB a file may have"), "\(tooLarge.stderr)")
            let viewer = try run(["report", "attach", "1", "other_documents", plan.path, "--as", "reviewer@demo.synergia.example"], database: db, folder: folder)
            #expect(viewer.status == 1)

            let listed = try run(["report", "attachments", "1"], database: db, folder: folder)
            #expect(listed.stdout.contains("1   other_documents  Plan national.pdf  application/pdf  51     \(sha256)"), "\(listed.stdout)")
            let copy = work.appendingPathComponent("copy.pdf").path
            let saved = try run(["report", "attachments", "1", "--save", "1", "--out", copy], database: db, folder: folder)
            #expect(saved.status == 0, "\(saved.stderr)")
            #expect(FileManager.default.contents(atPath: copy) == pdf)

            let zip = work.appendingPathComponent("report.zip").path
            let exported = try run(["report", "export", "1", "--format", "zip", "--out", zip], database: db, folder: folder)
            #expect(exported.status == 0, "\(exported.stderr)")
            let bytes = try #require(FileManager.default.contents(atPath: zip))
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            #expect(bytes.range(of: Data("files/\(sha256)-Plan national.pdf".utf8)) != nil)

            let detached = try run(["report", "detach", "1", "1"] + focal, database: db, folder: folder)
            #expect(detached.stdout == "Detached Plan national.pdf from other_documents.\n", "\(detached.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("45/\(sha256)").path))
            let audit = try run(["report", "audit", "1"], database: db, folder: folder)
            #expect(audit.stdout.contains("attach") && audit.stdout.contains("detach"))
        }
    }
}
