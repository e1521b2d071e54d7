import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// A Ramsar report of version 1 (the subset) moved to version 2 (the whole form) through
/// data/templates/migrations/ramsar-cop15-v2.yaml: kept ids carry their answers, the two removed
/// questions' answers are listed as not carried, and an answer version 2 no longer offers is
/// refused by key and value with nothing created.
@Suite struct RamsarMigrationTests {
    static let answersV1: [(String, AnswerValue)] = [
        ("t1_wetlands_in_policies", .string("partially")),
        ("t16_visitor_centres", .number(12)),
        ("t4_ias_inventory", .string("planned")),
        ("t8_inventory", .string("partially")),
        ("wetland_extent", .number(36_210.5)),
    ]

    static func reportV1(_ f: ReportFixture, _ answers: [(String, AnswerValue)]) async throws -> Report {
        let context = ChangeContext(userID: f.focalPoint.userID, channel: .api, at: Date())
        let report = try await f.store.createReport(workspaceID: f.workspace.id, templateID: "ramsar-cop15", templateVersion: 1,
                                                    prefilled: [], context: context)
        _ = try await f.store.saveAnswers(reportID: report.id, answers.map {
            AnswerChange(key: AnswerKey(question: $0.0), concept: nil, value: $0.1, expectedVersion: nil)
        }, context: context)
        return report
    }

    @Test(arguments: TestDatabase.kinds)
    func keptIdsCarryTheirAnswersAndTheTwoRemovedQuestionsAreListed(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let old = try await Self.reportV1(f, Self.answersV1)
            let plan = try await f.service.planMigration(reportID: old.id).plan
            #expect(plan.from.description == "ramsar-cop15 version 1")
            #expect(plan.to.description == "ramsar-cop15 version 2")
            #expect(plan.steps == ["data/templates/migrations/ramsar-cop15-v2.yaml"])
            #expect(plan.refusals == [])
            #expect(Set(plan.carriedAsIs.map(\.oldKey.question)) == ["t4_ias_inventory", "t8_inventory", "wetland_extent"])
            #expect(plan.renamed.isEmpty && plan.recoded.isEmpty)
            #expect(plan.dropped.map { "\($0.key) = \($0.value)" }.sorted() == ["t16_visitor_centres = 12", "t1_wetlands_in_policies = \"partially\""])
            #expect(plan.newQuestions.map(\.id) == ["t1_1_a", "t1_1_b", "t1_1_c", "t1_1_d", "t1_1_e", "t1_1_f", "t1_1_g", "t1_1_i", "t1_1_j",
                                                   "t1_1_k", "t1_1_l", "t1_1_m", "t1_1_n", "t1_1_o", "t1_1_p", "t16_2_a", "t16_2_b", "t8_3", "t8_5_a"])

            let (created, _) = try await f.service.applyMigration(reportID: old.id, toVersion: 2, actor: f.focalPoint)
            #expect(created.templateVersion == 2)
            let carried = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: created.id).map { ($0.key.question, $0.value) })
            #expect(carried == ["t4_ias_inventory": .string("planned"), "t8_inventory": .string("partially"), "wetland_extent": .number(36_210.5)])
            #expect(try await store.answers(reportID: old.id).count == Self.answersV1.count)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anAnswerTheWholeFormNoLongerOffersIsRefusedByKeyAndValue(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            // Version 1's shared list offered "not applicable" for the inventory; 8.1 offers A, B, C (in progress) and D only.
            let old = try await Self.reportV1(f, [("t8_inventory", .string("not_applicable"))])
            let plan = try await f.service.planMigration(reportID: old.id).plan
            #expect(plan.refusals.count == 1)
            #expect(plan.refusals.first?.contains("t8_inventory") == true)
            #expect(plan.refusals.first?.contains("not_applicable") == true)
            let reportsBefore = try await store.reports(templateID: "ramsar-cop15").count
            await #expect(throws: DomainError.self) { try await f.service.applyMigration(reportID: old.id, toVersion: 2, actor: f.focalPoint) }
            #expect(try await store.reports(templateID: "ramsar-cop15").count == reportsBefore)
        }
    }
}
