import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// `synergia report check` and the warnings printed by a move to review.
@Suite struct ReportCheckCLITests {
    let cli = CLITests()
    let focal = ["--as", "focal.point@demo.synergia.example"]

    /// The version of an answer as `report show --json` gives it (0 when not answered).
    func version(of key: String, report: String, database: String) throws -> Int {
        let shown = try cli.run(["report", "show", report, "--json"], database: database)
        func find(_ node: Any) -> Int? {
            if let object = node as? [String: Any] {
                if object["key"] as? String == key, let version = object["version"] as? Int { return version }
                return object.values.lazy.compactMap(find).first
            }
            if let list = node as? [Any] { return list.lazy.compactMap(find).first }
            return nil
        }
        return find(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8))) ?? 0
    }

    func answer(_ report: String, _ key: String, _ value: String, database: String) throws {
        let version = try version(of: key, report: report, database: database)
        let saved = try cli.run(["report", "answer", report, key, "--value", value, "--keep-local"] + (version > 0 ? ["--version", String(version)] : []) + focal,
                                database: database)
        #expect(saved.status == 0, "\(saved.stderr)")
    }

    @Test(arguments: TestDatabase.kinds)
    func aCheckListsTheWarningWithBothPlacesAndAMoveToReviewPrintsIt(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            // The demo holds the CBD report (1) and the UNCCD report (2).
            let created = try cli.run(["report", "create", "--workspace", "KEN", "--template", "cms-cop15"] + focal, database: db)
            #expect(created.stdout.contains("Created report 3 (cms-cop15)"), "\(created.stderr)")
            try answer("1", "pa_coverage_land", "24.6", database: db)
            try answer("3", "pa_coverage_land", "15", database: db)

            let check = try cli.run(["report", "check", "3"], database: db)
            #expect(check.status == 0, "\(check.stderr)")
            let lines = check.stdout.split(separator: "\n").map(String.init)
            let warning = try #require(lines.firstIndex { $0.hasPrefix("warning  pa-coverage-land-cbd-cms:") })
            #expect(lines[warning] == "warning  pa-coverage-land-cbd-cms: Protected-area coverage on land is 24.6 % in the CBD national report but 15 % in the CMS national report.")
            #expect(lines[warning + 1] == "         report 1 (cbd-7nr) pa_coverage_land = 24.6")
            #expect(lines[warning + 2] == "         report 3 (cms-cop15) pa_coverage_land = 15")
            #expect(lines.last == "1 warning(s); they do not keep the report from moving.")

            let strict = try cli.run(["report", "check", "3", "--fail-on-warning"], database: db)
            #expect(strict.status == 3)
            let json = try cli.run(["report", "check", "3", "--json", "--language", "es"], database: db)
            #expect(json.stdout.contains("\"message\" : \"La cobertura de áreas protegidas en tierra es del 24.6 % en el informe nacional al CDB pero del 15 % en el informe nacional a la CMS.\""))

            let moved = try cli.run(["report", "transition", "3", "submit_for_review"] + focal, database: db)
            #expect(moved.status == 0, "\(moved.stderr)")
            #expect(moved.stdout.contains("Report 3 is now in_review."))
            #expect(moved.stdout.contains("warning: Protected-area coverage on land is 24.6 % in the CBD national report but 15 % in the CMS national report."))
            #expect(moved.stdout.contains("  report 1 (cbd-7nr) pa_coverage_land = 24.6; report 3 (cms-cop15) pa_coverage_land = 15"))

            try answer("1", "pa_coverage_land", "15.04", database: db)
            let agreed = try cli.run(["report", "check", "3", "--fail-on-warning"], database: db)
            #expect(agreed.status == 0)
            #expect(agreed.stdout.contains("agrees   pa-coverage-land-cbd-cms: 15.04 and 15 (within 0.05 percent)"))
            #expect(agreed.stdout.hasSuffix("No warnings.\n"))
        }
    }
}
