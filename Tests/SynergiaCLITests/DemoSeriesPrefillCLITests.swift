import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// `synergia seed --demo`: the demo CBD report opens with its section III indicator data and its
/// section IV headline data, indicator data records and shared facts filled from the demo's series
/// and land run, each naming its source; values in another unit are converted.
@Suite struct DemoSeriesPrefillCLITests {
    static func values(_ value: AnswerValue?, _ field: String) -> [AnswerValue] {
        guard case .list(let rows)? = value else { return [] }
        return rows.map { $0[field] }
    }

    @Test(arguments: TestDatabase.kinds)
    func theDemoCBDReportShowsSectionsIIIAndIVFromTheSeriesAndTheRun(kind: DatabaseKind) async throws {
        let cli = CLITests()
        try await TestDatabase.withDatabaseURL(kind) { url in
            let seeded = try cli.run(["seed", "--demo"], database: url)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            try await withMigratedStore(url: url, logger: TestDatabase.logger) { store in
                let workspace = try #require(try await store.workspace(country: "KEN"))
                let run = try #require(try await store.latestRun(workspaceID: workspace.id, engine: "land-degradation"))
                let reports = try await store.reports(workspaceID: workspace.id)
                let cbd = try #require(reports.first { $0.templateID == "cbd-7nr" })
                let answers = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: cbd.id).map { ($0.key.description, $0) })

                // Shared facts of section IV: GBF-2.1 in Mha shown in km², the sea's coverage, wetland extent.
                #expect(answers["restoration_area"]?.value == .number(21_000))
                #expect(answers["restoration_area"]?.provenance.sourceIndicator == "GBF-2.1")
                #expect(answers["pa_coverage_marine"]?.value == .number(1.6))
                #expect(answers["wetland_extent"]?.value == .number(18_572))
                let degraded = try #require(answers["degraded_land_percent"])
                #expect(degraded.provenance.origin == .series && degraded.provenance.sourceRunID == run.id && degraded.provenance.sourceIndicator == "SDG-15.3.1")

                // Section III: each target's indicator data, T2's in km².
                let t2 = try #require(answers["target_progress[KEN-T2].target_indicator_data"])
                #expect(Self.values(t2.value, "value") == [5_000, 10_000, 16_000, 21_000].map(AnswerValue.number))
                #expect(t2.provenance.sourceTarget == "KEN-T2")
                let t7 = answers["target_progress[KEN-T7].target_indicator_data"]
                #expect(Self.values(t7?.value, "value") == [3.2, 3.21, 3.2].map(AnswerValue.number))

                // Section IV: goal A's headline data and one record per headline indicator with national data.
                #expect(Self.values(answers["goal_progress[GBF-A].goal_headline_data"]?.value, "year")
                        == [2015, 2020, 2024, 2018, 2021, 2024].map { AnswerValue.number(Double($0)) })
                let records = (1...5).compactMap { answers["indicator_data_records[\($0)].indicator_record_indicator"]?.value }
                #expect(records == ["a_2", "a_3", "1_1", "2_1", "3_1"].map(AnswerValue.string))
                #expect((1...5).allSatisfy { answers["indicator_data_records[\($0)].indicator_record_source"]?.value == .string("national") })
                #expect(answers["indicator_data_records[3].indicator_record_data"]?.provenance.sourceIndicator == "GBF-1.1")
            }
        }
    }

    /// `report prefill` names a question a series could not fill, with the refusal of the unit table.
    @Test(arguments: TestDatabase.kinds)
    func prefillNamesTheQuestionsASeriesCouldNotFill(kind: DatabaseKind) async throws {
        let cli = CLITests()
        try await TestDatabase.withDatabaseURL(kind) { db in
            #expect(try cli.run(["seed", "--demo"], database: db).status == 0)
            try await withMigratedStore(url: db, logger: TestDatabase.logger) { store in
                let ken = try #require(try await store.workspace(country: "KEN"))
                _ = try await store.record([ObservationInput(indicator: "GBF-D.2", unit: "percent",
                                                             observation: Observation(year: 2024, value: 0.4, source: "budget review", provenance: .entered(userID: nil)))],
                                           workspaceID: ken.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            }
            let prefill = try cli.run(["report", "prefill", "1", "--as", "focal.point@demo.synergia.example"], database: db)
            #expect(prefill.status == 0, "\(prefill.stderr)")
            #expect(prefill.stdout.hasSuffix("Not prefilled: domestic_biodiversity_funding: series GBF-D.2 not used: unit percent (share) cannot be converted to national_currency (currency); a value must be stated in a unit of the same dimension\n"), "\(prefill.stdout)")
        }
    }
}
