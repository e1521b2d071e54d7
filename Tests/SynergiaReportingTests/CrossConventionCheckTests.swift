import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// Checks across conventions run on a report of the demo workspace: two reports
/// that disagree, a report against a series, a national target's entry against
/// its series and assessment, and the moves that show the warnings.
@Suite struct CrossConventionCheckTests {
    /// A CBD report and a CMS report, each answering land coverage for itself.
    static func cbdAndCMS(_ f: ReportFixture, cbdValue: Double, cmsValue: Double) async throws -> (cbd: Report, cms: Report) {
        let cbd = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
        let cms = try await f.service.create(workspace: f.workspace, templateID: "cms-cop15", actor: f.focalPoint)
        try await set(f, cbd.id, AnswerKey(question: "pa_coverage_land"), .number(cbdValue))
        try await set(f, cms.id, AnswerKey(question: "pa_coverage_land"), .number(cmsValue))
        return (cbd, cms)
    }

    /// Answers for this report only: a person who keeps a figure of their own, so the reports can differ.
    static func set(_ f: ReportFixture, _ reportID: Int64, _ key: AnswerKey, _ value: AnswerValue) async throws {
        let current = try await f.store.answers(reportID: reportID).first { $0.key == key }
        _ = try await f.service.answer(reportID: reportID, [AnswerEdit(key: key, value: value, expectedVersion: current?.version ?? 0, keepLocal: true)],
                                       actor: f.focalPoint)
    }

    static func outcome(_ outcomes: [CrossCheckOutcome], _ check: String, target: String? = nil) throws -> CrossCheckOutcome {
        try #require(outcomes.first { $0.check == check && $0.target == target }, "no outcome of \(check)")
    }

