import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// `report import-secretariat` through the built binary: a document exported from a
/// report plans no change when read back, and a document over the upload limit is
/// refused before it is read.
@Suite struct SecretariatImportCLITests {
    let cli = CLITests()
    let focal = ["--as", "focal.point@demo.synergia.example"]

    @Test(arguments: TestDatabase.kinds)
    func anExportedDocumentPlansNoChangeAndAnOversizedOneIsRefused(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let document = folder.appendingPathComponent("cbd-ort.json").path
            let exported = try cli.run(["report", "export", "1", "--format", "ort-json", "--out", document], database: db)
            #expect(exported.status == 0, "\(exported.stderr)")

            let plan = try cli.run(["report", "import-secretariat", "1", document] + focal, database: db)
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stdout.contains("0 change(s), 0 conflict(s)"))

            let tooLarge = try cli.run(["report", "import-secretariat", "1", document, "--max-size", "0"] + focal, database: db)
            #expect(tooLarge.status != 0)
            #expect(tooLarge.stderr.contains("cbd-ort.json is 0 MB; the limit is 0 MB (raise it with --max-size)"))
            let missing = try cli.run(["report", "import-secretariat", "1", folder.appendingPathComponent("none.json").path] + focal, database: db)
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("none.json: no such file"))
        }
    }
}
