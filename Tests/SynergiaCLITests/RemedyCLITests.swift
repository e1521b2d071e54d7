import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// The store's refusals carry facts and a remedy; the CLI alone names the
/// command or flag that carries the remedy out (the web's words: RemedyPageTests).
@Suite struct RemedyCLITests {
    let cli = CLITests()

    @Test(arguments: TestDatabase.kinds)
    func refusalsNameTheCommandThatFixesThem(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let country = try cli.run(["workspace", "create", "--country", "XYZ"], database: db)
            #expect(country.status != 0)
            #expect(country.stderr.contains("unknown country code 'XYZ'; use an ISO 3166-1 code such as KEN or KE (see `synergia countries list`)"), "\(country.stderr)")

            let target = try cli.run(["national-target", "add", "--workspace", "KEN", "--code", "T20", "--title", "Wetlands", "--align", "GBF-99:high"], database: db)
            #expect(target.status != 0)
            #expect(target.stderr.contains("national target KEN-T20: unknown global target 'GBF-99'; use a code such as GBF-3 (see `synergia frameworks show GBF`)"), "\(target.stderr)")
            #expect(try cli.run(["national-target", "show", "--workspace", "KEN", "T20"], database: db).status != 0)

            let indicator = try cli.run(["national-target", "add", "--workspace", "KEN", "--code", "T21", "--title", "Wetlands", "--indicator", "KEN-I99"], database: db)
            #expect(indicator.status != 0)
            #expect(indicator.stderr.contains("national target KEN-T21: unknown indicator 'KEN-I99'; use a global indicator code such as GBF-3.1 or define a national one with `synergia indicator define`"), "\(indicator.stderr)")

            let record = ["indicator", "record", "--workspace", "KEN", "--indicator", "GBF-3.1", "--year", "2029", "--unit", "percent", "--source", "test"]
            #expect(try cli.run(record + ["--value", "20"], database: db).status == 0)
            let again = try cli.run(record + ["--value", "21"], database: db)
            #expect(again.status != 0)
            #expect(again.stderr.contains("GBF-3.1 already has a value for 2029 (20.0); pass --replace to overwrite it"), "\(again.stderr)")
            #expect(try value2029(db) == 20)
            #expect(try cli.run(record + ["--value", "21", "--replace"], database: db).status == 0)
            #expect(try value2029(db) == 21)
        }
    }

    /// The headline GBF-3.1 value stored for 2029, read back through `indicator series --json`.
    func value2029(_ db: String) throws -> Double? {
        let shown = try cli.run(["indicator", "series", "--workspace", "KEN", "--indicator", "GBF-3.1", "--json"], database: db)
        let series = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]])
        let headline = series.first { ($0["disaggregation"] as? String) == "" }
        let observations = headline?["observations"] as? [[String: Any]] ?? []
        return observations.first { ($0["year"] as? Int) == 2029 }?["value"] as? Double
    }

    @Test func anAnswerThatIsNotOneTextPointsToTheCommandsHelp() async throws {
        try await cli.withSeededDatabase(.sqlite) { db in
            let focal = ["--as", "focal.point@demo.synergia.example"]
            let created = try cli.run(["report", "create", "--workspace", "KEN", "--template", "unccd-prais-so1"] + focal, database: db)
            let report = try #require(created.stdout.firstMatch(of: /Created report (\d+)/)).1.description
            let table = try cli.run(["report", "answer", report, "so1_1_land_cover", "--text", "12"] + focal, database: db)
            #expect(table.status != 0)
            #expect(table.stderr.contains("so1_1_land_cover: a table answer is not one text; give it as JSON (see `synergia report answer --help`)"), "\(table.stderr)")
        }
    }
}
