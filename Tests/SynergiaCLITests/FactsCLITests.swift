import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// `synergia facts`: the register of the demo workspace listed, a fact set for
/// every open report, and refusals that change nothing; through the built binary.
@Suite struct FactsCLITests {
    let cli = CLITests()
    let focal = ["--as", "focal.point@demo.synergia.example"]

    @Test(arguments: TestDatabase.kinds)
    func listSetAndRefuse(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let list = try cli.run(["facts", "list", "--workspace", "KEN"], database: db)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains("focal_point_contact — National focal point"))
            #expect(list.stdout.contains("  register (version 1): Demo focal point, Ministry of Environment (fictional), focal.point@demo.synergia.example"))
            #expect(list.stdout.contains("  report 1 (cbd-7nr, draft) focal_point_contact: Demo focal point"))

            let set = try cli.run(["facts", "set", "--workspace", "KEN", "--concept", "focal_point_contact", "--value", "Jane Doe, NEMA", "--version", "1"] + focal, database: db)
            #expect(set.status == 0, "\(set.stderr)")
            #expect(set.stdout == "Set focal_point_contact (now version 2); open reports that ask it follow.\n")
            #expect(try cli.run(["report", "show", "1", "--json"], database: db).stdout.contains("Jane Doe, NEMA"))

            let stale = try cli.run(["facts", "set", "--workspace", "KEN", "--concept", "focal_point_contact", "--value", "Old page", "--version", "1"] + focal, database: db)
            #expect(stale.status != 0)
            #expect(stale.stderr.contains("fact focal_point_contact was changed by someone else (now version 2, your change was based on version 1); nothing was saved."))
            let unknown = try cli.run(["facts", "set", "--workspace", "KEN", "--concept", "focal_point_phone", "--value", "x", "--version", "0"] + focal, database: db)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("concept 'focal_point_phone' is not a concept of this installation"))
            let entry = try cli.run(["facts", "set", "--workspace", "KEN", "--concept", "focal_point_contact", "--entry", "KEN-T1", "--value", "x", "--version", "2"] + focal, database: db)
            #expect(entry.status != 0)
            #expect(entry.stderr.contains("concept 'focal_point_contact' is asked once per report, not per entry; give no entry (not 'KEN-T1')"))
            let wrongType = try cli.run(["facts", "set", "--workspace", "KEN", "--concept", "coordination_mechanism", "--json", "\"perhaps\"", "--version", "1"] + focal, database: db)
            #expect(wrongType.status != 0)
            #expect(wrongType.stderr.contains("fact coordination_mechanism: expects yes or no"))

            let history = try cli.run(["facts", "history", "--workspace", "KEN", "--fact", "focal_point_contact"], database: db)
            #expect(history.status == 0, "\(history.stderr)")
            let lines = history.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3, "\(history.stdout)")
            #expect(lines.first?.hasSuffix(" focal.point@demo.synergia.example (cli): Demo focal point, Ministry of Environment (fictional), focal.point@demo.synergia.example → Jane Doe, NEMA") == true, "\(history.stdout)")
            #expect(lines.dropFirst().first?.hasSuffix(" focal.point@demo.synergia.example (cli, report 1): — → Demo focal point, Ministry of Environment (fictional), focal.point@demo.synergia.example") == true, "\(history.stdout)")
            #expect(lines.last == "2 change(s) of focal_point_contact.")
            let unknownHistory = try cli.run(["facts", "history", "--workspace", "KEN", "--fact", "focal_point_phone"], database: db)
            #expect(unknownHistory.status != 0)
            #expect(unknownHistory.stderr.contains("concept 'focal_point_phone' is not a concept of this installation"))

            let json = try cli.run(["facts", "list", "--workspace", "KEN", "--json"], database: db)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            let fact = try #require(entries.first { $0["fact"] as? String == "focal_point_contact" })
            #expect(fact["version"] as? Int == 2)
            #expect((fact["value"] as? [String: String]) == ["en": "Jane Doe, NEMA"])
            let provenance = try #require(fact["provenance"] as? [String: Any])
            #expect(provenance["origin"] as? String == "register")
            #expect(provenance["channel"] as? String == "cli")
        }
    }
}
