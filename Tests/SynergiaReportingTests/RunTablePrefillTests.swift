import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// A land run's SO1 tables kept with the run, and the PRAIS template's table questions that
/// declare `from_run` filled from them with the run as their provenance.
@Suite struct RunTablePrefillTests {
    static let classes = ["tree_covered", "grassland", "cropland", "wetland", "artificial", "other_land", "water_bodies"]

    /// Land cover areas in km² by the engine's column names; values with many digits, so a
    /// rounding or a column swap shows.
    static let landCoverArea = RunTable(name: "land_cover_area", units: ["*": "km2"], cells: Dictionary(uniqueKeysWithValues: classes.enumerated().map { index, id in
        (id, ["initial": 1000.125 + Double(index), "baseline": 990.0625 - Double(index), "previous_reporting": 985.5 + Double(index) / 8, "latest": 0.000001 * Double(index + 1)])
    }))
    static let lpdClasses = RunTable(name: "lpd_classes_latest", units: ["area": "km2", "share": "percent"], cells: [
        "declining": ["area": 12.5, "share": 1.25], "stable": ["area": 987.5, "share": 98.75],
    ])

    static func recordRun(_ store: SQLStore, workspace: Workspace, tables: [RunTable]) async throws -> ComputationRun {
        try await store.recordRun(ComputationRun(workspaceID: workspace.id, engine: "land-degradation", inputs: [], options: [:], softwareVersion: "test",
                                                 startedAt: Date(timeIntervalSince1970: 1_800_000_000), durationMilliseconds: 1, warnings: []),
                                  results: [], tables: tables)
    }

