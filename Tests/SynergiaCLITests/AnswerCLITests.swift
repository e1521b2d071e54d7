import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// `synergia report answer` reads numbers typed as text the way the web form,
/// the API and the workbook import read them (AnswerChannelParityTests).
@Suite struct AnswerCLITests {
    let cli = CLITests()
    let focal = ["--as", "focal.point@demo.synergia.example"]

    static let accepted: [(language: String, text: String, value: Double)] = [
        ("fr", "1 234,5", 1234.5), ("en", "1,234.5", 1234.5), ("en", "12.5", 12.5), ("fr", "12.5", 12.5),
        ("en", "-3", -3), ("en", "1e3", 1000), ("fr", "1,234", 1.234), ("en", "1,234", 1234),
    ]

    /// The stored value and version of `key`, read back through `report show --json`.
    func stored(_ report: String, _ key: String, database: String) throws -> (value: Any?, version: Int) {
        let shown = try cli.run(["report", "show", report, "--json"], database: database)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let items = (document["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }
        let item = try #require(items.first { $0["key"] as? String == key })
        return (item["value"], item["version"] as? Int ?? 0)
    }

    func created(_ database: String) throws -> String {
        let created = try cli.run(["report", "create", "--workspace", "KEN", "--template", "unccd-prais-so1"] + focal, database: database)
        #expect(created.status == 0, "\(created.stderr)")
        return try #require(created.stdout.firstMatch(of: /Created report (\d+)/)).1.description
    }

    @Test(arguments: TestDatabase.kinds)
    func numberTextInJSONRowsAndTypedTextIsReadInTheGivenLanguage(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let report = try created(db)
            for (language, text, value) in Self.accepted {
                let version = try stored(report, "so1_4_series", database: db).version
                let json = #"[{"year":2020,"value":"\#(text)"}]"#
                let saved = try cli.run(["report", "answer", report, "so1_4_series", "--value", json, "--language", language, "--version", String(version)] + focal, database: db)
                #expect(saved.status == 0, "\(text): \(saved.stderr)")
                let rows = try #require(try stored(report, "so1_4_series", database: db).value as? [[String: Any]])
                #expect(rows.count == 1)
                #expect(rows.first?["value"] as? Double == value, "\(language) \(text)")
                #expect(rows.first?["year"] as? Double == 2020)
                #expect(rows.first?["unit"] as? String == "percent")
                #expect(rows.first?["indicator"] as? String == "SDG-15.3.1", "the question's indicator, as in the form and the workbook")
            }
            let typed = try cli.run(["report", "answer", report, "so1_4_degraded_area", "--text", "1 234,5", "--language", "fr"] + focal, database: db)
            #expect(typed.status == 0, "\(typed.stderr)")
            #expect(try stored(report, "so1_4_degraded_area", database: db).value as? Double == 1234.5)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func refusedNumberTextNamesTheKeyAndFieldAndChangesNothing(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let report = try created(db)
            let before = try cli.run(["report", "show", report, "--json"], database: db).stdout.replacingOccurrences(of: #""exportedAt" : "[^"]*""#, with: "", options: .regularExpression)
            let audit = try cli.run(["report", "audit", report, "--json"], database: db).stdout

            let ambiguous = try cli.run(["report", "answer", report, "so1_4_series", "--value", #"[{"year":2020,"value":"1.234"}]"#, "--language", "fr"] + focal, database: db)
            #expect(ambiguous.status != 0)
            #expect(ambiguous.stderr.contains("so1_4_series, row 1, value: '1.234' is ambiguous: write 1234 for the whole number or 1,234 for the decimal one"), "\(ambiguous.stderr)")
            let misgrouped = try cli.run(["report", "answer", report, "so1_4_degraded_area", "--text", "1 23"] + focal, database: db)
            #expect(misgrouped.status != 0)
            #expect(misgrouped.stderr.contains("so1_4_degraded_area: '1 23' is not a number: spaces (and commas in English) separate groups of three digits, as in 1 234 567"), "\(misgrouped.stderr)")
            let table = try cli.run(["report", "answer", report, "so1_1_land_cover", "--text", "12"] + focal, database: db)
            #expect(table.status != 0)
            #expect(table.stderr.contains("so1_1_land_cover: a table answer is not one text; give it as JSON"), "\(table.stderr)")

            let after = try cli.run(["report", "show", report, "--json"], database: db).stdout.replacingOccurrences(of: #""exportedAt" : "[^"]*""#, with: "", options: .regularExpression)
            #expect(after == before)
            #expect(try cli.run(["report", "audit", report, "--json"], database: db).stdout == audit)
        }
    }
}
