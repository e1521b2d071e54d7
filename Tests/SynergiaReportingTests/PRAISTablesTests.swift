import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// The UNCCD template against the PRAIS 4 tables (Tests/Fixtures/prais4-tables.json): every
/// table the reporting manual names is one question carrying its code, with the fixture's
/// columns, so that an export can speak PRAIS's table codes; the tables the land engine fills
/// keep the keys its results use.
@Suite struct PRAISTablesTests {
    struct Fixture: Decodable {
        struct Table: Decodable {
            var code: String
            var title: String
            var kind: String
            var columns: [String]
            var rows: [String]?
            var synergia_columns: [String]?
            var source: String
        }

        var tables: [Table]
    }

    static let landCoverClasses = ["tree_covered", "grassland", "cropland", "wetland", "artificial", "other_land", "water_bodies"]

    static func fixture() throws -> Fixture {
        let url = TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/prais4-tables.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func template() throws -> ReportTemplate {
        try TemplateLoadingTests.catalog().template("unccd-prais-so1")
    }

    /// Every question of the template, repeat children included.
    static func questions(_ template: ReportTemplate) -> [Question] {
        template.allSections.flatMap { $0.section.questions }.flatMap { [$0] + $0.children }
    }

    /// Tables and lists (repeats) of the template: the questions PRAIS holds as tables.
    static func tabular(_ template: ReportTemplate) -> [Question] {
        template.allSections.flatMap { $0.section.questions }.filter { $0.type == .table || $0.type == .repeatGroup }
    }

    static func columnKeys(_ question: Question) -> [String] {
        question.type == .table ? question.columns.map(\.id) : question.children.map { $0.external["prais"] ?? "(\($0.id) has no PRAIS key)" }
    }

    @Test func fixtureHoldsTheSeventeenSO1TablesAndTablesOfEveryOtherObjective() throws {
        let codes = try Self.fixture().tables.map(\.code)
        #expect(Set(codes).count == codes.count, "a code listed twice")
        let so1 = codes.filter { $0.range(of: #"^SO1-[1-4]\.T[0-9]+$"#, options: .regularExpression) != nil }
        #expect(so1 == ["SO1-1.T1", "SO1-1.T2", "SO1-1.T3", "SO1-1.T4", "SO1-1.T5", "SO1-1.T6", "SO1-1.T7",
                        "SO1-2.T1", "SO1-2.T2", "SO1-2.T3", "SO1-3.T1", "SO1-3.T2",
                        "SO1-4.T1", "SO1-4.T2", "SO1-4.T3", "SO1-4.T4", "SO1-4.T5"])
        for objective in ["SO2-1", "SO2-2", "SO2-3", "SO3-1", "SO3-2", "SO3-3", "SO4-2", "SO4-3", "SO5-1", "SO5-2", "SO5-3", "SO5-4"] {
            #expect(codes.contains { $0 == objective || $0.hasPrefix(objective + ".") }, "no table of \(objective)")
        }
        #expect(codes.count == 42)
    }

    @Test func everyFixtureTableIsOneQuestionWithTheFixturesRowsAndColumns() throws {
        let tabular = Self.tabular(try Self.template())
        for table in try Self.fixture().tables {
            let matches = tabular.filter { $0.external["prais"] == table.code }
            #expect(matches.count == 1, "PRAIS table \(table.code) is held by \(matches.map(\.id))")
            guard let question = matches.first else { continue }
            #expect(question.type == (table.kind == "grid" ? .table : .repeatGroup), "\(table.code): \(question.id) is a \(question.type.rawValue)")
            #expect(Self.columnKeys(question) == table.columns + (table.synergia_columns ?? []), "columns of \(table.code)")
            if let rows = table.rows {
                #expect(question.rows.map(\.id) == rows, "rows of \(table.code)")
            }
        }
    }

    @Test func everyTableOfTheTemplateIsAPRAISTableButTheNationalProductivitySummary() throws {
        let codes = Set(try Self.fixture().tables.map(\.code))
        let unlisted = Self.tabular(try Self.template()).filter { !codes.contains($0.external["prais"] ?? "") }
        // so1_2_lpd is Synergia's national total per productivity class (the land run's figure);
        // PRAIS asks for it per land cover class (SO1-2.T1, SO1-2.T2), so it carries a key of its form.
        #expect(unlisted.map(\.id) == ["so1_2_lpd"])
        #expect(unlisted.first?.external["prais"] == "SO1-2/lpd")
    }

    @Test func everyQuestionButTheSharedGeneralInformationCarriesItsPRAISKey() throws {
        let template = try Self.template()
        let withoutKey = Self.questions(template).filter { $0.external["prais"] == nil }.map(\.id)
        #expect(withoutKey == ["focal_point_contact", "coordination_mechanism", "coordination_mechanism_description",
                               "ipl_participation", "ipl_participation_description", "data_source", "data_source_details"])
        for entry in template.allSections where entry.section.id != "s0" {
            #expect(entry.section.external["prais"] != nil, "section \(entry.section.id) has no PRAIS form code")
        }
        // One key, one question: the secretariat document can be read back.
        let keys = try ExternalKeys(template: template)
        #expect(keys.system == "prais")
        #expect(template.question("so1_1_baseline_year")?.external["prais"] == "SO1-1/baseline_year")
        #expect(template.question("so5_5_needed")?.external["prais"] == "SO5-5.3")
        #expect(template.question("so3_if_drought_plan_details")?.external["prais"] == "SO3-IF 7.2.4/details")
    }

    /// The keys the land run's results and the land workbook use (SynergiaLand LandCodes,
    /// LandSO1Summary, LandPRAISSummary) and the ids stored reports of version 1 hold.
    @Test func theTablesTheLandEngineFillsKeepTheirKeys() throws {
        let template = try Self.template()
        let landCover = try #require(template.question("so1_1_land_cover"))
        #expect(landCover.rows.map(\.id) == Self.landCoverClasses)
        #expect(landCover.columns.map(\.id) == ["initial_area", "baseline_area", "previous_reporting_area", "latest_area"])
        #expect(landCover.columns.allSatisfy { $0.unit == "km2" && $0.type == .number })
        let productivity = try #require(template.question("so1_2_lpd"))
        #expect(productivity.rows.map(\.id) == ["declining", "moderate_decline", "stressed", "stable", "increasing"])
        #expect(productivity.columns.map(\.id) == ["area", "share"])
        #expect(productivity.columns.map(\.unit) == ["km2", "percent"])
        let soc = try #require(template.question("so1_3_soc"))
        #expect(soc.rows.map(\.id) == Self.landCoverClasses)
        #expect(soc.columns.map(\.unit) == ["t_per_ha", "t_per_ha", "t_per_ha", "t_per_ha", "t"])
        for id in ["so1_1_transition_matrix", "so1_1_change_baseline", "so1_1_change_reporting", "so1_2_lpd_baseline", "so1_2_lpd_reporting"] {
            #expect(try #require(template.question(id)).rows.map(\.id) == Self.landCoverClasses, "rows of \(id)")
        }
        #expect(try #require(template.question("so1_1_transition_matrix")).columns.map(\.id) == Self.landCoverClasses)
        #expect(try #require(template.question("so1_2_lpd_baseline")).columns.map(\.id)
            == ["declining", "moderate_decline", "stressed", "stable", "increasing", "no_data"])
        #expect(try #require(template.question("cp_land_area")).columns.map(\.id) == ["total_land_area_km2", "water_bodies_km2", "total_country_area_km2"])
        let series = try #require(template.question("so1_4_series"))
        #expect(series.type == .indicatorData && series.indicator == "SDG-15.3.1" && series.unit == "percent")
        #expect(template.question("so1_4_degraded_area")?.unit == "km2")
        #expect(template.question("degraded_land_percent")?.concept == "degraded_land_percent")
        // The process names Trends.Earth and the land run write in prais_summary.json.
        let process = try #require(template.question("so1_1_process"))
        #expect(process.choices.map { $0.code(in: "prais") }
            == ["Urban Expansion", "Deforestation", "Vegetation Loss", "Inundation", "Woody Encroachment", "Wetland Drainage", "Other"])
    }

    @Test func versionTwoOpensVersionOneReportsAndKeepsEveryVersionOneQuestion() throws {
        let template = try Self.template()
        #expect(template.version == 2)
        #expect(template.opensVersions == [1])
        let versionOne = ["focal_point_contact", "coordination_mechanism", "coordination_mechanism_description", "ipl_participation",
                          "ipl_participation_description", "data_source", "data_source_details", "so1_1_baseline_year", "so1_1_latest_year",
                          "so1_1_land_cover", "so1_1_degraded_area", "so1_1_comments", "so1_2_period_start", "so1_2_period_end", "so1_2_lpd",
                          "so1_2_comments", "so1_3_soc", "so1_3_comments", "degraded_land_percent", "so1_4_series", "so1_4_degraded_area",
                          "so1_4_method", "so1_4_method_details", "ldn_targets_set", "ldn_targets", "ldn_target_text", "ldn_target_year",
                          "ldn_target_area", "ldn_target_progress", "restoration_area", "spatial_planning"]
        let ids = Set(Self.questions(template).map(\.id))
        #expect(versionOne.filter { !ids.contains($0) } == [])
        for id in ["so1_1", "so1_2", "so1_3", "so1_4", "so1_targets"] {
            #expect(template.allSections.contains { $0.section.id == id }, "section \(id)")
        }
    }

    @Test func aCellOutsideATablesCodesIsRefusedNamingRowColumnAndChoices() throws {
        let template = try Self.template()
        let matrix = try #require(template.question("so1_1_transition_matrix"))
        #expect(AnswerShape.problems(.object(["grassland": .object(["cropland": .string("worse")])]), for: matrix)
            == ["row 'grassland', column 'cropland': 'worse' is not a choice here; choose one of degradation, stable, improvement"])
        #expect(AnswerShape.problems(.object(["grassland": .object(["cropland": .string("degradation")])]), for: matrix).isEmpty)
        let drought = try #require(template.question("so3_1_intensity"))
        #expect(AnswerShape.problems(.object(["y1999": .object(["mild_drought": .number(10)])]), for: drought) == ["has an unknown row 'y1999'"])
        #expect(AnswerShape.problems(.object(["y2019": .object(["mild_drought": .string("much")])]), for: drought)
            == ["row 'y2019', column 'mild_drought': expects a number in km2"])
    }

    @Test(arguments: TestDatabase.kinds)
    func aVersionOneReportOpensWithItsTableAndTakesTheNewTables(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let context = ChangeContext(userID: f.focalPoint.userID, channel: .api, at: Date())
            let old = try await store.createReport(workspaceID: f.workspace.id, templateID: "unccd-prais-so1", templateVersion: 1,
                                                   prefilled: [], context: context)
            let landCover = AnswerValue.object(["grassland": .object(["baseline_area": .number(1234.5), "latest_area": .number(1200)])])
            _ = try await f.service.answer(reportID: old.id, [
                AnswerEdit(key: AnswerKey(question: "so1_1_land_cover"), value: landCover, expectedVersion: nil),
            ], actor: f.focalPoint)
            let drought = AnswerValue.object(["y2019": .object(["mild_drought": .number(81234.5), "mild_drought_percent": .number(14.1)])])
            _ = try await f.service.answer(reportID: old.id, [
                AnswerEdit(key: AnswerKey(question: "so3_1_intensity"), value: drought, expectedVersion: nil),
            ], actor: f.focalPoint)
            let view = try await f.service.view(reportID: old.id)
            #expect(view.report.templateVersion == 1)
            #expect(view.template.version == 2)
            #expect(view.answers[AnswerKey(question: "so1_1_land_cover")]?.value == landCover)
            #expect(view.answers[AnswerKey(question: "so3_1_intensity")]?.value == drought)
            let process = try #require(AnswerKey("so1_1_degradation_processes[1].so1_1_process"))
            _ = try await f.service.answer(reportID: old.id, [AnswerEdit(key: process, value: .string("urban_expansion"), expectedVersion: nil)], actor: f.focalPoint)
            // The secretariat document keys the tables by their PRAIS code and a list's columns by their key.
            let exported = try JSONDecoder().decode(SecretariatDocument.self, from: try await f.service.exportSecretariatJSON(reportID: old.id))
            #expect(exported.system == "prais")
            #expect(exported.answers["SO1-1.T4"] == landCover)
            #expect(exported.answers["SO3-1.T1"] == drought)
            #expect(exported.groups["SO1-1.T1"]?["1"]?["degradation_process"] == .string("Urban Expansion"))
            // A refused table leaves the stored answers as they were.
            let before = try await store.answers(reportID: old.id)
            let refused = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: old.id, [
                    AnswerEdit(key: AnswerKey(question: "so1_1_transition_matrix"),
                               value: .object(["wetland": .object(["grassland": .string("drained")])]), expectedVersion: nil),
                ], actor: f.focalPoint)
            }
            #expect(refused?.message == "so1_1_transition_matrix: row 'wetland', column 'grassland': 'drained' is not a choice here; choose one of degradation, stable, improvement")
            #expect(try await store.answers(reportID: old.id) == before)
        }
    }
}
