import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// The reporting walk-through of the README, through the built binary.
@Suite struct ReportCLITests {
    let cli = CLITests()
    let focal = ["--as", "focal.point@demo.synergia.example"]

    @Test(arguments: TestDatabase.kinds)
    func ramsarAfterCBDIsPrefilledConflictsShowAndWorkbooksRoundTrip(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let list = try cli.run(["report", "list", "--workspace", "KEN", "--json"], database: db)
            #expect(list.stdout.contains("\"templateID\" : \"cbd-7nr\""))
            let created = try cli.run(["report", "create", "--workspace", "KEN", "--template", "ramsar-cop15"] + focal, database: db)
            #expect(created.status == 0, "\(created.stderr)")
            // The demo workspace holds the CBD report (1) and the UNCCD report (2).
            #expect(created.stdout.contains("Created report 3 (ramsar-cop15)"))
            let shown = try cli.run(["report", "show", "3", "--json"], database: db)
            #expect(shown.stdout.contains("\"sourceTemplateID\" : \"cbd-7nr\""))
            #expect(try cli.run(["report", "conflicts", "--workspace", "KEN"], database: db).stdout.contains("No conflicts"))

            let changed = try cli.run(["report", "answer", "3", "focal_point_contact", "--text", "Someone else", "--version", "1", "--keep-local"] + focal, database: db)
            #expect(changed.status == 0, "\(changed.stderr)")
            let stale = try cli.run(["report", "answer", "3", "focal_point_contact", "--text", "Old page", "--version", "1"] + focal, database: db)
            #expect(stale.status != 0)
            #expect(stale.stderr.contains("changed by someone else"))
            #expect(stale.stderr.contains("Someone else"))
            let conflicts = try cli.run(["report", "conflicts", "--workspace", "KEN"], database: db)
            #expect(conflicts.stdout.contains("focal_point_contact"))

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let workbook = folder.appendingPathComponent("cbd.xlsx").path
            #expect(try cli.run(["report", "export", "1", "--format", "xlsx", "--out", workbook], database: db).status == 0)
            let plan = try cli.run(["report", "import-xlsx", "1", workbook] + focal, database: db)
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stdout.contains("0 change(s), 0 conflict(s)"))
            let wrongReport = try cli.run(["report", "import-xlsx", "2", workbook] + focal, database: db)
            #expect(wrongReport.status != 0)
            #expect(wrongReport.stderr.contains("exported from report 1, not report 2"))
            let tooLarge = try cli.run(["report", "import-xlsx", "1", workbook, "--max-size", "0"] + focal, database: db)
            #expect(tooLarge.status != 0)
            #expect(tooLarge.stderr.contains("the limit is 0 MB"))

            let notAllowed = try cli.run(["report", "transition", "1", "approve", "--as", "contributor@demo.synergia.example"], database: db)
            #expect(notAllowed.status != 0)
            let validate = try cli.run(["report", "validate", "1"], database: db)
            #expect(validate.status == 2)
            #expect(validate.stdout.contains("an answer is required"))
        }
    }
}
