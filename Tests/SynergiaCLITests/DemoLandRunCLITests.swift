import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// `synergia seed --demo` as the README shows it: the demo workspace gets a land-degradation run
/// with its SO1 tables, its UNCCD report opens with those tables filled from the run, and its
/// CBD report with sections III and IV answered from the demo's targets and series.
@Suite struct DemoLandRunCLITests {
    static let so1Tables: [(question: String, table: String)] = [
        ("so1_1_land_cover", "land_cover_area"), ("so1_1_change_baseline", "land_cover_change_baseline"),
        ("so1_1_change_reporting", "land_cover_change_latest"), ("so1_1_degradation", "land_cover_degradation"),
        ("so1_2_lpd_baseline", "lpd_by_land_cover_baseline"), ("so1_2_lpd_reporting", "lpd_by_land_cover_latest"),
        ("so1_2_lpd", "lpd_classes_latest"), ("so1_2_degradation", "productivity_degradation"),
        ("so1_3_soc", "soc_by_land_cover"), ("so1_3_degradation", "soc_degradation"),
        ("so1_4_status", "status_latest"), ("so1_4_degraded_by_period", "degraded_by_period"),
    ]

    @Test(arguments: TestDatabase.kinds)
    func theDemoHasALandRunAndReportsFilledFromItAndFromItsTargets(kind: DatabaseKind) async throws {
        let cli = CLITests()
        try await TestDatabase.withDatabaseURL(kind) { url in
            let seeded = try cli.run(["seed", "--demo"], database: url)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            #expect(seeded.stdout.contains("Demo land-degradation run(s) recorded: #1."))
            #expect(seeded.stdout.contains("Demo report(s) started: 1, 2."))
            let again = try cli.run(["seed", "--demo"], database: url)
            #expect(again.status == 0 && !again.stdout.contains("land-degradation run"), "\(again.stdout)")

            try await withMigratedStore(url: url, logger: TestDatabase.logger) { store in
                let workspace = try #require(try await store.workspace(country: "KEN"))
                let runs = try await store.runs(workspaceID: workspace.id).filter { $0.engine == "land-degradation" }
                #expect(runs.count == 1)
                let run = try #require(runs.first)
                let tables = Dictionary(uniqueKeysWithValues: try await store.runTables(runID: run.id).map { ($0.name, $0) })
                #expect(Set(tables.keys) == Set(Self.so1Tables.map(\.table)))

                let reports = try await store.reports(workspaceID: workspace.id)
                let unccd = try #require(reports.first { $0.templateID == "unccd-prais-so1" })
                let answers = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: unccd.id).map { ($0.key.description, $0) })
                for (question, _) in Self.so1Tables {
                    let answer = try #require(answers[question], "\(question) is not filled")
                    #expect(answer.provenance.origin == .run && answer.provenance.sourceRunID == run.id && answer.provenance.sourceEngine == "land-degradation", "\(question)")
                }
                // The land cover table is the run's, the template renaming the run's columns.
                let landCover = try #require(tables["land_cover_area"])
                let renamed = ["initial": "initial_area", "baseline": "baseline_area", "previous_reporting": "previous_reporting_area", "latest": "latest_area"]
                #expect(landCover.cells.count == 7)
                #expect(answers["so1_1_land_cover"]?.value == .object(landCover.cells.mapValues { cells in
                    .object(Dictionary(uniqueKeysWithValues: cells.map { (renamed[$0.key]!, AnswerValue.number($0.value)) }))
                }))
                // The demo's own answers are kept beside the prefilled ones.
                #expect(answers["so1_1_baseline_year"]?.value == .number(2015))

                let cbd = try #require(reports.first { $0.templateID == "cbd-7nr" })
                let cbdAnswers = try await store.answers(reportID: cbd.id)
                let targets = try await store.nationalTargets(workspaceID: workspace.id)
                #expect(targets.count == 8)
                for target in targets {
                    for field in ["target_alignment", "target_progress_level"] {
                        let answer = cbdAnswers.first { $0.key == AnswerKey(question: field, group: "target_progress", entry: target.code) }
                        #expect(answer?.provenance.origin == .nationalTarget && answer?.provenance.sourceTarget == target.code, "\(target.code) \(field)")
                    }
                }
                let indicatorData = cbdAnswers.filter { $0.key.question == "target_indicator_data" && $0.provenance.origin == .nationalTarget }
                #expect(indicatorData.count == 7)
                // Section IV: the proportion of degraded land is the land run's latest value.
                let degraded = try #require(cbdAnswers.first { $0.key.question == "degraded_land_percent" })
                #expect(degraded.provenance.origin == .series && degraded.provenance.sourceRunID == run.id)
                let latest = try #require(tables["degraded_by_period"]?.cells["report_2023"]?["degraded_percent"])
                #expect(degraded.value == .number((latest * 10_000).rounded() / 10_000))
            }
        }
    }
}
