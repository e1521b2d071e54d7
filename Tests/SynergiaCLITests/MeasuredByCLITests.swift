import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// `synergia national-target add|update --measured-by … --disaggregation …` and
/// `synergia progress` on the bound series, converted to the target's unit;
/// through the built binary.
@Suite struct MeasuredByCLITests {
    let cli = CLITests()

    @Test(arguments: TestDatabase.kinds)
    func aTargetIsBoundToASeriesAndAssessedInItsOwnUnit(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let shown = try cli.run(["national-target", "show", "--workspace", "KEN", "T1"], database: db)
            #expect(shown.stdout.contains("Measured by: GBF-3.1 realm=land"), "\(shown.stdout)")

            // T2 restated in km²: 5.1 Mha = 51,000 km² by 2030, measured by GBF-2.1 (recorded in Mha).
            let update = try cli.run(["national-target", "update", "--workspace", "KEN", "--code", "T2", "--version", "1",
                                      "--title", "Restore 51,000 km² of degraded land", "--unit", "km2",
                                      "--baseline", "2020:0", "--target", "2030:51000", "--align", "GBF-2:high",
                                      "--indicator", "GBF-2.1", "--measured-by", "GBF-2.1", "--json"], database: db)
            #expect(update.status == 0, "\(update.stderr)")
            let saved = try #require(try JSONSerialization.jsonObject(with: Data(update.stdout.utf8)) as? [String: Any])
            #expect(saved["measuredBy"] as? [String: String] == ["indicator": "GBF-2.1", "disaggregation": ""])

            let progress = try cli.run(["progress", "--workspace", "KEN", "--json"], database: db)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(progress.stdout.utf8)) as? [[String: Any]])
            let t2 = try #require(rows.first { $0["code"] as? String == "KEN-T2" })
            let latest = try #require((t2["assessment"] as? [String: Any])?["latest"] as? [String: Any])
            #expect(latest["year"] as? Int == 2024)
            #expect(latest["value"] as? Double == 21_000)
            #expect(t2["seriesUnit"] as? String == "Mha")
            let table = try cli.run(["progress", "--workspace", "KEN"], database: db)
            #expect(table.stdout.contains("KEN-T2: values of GBF-2.1 in Mha converted to km2"), "\(table.stdout)")

            let percent = try cli.run(["national-target", "update", "--workspace", "KEN", "--code", "T2", "--version", "2",
                                       "--title", "Restore a tenth of the land", "--unit", "percent",
                                       "--baseline", "2020:0", "--target", "2030:10", "--indicator", "GBF-2.1"], database: db)
            #expect(percent.status == 0, "\(percent.stderr)")
            let refused = try cli.run(["progress", "--workspace", "KEN"], database: db)
            #expect(refused.stdout.contains("KEN-T2: progress not assessed: unit Mha (area) cannot be converted to percent (share); a value must be stated in a unit of the same dimension (the target is in percent, its series in Mha)"), "\(refused.stdout)")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aDisaggregationWithoutItsIndicatorOrAMalformedOneIsRefused(kind: DatabaseKind) async throws {
        try await cli.withSeededDatabase(kind) { db in
            let alone = try cli.run(["national-target", "add", "--workspace", "KEN", "--code", "T9", "--title", "Sea",
                                     "--indicator", "GBF-3.1", "--disaggregation", "realm=marine"], database: db)
            #expect(alone.status != 0)
            #expect(alone.stderr.contains("--disaggregation needs --measured-by: name the indicator of the series, e.g. --measured-by GBF-3.1 --disaggregation realm=land"), "\(alone.stderr)")
            let malformed = try cli.run(["national-target", "add", "--workspace", "KEN", "--code", "T9", "--title", "Sea",
                                         "--indicator", "GBF-3.1", "--measured-by", "GBF-3.1", "--disaggregation", "marine"], database: db)
            #expect(malformed.status == 1)
            #expect(malformed.stderr.contains("national target KEN-T9: the disaggregation 'marine' is not key=value pairs joined by ';' (at 'marine'); write it as the series is recorded, e.g. realm=land"), "\(malformed.stderr)")
            let list = try cli.run(["national-target", "list", "--workspace", "KEN"], database: db)
            #expect(!list.stdout.contains("KEN-T9"))
        }
    }
}