    @Test(arguments: TestDatabase.kinds)
    func aRunsTablesAreStoredAndReadBackExactly(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let fixture = try await ReportFixture.make(store)
            let run = try await Self.recordRun(store, workspace: fixture.workspace, tables: [Self.landCoverArea, Self.lpdClasses])
            #expect(try await store.runTables(runID: run.id) == [Self.landCoverArea, Self.lpdClasses])
            #expect(try await store.latestRun(workspaceID: fixture.workspace.id, engine: "land-degradation")?.id == run.id)
            #expect(try await store.latestRun(workspaceID: fixture.workspace.id, engine: "protected-area-coverage") == nil)
            let later = try await Self.recordRun(store, workspace: fixture.workspace, tables: [])
            #expect(try await store.latestRun(workspaceID: fixture.workspace.id, engine: "land-degradation")?.id == later.id)
            #expect(try await store.runTables(runID: later.id) == [])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aNewPRAISReportTakesTheLandCoverTableOfTheLatestRunCellByCell(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let fixture = try await ReportFixture.make(store)
            _ = try await Self.recordRun(store, workspace: fixture.workspace, tables: [RunTable(name: "land_cover_area", units: ["*": "km2"], cells: ["cropland": ["latest": 1]])])
            let run = try await Self.recordRun(store, workspace: fixture.workspace, tables: [Self.landCoverArea, Self.lpdClasses])
            let report = try await fixture.service.create(workspace: fixture.workspace, templateID: "unccd-prais-so1", actor: fixture.focalPoint)
            let answers = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: report.id).map { ($0.key.description, $0) })

            let landCover = try #require(answers["so1_1_land_cover"])
            // The template maps the run's columns to its own: initial -> initial_area, and so on.
            var expected: [String: AnswerValue] = [:]
            for (row, cells) in Self.landCoverArea.cells {
                expected[row] = .object(["initial_area": .number(cells["initial"]!), "baseline_area": .number(cells["baseline"]!),
                                         "previous_reporting_area": .number(cells["previous_reporting"]!), "latest_area": .number(cells["latest"]!)])
            }
            #expect(landCover.value == .object(expected))
            #expect(landCover.provenance.origin == .run)
            #expect(landCover.provenance.sourceRunID == run.id)
            #expect(landCover.provenance.sourceEngine == "land-degradation")
            #expect(landCover.toConfirm)
            #expect(try await fixture.service.exportHTML(reportID: report.id).contains("prefilled from land-degradation run #\(run.id), "))

            let lpd = try #require(answers["so1_2_lpd"])
            #expect(lpd.value == .object(["declining": .object(["area": .number(12.5), "share": .number(1.25)]),
                                          "stable": .object(["area": .number(987.5), "share": .number(98.75)])]))
            // A table the run did not keep stays for the person to fill.
            #expect(answers["so1_1_change_baseline"] == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func refreshingFillsTheRunsTablesButLeavesATypedTableAlone(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let fixture = try await ReportFixture.make(store)
            let report = try await fixture.service.create(workspace: fixture.workspace, templateID: "unccd-prais-so1", actor: fixture.focalPoint)
            #expect(try await store.answers(reportID: report.id).contains { $0.key.question == "so1_1_land_cover" } == false)
            let typed: AnswerValue = .object(["cropland": .object(["latest_area": .number(42)])])
            _ = try await fixture.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "so1_1_land_cover"), value: typed, expectedVersion: nil)],
                                                 actor: fixture.focalPoint)
            let run = try await Self.recordRun(store, workspace: fixture.workspace, tables: [Self.landCoverArea, Self.lpdClasses])

            #expect(try await fixture.service.prefillMissing(reportID: report.id, actor: fixture.focalPoint) == 1)
            let answers = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: report.id).map { ($0.key.question, $0) })
            #expect(answers["so1_1_land_cover"]?.value == typed)
            #expect(answers["so1_1_land_cover"]?.provenance.kind == .entered)
            #expect(answers["so1_2_lpd"]?.provenance.sourceRunID == run.id)
            #expect(try await fixture.service.prefillMissing(reportID: report.id, actor: fixture.focalPoint) == 0)
        }
    }

    @Test func aRunInHectaresIsConvertedAndAnUnknownConversionLeavesTheCellEmpty() throws {
        let question = try #require(try PRAISTablesTests.template().question("so1_1_land_cover"))
        let source = try #require(question.fromRun)
        let hectares = RunTable(name: "land_cover_area", units: ["initial": "ha", "latest": "acre"], cells: ["cropland": ["initial": 12_345, "latest": 7], "nowhere": ["initial": 1]])
        #expect(source.answer(from: hectares, question: question) == .object(["cropland": .object(["initial_area": .number(123.45)])]))
    }

    @Test func theSO1TablesTheLandEngineComputesDeclareTheirRunTables() throws {
        let template = try PRAISTablesTests.template()
        let declared = template.questions.compactMap { entry in entry.question.fromRun.map { (entry.question.id, $0.table) } }
        #expect(declared.map(\.0) == ["so1_1_land_cover", "so1_1_change_baseline", "so1_1_change_reporting", "so1_1_degradation",
                                      "so1_2_lpd_baseline", "so1_2_lpd_reporting", "so1_2_lpd", "so1_2_degradation",
                                      "so1_3_soc", "so1_3_degradation", "so1_4_status", "so1_4_degraded_by_period"])
        #expect(declared.allSatisfy { $0.1.isEmpty == false && RunTableSource.known["land-degradation"]!.contains($0.1) })
    }

    @Test func anUnknownEngineTableOrMappingIsRefusedWithFileAndLine() throws {
        let loading = TemplateLoadingTests()
        let body = loading.header + """
              - id: areas
                type: table
                from_run: {engine: land-degredation, table: land_cover_area}
                label: {en: Areas}
                rows: [{id: cropland, label: {en: Cropland}}]
                columns: [{id: area, label: {en: Area}, type: number, unit: km2}]
              - id: more
                type: table
                from_run: {engine: land-degradation, table: land_cover, columns: {latest: latest_area}}
                label: {en: More}
                rows: [{id: cropland, label: {en: Cropland}}]
                columns: [{id: area, label: {en: Area}, type: number, unit: km2}]
              - {id: note, type: text, label: {en: Note}, from_run: {engine: land-degradation, table: land_cover_area}}
        """
        let found = try loading.problems(body)
        #expect(found.contains("data/templates/test.yaml:15: no engine 'land-degredation' keeps tables with its runs; engines: land-degradation"), "\(found)")
        #expect(found.contains { $0.hasPrefix("data/templates/test.yaml:21: the land-degradation engine has no table 'land_cover'; its tables are land_cover_area, ") }, "\(found)")
        #expect(found.contains("data/templates/test.yaml:21: run column 'latest' goes to 'latest_area', which is no column of more"), "\(found)")
        #expect(found.contains { $0.hasPrefix("data/templates/test.yaml:25: from_run fills a table question; note is a text") }, "\(found)")
    }
}
