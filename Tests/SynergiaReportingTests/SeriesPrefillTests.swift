import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// Series into forms: the CBD report's sections III and IV from the demo's series, values
/// converted to the question's unit, a unit that does not convert left empty and reported,
/// and new values reaching open reports without touching what a person typed.
@Suite struct SeriesPrefillTests {
    static func answers(_ store: SQLStore, _ reportID: Int64) async throws -> [String: Answer] {
        Dictionary(uniqueKeysWithValues: try await store.answers(reportID: reportID).map { ($0.key.description, $0) })
    }

    static func values(_ value: AnswerValue?, _ field: String) -> [AnswerValue] {
        guard case .list(let rows)? = value else { return [] }
        return rows.map { $0[field] }
    }

    static func recordRun(_ store: SQLStore, _ workspaceID: Int64, _ inputs: [ObservationInput]) async throws -> ComputationRun {
        try await store.recordRun(
            ComputationRun(workspaceID: workspaceID, engine: "coverage", inputs: [], options: [:], softwareVersion: "test",
                           startedAt: Date(), durationMilliseconds: 1, warnings: []),
            results: inputs)
    }

    @Test(arguments: TestDatabase.kinds)
    func theCBDReportTakesSectionsIIIAndIVFromTheSeriesConvertedToTheQuestionsUnits(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let answers = try await Self.answers(store, report.id)

            // 2.1 Mha restored in 2024 is 21,000 km², the unit of the shared fact.
            let restoration = try #require(answers["restoration_area"])
            #expect(restoration.value == .number(21_000))
            #expect(restoration.provenance.origin == .series && restoration.provenance.sourceIndicator == "GBF-2.1")
            #expect(answers["pa_coverage_marine"]?.value == .number(1.6))
            #expect(answers["wetland_extent"]?.value == .number(18_572))
            #expect(answers["wetland_extent"]?.provenance.sourceIndicator == "SDG-6.6.1")

            // Section III: target T2's data in the indicator's unit (GBF-2.1 is stated in km²).
            let t2 = try #require(answers["target_progress[KEN-T2].target_indicator_data"])
            #expect(Self.values(t2.value, "value") == [5_000, 10_000, 16_000, 21_000].map(AnswerValue.number))
            #expect(Self.values(t2.value, "unit") == Array(repeating: .string("km2"), count: 4))
            #expect(t2.provenance.origin == .nationalTarget && t2.provenance.sourceTarget == "KEN-T2" && t2.provenance.sourceIndicator == "GBF-2.1")

            // Section IV: goal A's headline indicators A.2 and A.3, three years each.
            let goalA = try #require(answers["goal_progress[GBF-A].goal_headline_data"])
            #expect(Self.values(goalA.value, "indicator") == ["GBF-A.2", "GBF-A.2", "GBF-A.2", "GBF-A.3", "GBF-A.3", "GBF-A.3"].map(AnswerValue.string))
            #expect(Self.values(goalA.value, "value") == [412_000, 405_500, 401_200, 0.819, 0.821, 0.82].map(AnswerValue.number))
            #expect(goalA.provenance.origin == .series && goalA.provenance.sourceIndicator == "GBF-A.2, GBF-A.3")
            #expect(answers["goal_progress[GBF-C].goal_headline_data"] == nil)

            // One indicator data record per headline indicator with national data, the source set to national.
            let records = (1...5).map { entry in
                (answers["indicator_data_records[\(entry)].indicator_record_indicator"]?.value,
                 answers["indicator_data_records[\(entry)].indicator_record_source"]?.value)
            }
            #expect(records.map(\.0) == ["a_2", "a_3", "1_1", "2_1", "3_1"].map(AnswerValue.string))
            #expect(records.allSatisfy { $0.1 == .string("national") })
            #expect(answers["indicator_data_records[6].indicator_record_indicator"] == nil)
            let restored = answers["indicator_data_records[4].indicator_record_data"]
            #expect(Self.values(restored?.value, "value") == [5_000, 10_000, 16_000, 21_000].map(AnswerValue.number))
            #expect(restored?.provenance.sourceIndicator == "GBF-2.1")
            let coverage = answers["indicator_data_records[5].indicator_record_data"]
            let disaggregations = Self.values(coverage?.value, "disaggregation")
            #expect(disaggregations.contains(AnswerValue.string("realm=marine")))

            let view = try await f.service.view(reportID: report.id)
            #expect(!view.evaluation.issues.contains { $0.key.group == "indicator_data_records" })
        }
    }

    /// The shipped templates and one more whose number question in km² is filled from GBF-A.1.
    static let extentCatalog: TemplateCatalog = {
        let shared = ReportFixture.sharedCatalog
        var extent = Question(id: "ecosystem_extent", type: .number, label: LocalizedText(en: "Extent (km²)"), unit: "km2")
        extent.fromSeries = .series(SeriesBinding(indicator: "GBF-A.1"))
        let template = ReportTemplate(id: "extent", convention: "CBD", cycle: "2026", version: 1, languages: ["en"], title: LocalizedText(en: "Extent"),
                                      source: "test", sections: [TemplateSection(id: "a", title: LocalizedText(en: "A"), questions: [extent])])
        var catalog = TemplateCatalog(templates: Array(shared.templates.values) + [template], concepts: Array(shared.concepts.values), choiceLists: shared.choiceLists)
        catalog.units = shared.units
        return catalog
    }()

    @Test(arguments: TestDatabase.kinds)
    func aSeriesInAUnitThatDoesNotConvertLeavesTheQuestionEmptyAndIsReported(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: Self.extentCatalog)
            // The Red List of Ecosystems is an index: no number of it is an area.
            _ = try await store.record([ObservationInput(indicator: "GBF-A.1", unit: "index",
                                                         observation: Observation(year: 2024, value: 0.91, source: "test", provenance: .entered(userID: nil)))],
                                       workspaceID: f.workspace.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            let report = try await f.service.create(workspace: f.workspace, templateID: "extent", actor: f.focalPoint)
            #expect(try await store.answers(reportID: report.id).isEmpty)

            let outcome = try await f.service.prefill(reportID: report.id, actor: f.focalPoint)
            #expect(outcome.answers.isEmpty)
            #expect(outcome.gaps.map(\.description) == [
                "ecosystem_extent: series GBF-A.1 not used: unit index (index) cannot be converted to km2 (area); a value must be stated in a unit of the same dimension",
            ])
            #expect(try await store.answers(reportID: report.id).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aNewRunValueReachesPrefilledAnswersButNeverOneAPersonTyped(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let typed = try await f.service.answer(reportID: report.id, [
                AnswerEdit(key: AnswerKey(question: "pa_coverage_marine"), value: .number(2.0), expectedVersion: 1),
            ], actor: f.focalPoint)
            #expect(typed.first?.version == 2)

            let run = try await Self.recordRun(store, f.workspace.id, [
                ObservationInput(indicator: "GBF-2.1", unit: "Mha", observation: Observation(year: 2025, value: 2.5, source: "run", provenance: .entered(userID: nil))),
                ObservationInput(indicator: "GBF-3.1", unit: "percent", disaggregation: "realm=marine",
                                 observation: Observation(year: 2025, value: 1.9, source: "run", provenance: .entered(userID: nil))),
            ])
            let outcome = try await f.service.refreshPrefilled(workspaceID: f.workspace.id, after: SeriesUpdate(indicators: ["GBF-2.1", "GBF-3.1"], runID: run.id))
            let written = Set((outcome.written[report.id] ?? []).map(\.description))
            let expected: Set<String> = ["restoration_area", "target_progress[KEN-T2].target_indicator_data",
                                         "indicator_data_records[4].indicator_record_data", "indicator_data_records[5].indicator_record_data"]
            #expect(written.subtracting(expected) == written.filter { $0.hasPrefix("target_progress[KEN-T1]") })
            #expect(expected.isSubset(of: written))

            let answers = try await Self.answers(store, report.id)
            // 2.5 Mha = 25,000 km², from the run.
            let restoration = try #require(answers["restoration_area"])
            #expect(restoration.value == .number(25_000))
            #expect(restoration.version == 2 && restoration.toConfirm && restoration.provenance.kind == .prefilled)
            #expect(restoration.provenance.sourceRunID == run.id && restoration.provenance.sourceIndicator == "GBF-2.1")
            #expect(Self.values(answers["target_progress[KEN-T2].target_indicator_data"]?.value, "value").last == .number(25_000))
            // The value a person typed stays, with its version.
            #expect(answers["pa_coverage_marine"]?.value == .number(2.0))
            #expect(answers["pa_coverage_marine"]?.version == 2)

            let audit = try await store.audit(reportID: report.id).filter { $0.action == "refresh" }
            let restorationAudit = try #require(audit.first { $0.key == "restoration_area" })
            #expect(restorationAudit.oldValue == .number(21_000) && restorationAudit.newValue == .number(25_000))
            #expect(restorationAudit.note == "run \(run.id): GBF-2.1, GBF-3.1")
            #expect(!audit.contains { $0.key == "pa_coverage_marine" })

            // Refreshing again with nothing new writes nothing.
            let again = try await f.service.refreshPrefilled(workspaceID: f.workspace.id, after: SeriesUpdate(indicators: ["GBF-2.1"], runID: run.id))
            #expect(again.count == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anApprovedReportIsNotRefreshed(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let before = try await store.answers(reportID: report.id)
            _ = try await store.transition(reportID: report.id, action: "approve", to: .approved, expectedVersion: report.version,
                                           note: nil, snapshot: nil, context: ChangeContext(userID: nil, channel: .cli))
            _ = try await store.record([ObservationInput(indicator: "GBF-2.1", unit: "Mha", observation: Observation(year: 2025, value: 2.4, source: "test", provenance: .entered(userID: nil)))],
                                       workspaceID: f.workspace.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            let outcome = try await f.service.refreshPrefilled(workspaceID: f.workspace.id, after: SeriesUpdate(indicators: ["GBF-2.1"]))
            #expect(outcome.count == 0)
            #expect(try await store.answers(reportID: report.id) == before)
        }
    }

    @Test func aBadFromSeriesIsRefusedNamingTemplateQuestionAndValue() throws {
        let loading = TemplateLoadingTests()
        let body = loading.header + """
              - id: extent
                type: number
                unit: km2
                from_series: {indicator: GBF-99.9, disaggregation: "realm"}
                label: {en: Extent}
              - {id: share, type: number, label: {en: Share}, from_series: {indicators: headline}}
        """
        let found = try loading.problems(body)
        #expect(found.contains("data/templates/test.yaml:16: template test, question extent, from_series: indicator 'GBF-99.9' is in no framework of data/frameworks/; use a code such as GBF-3.1"), "\(found)")
        #expect(found.contains("data/templates/test.yaml:16: template test, question extent, from_series: disaggregation 'realm': 'realm' is not key=value; write pairs like realm=land joined by ;"), "\(found)")
        #expect(found.contains { $0.hasPrefix("data/templates/test.yaml:18: template test, question share, from_series: from_series {indicators: headline} fills an indicator_data question; share is a number") }, "\(found)")
    }
}
