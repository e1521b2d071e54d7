import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// `synergia target history`, `synergia series history` and `synergia history restore`
/// through the built binary.
@Suite struct HistoryCLITests {
    let cli = CLITests()

    @Test(arguments: TestDatabase.kinds)
    func targetEditsAreListedAndAFieldIsRestored(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let add = try cli.run(["national-target", "add", "--workspace", "KEN", "--code", "T9", "--title", "Wetlands",
                                   "--baseline", "2018:100", "--target", "2030:120", "--align", "GBF-11:medium"], database: db)
            #expect(add.status == 0, "\(add.stderr)")
            let update = try cli.run(["national-target", "update", "--workspace", "KEN", "--code", "T9", "--version", "1", "--title", "Wetlands",
                                      "--baseline", "2018:100", "--target", "2030:150", "--align", "GBF-11:high"], database: db)
            #expect(update.status == 0, "\(update.stderr)")

            let table = try cli.run(["target", "history", "T9", "--workspace", "KEN"], database: db)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("change") == true)
            #expect(lines.contains { $0.contains("KEN-T9") && $0.contains("target") && $0.contains("120 (2030)") && $0.contains("150 (2030)") && $0.contains("cli") })
            #expect(lines.contains { $0.contains("KEN-T9 → GBF-11") && $0.contains("medium") && $0.contains("high") })

            let json = try cli.run(["target", "history", "KEN-T9", "--workspace", "KEN", "--json"], database: db)
            let changes = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(changes.map { $0["subject"] as? String } == ["national_target", "alignment", "national_target", "alignment"])
            let edit = try #require(changes[2]["id"] as? Int)

            let restored = try cli.run(["history", "restore", "--workspace", "KEN", "--change", String(edit)], database: db)
            #expect(restored.status == 0, "\(restored.stderr)")
            #expect(restored.stdout.contains("Restored change \(edit):"))
            #expect(restored.stdout.contains("restores change \(edit) (cli)"))
            let shown = try cli.run(["national-target", "show", "--workspace", "KEN", "T9", "--json"], database: db)
            let target = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            #expect((target["target"] as? [String: Any])?["value"] as? Double == 120)
            #expect(target["version"] as? Int == 3)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSeriesValueIsRestoredAndAStaleRestoreIsRefusedUnlessForced(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let record = ["indicator", "record", "--workspace", "KEN", "--indicator", "GBF-3.1", "--year", "2029", "--unit", "percent", "--source", "test"]
            #expect(try cli.run(record + ["--value", "20"], database: db).status == 0)
            #expect(try cli.run(record + ["--value", "21", "--replace"], database: db).status == 0)
            #expect(try cli.run(record + ["--value", "22", "--replace"], database: db).status == 0)

            let json = try cli.run(["series", "history", "--workspace", "KEN", "--indicator", "gbf-3.1", "--disaggregation", "", "--json"], database: db)
            #expect(json.status == 0, "\(json.stderr)")
            let changes = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
                .filter { $0["key"] as? String == "GBF-3.1||2029" }
            #expect(changes.count == 3)
            let ids = changes.compactMap { $0["id"] as? Int }

            let stale = try cli.run(["history", "restore", "--workspace", "KEN", "--change", String(ids[1])], database: db)
            #expect(stale.status != 0)
            #expect(stale.stderr.contains("the 2029 value of GBF-3.1 changed after change \(ids[1]): value is now 22, not 21; pass --force to write the old value back over it"), "\(stale.stderr)")
            #expect(try RemedyCLITests().value2029(db) == 22)

            let latest = try cli.run(["history", "restore", "--workspace", "KEN", "--change", String(ids[2])], database: db)
            #expect(latest.status == 0, "\(latest.stderr)")
            #expect(try RemedyCLITests().value2029(db) == 21)
            let forced = try cli.run(["history", "restore", "--workspace", "KEN", "--change", String(ids[1]), "--force"], database: db)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try RemedyCLITests().value2029(db) == 20)

            let table = try cli.run(["series", "history", "--workspace", "KEN", "--indicator", "GBF-3.1"], database: db)
            let rows = table.stdout.split(separator: "\n").filter { $0.contains("GBF-3.1 2029") && $0.contains(" value ") }
            #expect(rows.count == 5)
            #expect(rows.filter { $0.contains("restore") }.count == 2)

            let missing = try cli.run(["history", "restore", "--workspace", "KEN", "--change", "999999"], database: db)
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("no change 999999 in this workspace's history"), "\(missing.stderr)")
        }
    }
}