    @Test(arguments: TestDatabase.kinds)
    func theCBDAndCMSReportsGivingTwoCoverageFiguresWarnNamingBothReportsQuestionsAndValues(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let (cbd, cms) = try await Self.cbdAndCMS(f, cbdValue: 24.6, cmsValue: 15)
            let outcome = try Self.outcome(try await f.service.crossConventionChecks(reportID: cbd.id), "pa-coverage-land-cbd-cms")
            #expect(outcome.result == .differs)
            #expect(outcome.severity == .warning)
            #expect(outcome.left.value == .number(24.6))
            #expect(outcome.right.value == .number(15))
            #expect(outcome.left.places == [.answer(reportID: cbd.id, template: "cbd-7nr", key: AnswerKey(question: "pa_coverage_land"))])
            #expect(outcome.right.places == [.answer(reportID: cms.id, template: "cms-cop15", key: AnswerKey(question: "pa_coverage_land"))])
            #expect(outcome.message == "Protected-area coverage on land is 24.6 % in the CBD national report but 15 % in the CMS national report.")
            #expect(outcome.basis.hasPrefix("Both questions ask GBF headline indicator 3.1"))
            let french = try Self.outcome(try await f.service.crossConventionChecks(reportID: cms.id, language: "fr"), "pa-coverage-land-cbd-cms")
            #expect(french.message == "La couverture des aires protégées sur les terres est de 24.6 % dans le rapport national à la CDB mais de 15 % dans le rapport national à la CMS.")
            // The CMS report runs only the checks that read it.
            let cmsChecks = Set(try await f.service.crossConventionChecks(reportID: cms.id).map(\.check))
            #expect(cmsChecks == ["pa-coverage-land-cbd-cms", "pa-coverage-marine-cbd-cms"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func figuresWithinTheToleranceAgreeAndOneJustBeyondItWarns(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let (cbd, cms) = try await Self.cbdAndCMS(f, cbdValue: 24.6, cmsValue: 24.65)
            let agrees = try Self.outcome(try await f.service.crossConventionChecks(reportID: cbd.id), "pa-coverage-land-cbd-cms")
            #expect(agrees.result == .agrees)
            #expect(agrees.message == nil)
            try await Self.set(f, cms.id, AnswerKey(question: "pa_coverage_land"), .number(24.66))
            let beyond = try Self.outcome(try await f.service.crossConventionChecks(reportID: cbd.id), "pa-coverage-land-cbd-cms")
            #expect(beyond.result == .differs)
            #expect(beyond.right.text == "24.66")
            // Marine coverage left unanswered in the CMS report cannot be compared yet.
            let marine = try Self.outcome(try await f.service.crossConventionChecks(reportID: cms.id), "pa-coverage-marine-cbd-cms")
            if try await store.answers(reportID: cms.id).first(where: { $0.key == AnswerKey(question: "pa_coverage_marine") }) == nil {
                #expect(marine.result == .incomplete)
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theRamsarWetlandExtentIsCheckedAgainstTheLatestSDG661Series(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let ramsar = try await f.service.create(workspace: f.workspace, templateID: "ramsar-cop15", actor: f.focalPoint)
            let key = AnswerKey(question: "wetland_extent")
            try await Self.set(f, ramsar.id, key, .number(18000))
            let differs = try Self.outcome(try await f.service.crossConventionChecks(reportID: ramsar.id), "wetland-extent-ramsar-sdg-6-6-1")
            #expect(differs.result == .differs)
            #expect(differs.left.value == .number(18000))
            // The demo's series: 18,572 km² in 2024, its latest year.
            #expect(differs.right.value == .number(18572))
            #expect(differs.right.places == [.series(indicator: "SDG-6.6.1", disaggregation: "ecosystem=wetlands;measure=extent_km2")])
            #expect(differs.message == "The Ramsar national report gives 18000 km² of wetlands; the latest SDG 6.6.1 wetland extent of the workspace is 18572 km².")
            try await Self.set(f, ramsar.id, key, .number(18572.4))
            let agrees = try Self.outcome(try await f.service.crossConventionChecks(reportID: ramsar.id), "wetland-extent-ramsar-sdg-6-6-1")
            #expect(agrees.result == .agrees)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aNationalTargetsEntryIsCheckedAgainstItsSeriesAndItsAssessment(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let cbd = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            func rows(_ latest: Double) -> AnswerValue {
                .list([2020, 2022, 2024].map { year in
                    .object(["year": .number(Double(year)), "value": .number(year == 2024 ? latest : 8.0), "unit": .string("percent"),
                             "disaggregation": .string(""), "source": .string("national forest inventory"), "indicator": .string("SDG-15.1.1")])
                })
            }
            let data = AnswerKey(question: "target_indicator_data", group: "target_progress", entry: "KEN-T4")
            try await Self.set(f, cbd.id, data, rows(9.1))
            var outcomes = try await f.service.crossConventionChecks(reportID: cbd.id)
            let differs = try Self.outcome(outcomes, "national-target-latest-value", target: "KEN-T4")
            #expect(differs.result == .differs)
            #expect(differs.left.value == .number(9.1))
            // The demo's SDG-15.1.1 series: 9.6 % in 2024.
            #expect(differs.right.value == .number(9.6))
            #expect(differs.left.places == [.answer(reportID: cbd.id, template: "cbd-7nr", key: data)])
            #expect(differs.right.places == [.target("KEN-T4")])
            #expect(differs.message == "For national target KEN-T4, the indicator data in section III end with 9.1; the latest value of the series the target is measured by is 9.6.")
            try await Self.set(f, cbd.id, data, rows(9.6))
            outcomes = try await f.service.crossConventionChecks(reportID: cbd.id)
            #expect(try Self.outcome(outcomes, "national-target-latest-value", target: "KEN-T4").result == .agrees)
            // One run per national target of the workspace.
            let targets = try await store.nationalTargets(workspaceID: f.workspace.id).map(\.code)
            #expect(outcomes.filter { $0.check == "national-target-latest-value" }.compactMap(\.target) == targets)

            let assessed = try #require(try await WorkspaceProgress.assess(workspaceID: f.workspace.id, in: store, units: f.service.catalog.units)
                .first { $0.code == "KEN-T4" }?.assessment.status)
            try #require(assessed != .achieved && assessed != .unknown)
            try await Self.set(f, cbd.id, AnswerKey(question: "target_progress_level", group: "target_progress", entry: "KEN-T4"), .string("achieved"))
            let level = try Self.outcome(try await f.service.crossConventionChecks(reportID: cbd.id), "national-target-progress-level", target: "KEN-T4")
            #expect(level.result == .differs)
            #expect(level.left.value == .string("achieved"))
            #expect(level.right.value == .string(assessed.rawValue))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func movingToReviewAndToSubmissionShowsTheWarningsAndTheReportStillMoves(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let (_, cms) = try await Self.cbdAndCMS(f, cbdValue: 24.6, cmsValue: 15)
            let toReview = try await f.service.transitionWithChecks(reportID: cms.id, .submitForReview, expectedVersion: cms.version, reason: nil, actor: f.focalPoint)
            #expect(toReview.report.state == .inReview)
            #expect(toReview.warnings.map(\.check) == ["pa-coverage-land-cbd-cms"])
            #expect(toReview.warnings.first?.message == "Protected-area coverage on land is 24.6 % in the CBD national report but 15 % in the CMS national report.")
            // Sending it back is no review nor submission: no checks are shown.
            let back = try await f.service.transitionWithChecks(reportID: cms.id, .requestChanges, expectedVersion: toReview.report.version, reason: nil, actor: f.reviewer)
            #expect(back.report.state == .draft)
            #expect(back.warnings.isEmpty)
            // The API's JSON: the report's own fields and the warnings.
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(toReview)) as? [String: Any])
            #expect(json["state"] as? String == "in_review")
            #expect(json["id"] as? Int == Int(cms.id))
            #expect((json["warnings"] as? [[String: Any]])?.first?["check"] as? String == "pa-coverage-land-cbd-cms")
        }
    }
}
