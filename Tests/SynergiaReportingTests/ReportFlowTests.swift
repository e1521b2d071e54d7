import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

@Suite struct ReportFlowTests {
    @Test(arguments: TestDatabase.kinds)
    func aFactAnsweredForTheCBDIsPrefilledInRamsarWithProvenanceAndConflictsAreListed(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let cbd = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            // National targets prefill the per-target section.
            let prefilled = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: cbd.id).map { ($0.key.description, $0) })
            let achieved = try #require(prefilled["target_progress[KEN-T8].target_progress_level"])
            #expect(achieved.value == .string("achieved"))
            #expect(achieved.toConfirm)
            #expect(achieved.provenance.origin == .nationalTarget)
            #expect(achieved.provenance.sourceTarget == "KEN-T8")
            guard case .list(let rows) = prefilled["target_progress[KEN-T1].target_indicator_data"]?.value else {
                Issue.record("indicator data of KEN-T1 not prefilled")
                return
            }
            #expect(rows.count == 5)
            #expect(rows.first?["year"] == .number(2015))

            let contact = AnswerKey(question: "focal_point_contact")
            _ = try await f.service.answer(reportID: cbd.id, [
                AnswerEdit(key: contact, value: .text("Jane Doe, Ministry of Environment"), expectedVersion: nil),
                AnswerEdit(key: AnswerKey(question: "coordination_mechanism"), value: .bool(true), expectedVersion: nil),
            ], actor: f.focalPoint)

            let ramsar = try await f.service.create(workspace: f.workspace, templateID: "ramsar-cop15", actor: f.focalPoint)
            let ramsarAnswers = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: ramsar.id).map { ($0.key, $0) })
            let shared = try #require(ramsarAnswers[contact])
            #expect(shared.value == .text("Jane Doe, Ministry of Environment"))
            #expect(shared.toConfirm)
            #expect(shared.provenance.origin == .report)
            #expect(shared.provenance.sourceReportID == cbd.id)
            #expect(shared.provenance.sourceTemplateID == "cbd-7nr")
            #expect(ramsarAnswers[AnswerKey(question: "coordination_mechanism")]?.value == .bool(true))
            #expect(try await f.service.conflicts(workspaceID: f.workspace.id).isEmpty)

            // Confirming keeps the value and clears "to confirm".
            let confirmed = try await f.service.answer(reportID: ramsar.id, [AnswerEdit(key: contact, value: .null, expectedVersion: 1, confirmOnly: true)], actor: f.focalPoint)
            #expect(confirmed.first?.value == .text("Jane Doe, Ministry of Environment"))
            #expect(confirmed.first?.toConfirm == false)
            #expect(confirmed.first?.provenance.kind == .confirmed)

            // Kept for the Ramsar report only: the register and the CBD report keep theirs, so the two differ.
            _ = try await f.service.answer(reportID: ramsar.id, [AnswerEdit(key: contact, value: .text("John Roe, Wetlands Office"), expectedVersion: 2, keepLocal: true)], actor: f.focalPoint)
            let conflicts = try await f.service.conflicts(workspaceID: f.workspace.id)
            #expect(conflicts.map(\.concept) == ["focal_point_contact"])
            #expect(Set(conflicts.first?.claims.map(\.template) ?? []) == ["cbd-7nr", "ramsar-cop15"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aComputedSeriesPrefillsItsConceptWithTheRun(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let run = try await store.recordRun(
                ComputationRun(workspaceID: f.workspace.id, engine: "coverage", inputs: [], options: [:], softwareVersion: "test",
                               startedAt: Date(), durationMilliseconds: 1, warnings: []),
                results: [2020, 2024].map { year in
                    ObservationInput(indicator: "GBF-3.1", unit: "percent", disaggregation: "realm=land",
                                     observation: Observation(year: year, value: year == 2024 ? 13.75 : 12.0, source: "WDPA", provenance: .entered(userID: nil)))
                })
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let land = try #require(try await store.answers(reportID: report.id).first { $0.key.question == "pa_coverage_land" })
            #expect(land.value == .number(13.75))
            #expect(land.toConfirm)
            #expect(land.provenance.origin == .series)
            #expect(land.provenance.sourceIndicator == "GBF-3.1")
            #expect(land.provenance.sourceRunID == run.id)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aStaleSaveIsRefusedWithTheCurrentValueAndNothingIsLost(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let key = AnswerKey(question: "report_process")
            _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: key, value: .text("first"), expectedVersion: nil)], actor: f.focalPoint)
            _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: key, value: .text("second"), expectedVersion: 1)], actor: f.contributor)
            let stale = await #expect(throws: StaleAnswer.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: key, value: .text("third, from an old page"), expectedVersion: 1)], actor: f.focalPoint)
            }
            #expect(stale?.current?.value == .text("second"))
            #expect(stale?.current?.version == 2)
            let stored = try await store.answers(reportID: report.id).first { $0.key == key }
            #expect(stored?.value == .text("second"))
            // The whole batch is refused when one answer in it is stale.
            await #expect(throws: StaleAnswer.self) {
                try await f.service.answer(reportID: report.id, [
                    AnswerEdit(key: AnswerKey(question: "report_consultation"), value: .text("consulted"), expectedVersion: nil),
                    AnswerEdit(key: key, value: .text("x"), expectedVersion: 1),
                ], actor: f.focalPoint)
            }
            #expect(try await store.answers(reportID: report.id).contains { $0.key.question == "report_consultation" } == false)
            let trail = try await store.audit(reportID: report.id).filter { $0.key == "report_process" }
            #expect(trail.map(\.action) == ["answer", "answer"])
            #expect(trail.last?.oldValue == .text("first"))
            #expect(trail.last?.newValue == .text("second"))
            #expect(trail.last?.userID == f.contributor.userID)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func wrongTypeOutOfRangeAndUnknownQuestionsAreRefused(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let land = AnswerKey(question: "pa_coverage_land")
            let version = try await store.answers(reportID: report.id).first { $0.key == land }?.version
            let wrongType = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: land, value: .string("thirty"), expectedVersion: version)], actor: f.focalPoint)
            }
            #expect(wrongType?.message == "pa_coverage_land: expects a number in percent")
            let outOfRange = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: land, value: .number(130), expectedVersion: version)], actor: f.focalPoint)
            }
            #expect(outOfRange?.message == "pa_coverage_land: must be at most 100 percent")
            let unknown = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "no_such_question"), value: .bool(true), expectedVersion: nil)], actor: f.focalPoint)
            }
            #expect(unknown?.kind == .notFound)
            let badEntry = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey("target_progress[KEN-T99].target_progress_level")!, value: .string("on_track"), expectedVersion: nil)], actor: f.focalPoint)
            }
            #expect(badEntry?.message.contains("'KEN-T99' is not an entry of target_progress") == true)
            let reviewerEdit = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "report_process"), value: .text("x"), expectedVersion: nil)], actor: f.reviewer)
            }
            #expect(reviewerEdit?.kind == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func workflowRolesValidationSnapshotsAndReopening(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ReportFixture.miniCatalog)
            var report = try await f.service.create(workspace: f.workspace, templateID: "mini", actor: f.contributor)
            #expect(report.state == .draft)

            // A contributor assigned section b alone may not edit section a once it belongs to someone else.
            try await f.service.assign(reportID: report.id, section: "a", to: f.focalPoint.userID, actor: f.focalPoint)
            let notAssigned = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "contact"), value: .text("x"), expectedVersion: nil)], actor: f.contributor)
            }
            #expect(notAssigned?.kind == .forbidden)
            await #expect(throws: DomainError.self) {
                try await f.service.assign(reportID: report.id, section: "b", to: f.contributor.userID, actor: f.contributor)
            }

            // Not allowed from this state, or for this role.
            let early = await #expect(throws: DomainError.self) {
                try await f.service.transition(reportID: report.id, .approve, expectedVersion: report.version, reason: nil, actor: f.focalPoint)
            }
            #expect(early?.message == "a report in state 'draft' cannot take 'approve'; from 'draft' it can take: submit_for_review")
            report = try await f.service.transition(reportID: report.id, .submitForReview, expectedVersion: report.version, reason: nil, actor: f.contributor)
            #expect(report.state == .inReview)
            let contributorApproves = await #expect(throws: DomainError.self) {
                try await f.service.transition(reportID: report.id, .approve, expectedVersion: report.version, reason: nil, actor: f.contributor)
            }
            #expect(contributorApproves?.kind == .forbidden)
            let comment = try await f.service.comment(reportID: report.id, key: AnswerKey(question: "share"), body: "Source?", requestsChange: true, actor: f.reviewer)
            #expect(comment.requestsChange)
            report = try await f.service.transition(reportID: report.id, .requestChanges, expectedVersion: report.version, reason: nil, actor: f.reviewer)
            #expect(report.state == .draft)

            // Approve and try to submit with errors: refused with the list of questions.
            report = try await f.service.transition(reportID: report.id, .submitForReview, expectedVersion: report.version, reason: nil, actor: f.focalPoint)
            report = try await f.service.transition(reportID: report.id, .approve, expectedVersion: report.version, reason: nil, actor: f.focalPoint)
            let invalid = await #expect(throws: DomainError.self) {
                try await f.service.transition(reportID: report.id, .submit, expectedVersion: report.version, reason: nil, actor: f.focalPoint)
            }
            #expect(invalid?.message.contains("contact: an answer is required") == true)
            #expect(invalid?.message.contains("share: an answer is required") == true)
            // Approved reports are frozen.
            let frozen = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "share"), value: .number(30), expectedVersion: nil)], actor: f.focalPoint)
            }
            #expect(frozen?.kind == .conflict)

            // Reopen needs a reason; fill in, then the constraint is checked.
            await #expect(throws: DomainError.self) {
                try await f.service.transition(reportID: report.id, .reopen, expectedVersion: report.version, reason: " ", actor: f.focalPoint)
            }
            report = try await f.service.transition(reportID: report.id, .reopen, expectedVersion: report.version, reason: "answers missing", actor: f.focalPoint)
            _ = try await f.service.answer(reportID: report.id, [
                AnswerEdit(key: AnswerKey(question: "contact"), value: .text("Focal point"), expectedVersion: nil),
                AnswerEdit(key: AnswerKey(question: "share"), value: .number(60), expectedVersion: nil),
            ], actor: f.focalPoint)
            let view = try await f.service.view(reportID: report.id)
            #expect(view.evaluation.issues.map(\.message) == ["at most half"])
            #expect(view.evaluation.completeness.map(\.percent) == [100, 100])
            _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "share"), value: .number(45), expectedVersion: 1)], actor: f.focalPoint)

            for step in [ReportTransition.submitForReview, .approve, .submit] {
                report = try await f.service.transition(reportID: report.id, step, expectedVersion: report.version, reason: nil, actor: f.focalPoint)
            }
            #expect(report.state == .submitted)
            #expect(report.snapshots == 1)
            let first = try #require(try await store.snapshot(reportID: report.id, number: 1))
            let document = try JSONDecoder.iso8601.decode(ReportDocument.self, from: first)
            #expect(document.report.snapshot == 1)
            #expect(document.sections.flatMap(\.items).first { $0.question == "share" }?.value == .number(45))

            // Reopen and submit again: version 2, version 1 kept unchanged.
            report = try await f.service.transition(reportID: report.id, .reopen, expectedVersion: report.version, reason: "correction", actor: f.focalPoint)
            _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "share"), value: .number(40), expectedVersion: 2)], actor: f.focalPoint)
            for step in [ReportTransition.submitForReview, .approve, .submit] {
                report = try await f.service.transition(reportID: report.id, step, expectedVersion: report.version, reason: nil, actor: f.focalPoint)
            }
            #expect(report.snapshots == 2)
            #expect(try await store.snapshot(reportID: report.id, number: 1) == first)
            let stale = await #expect(throws: DomainError.self) {
                try await f.service.transition(reportID: report.id, .reopen, expectedVersion: report.version - 1, reason: "x", actor: f.focalPoint)
            }
            #expect(stale?.kind == .staleVersion)
            let actions = try await store.audit(reportID: report.id).map(\.action)
            #expect(actions.filter { $0 == "submit" }.count == 2)
            #expect(actions.contains("request_change"))
            #expect(actions.contains("assign"))
        }
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
