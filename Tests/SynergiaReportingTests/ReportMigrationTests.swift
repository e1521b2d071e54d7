import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// Moving a report of version 1 to version 2 through the declared migration: the plan lists each
/// change exactly, applying it creates a new report with exactly the expected answers and leaves
/// the old report as it was, and a faulty mapping is refused with nothing stored.
@Suite struct ReportMigrationTests {
    static func key(_ text: String) -> AnswerKey { AnswerKey(text)! }

    static let speciesV1: AnswerValue = MigrationFixture.answersV1.first { $0.0 == "species_table" }!.1
    static let speciesV2: AnswerValue = .object(["mammals": .object(["count": .number(12), "trend_status": .string("increasing")]),
                                                 "birds_all": .object(["count": .number(40), "trend_status": .string("stable")])])

    @Test(arguments: TestDatabase.kinds)
    func thePlanListsEachRenameRecodeRemovalAndNewQuestion(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: try MigrationFixture.catalog())
            let old = try await MigrationFixture.reportV1(f)
            let plan = try await f.service.planMigration(reportID: old.id).plan
            #expect(plan.from.description == "trial version 1")
            #expect(plan.to.description == "trial version 2")
            #expect(plan.steps == [MigrationFixture.migrationFile])
            #expect(plan.refusals == [])
            #expect(plan.carriedAsIs.map(\.oldKey) == [Self.key("contact")])
            #expect(plan.renamed.map { "\($0.oldKey) → \($0.newKey)" } == [
                "measures[1].measure_kind → actions[1].action_kind",
                "measures[1].measure_name → actions[1].action_name",
                "status → nbsap_status",
            ])
            #expect(plan.recoded.map { "\($0.newKey): \($0.oldValue) → \($0.newValue)" } == [
                "species_table: \(Self.speciesV1) → \(Self.speciesV2)",
                "nbsap_status: \"in_progress\" → \"under_revision\"",
            ])
            #expect(plan.dropped.map { "\($0.key) = \($0.value) by \($0.removedBy)" } == [
                "old_note = {\"en\":\"Only version 1 asked this\"} by \(MigrationFixture.migrationFile)",
            ])
            #expect(plan.newQuestions.map { "\($0.id) \($0.isRequired)" } == ["funding_total true"])
            // The plan stores nothing.
            #expect(try await store.reports(templateID: "trial").count == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func applyingCreatesTheNewReportWithExactlyTheCarriedAnswersAndLeavesTheOldOneAsItWas(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: try MigrationFixture.catalog())
            let old = try await MigrationFixture.reportV1(f)
            let answersBefore = try await store.answers(reportID: old.id)
            let (created, _) = try await f.service.applyMigration(reportID: old.id, toVersion: 2, actor: f.focalPoint)
            #expect(created.templateID == "trial")
            #expect(created.templateVersion == 2)
            #expect(created.state == .draft)
            #expect(created.workspaceID == old.workspaceID)

            let carried = try await store.answers(reportID: created.id)
            let values = Dictionary(uniqueKeysWithValues: carried.map { ($0.key.description, $0.value) })
            #expect(values == [
                "contact": .object(["en": .string("Jane Doe")]),
                "nbsap_status": .string("under_revision"),
                "actions[1].action_name": .object(["en": .string("Wetland act")]),
                "actions[1].action_kind": .string("legal"),
                "species_table": Self.speciesV2,
            ])
            for answer in carried {
                #expect(answer.provenance.kind == .migrated)
                #expect(answer.provenance.sourceReportID == old.id)
                #expect(answer.provenance.sourceTemplateID == "trial")
                #expect(answer.provenance.sourceTemplateVersion == 1)
                #expect(answer.toConfirm == false)
                #expect(answer.version == 1)
            }
            // The new report opens with the installed version and is editable.
            let view = try await f.service.view(reportID: created.id)
            #expect(view.versionNotice == nil)
            #expect(view.evaluation.issues.map { $0.key.description }.contains("funding_total"))

            #expect(try await store.report(id: old.id) == old)
            #expect(try await store.answers(reportID: old.id) == answersBefore)
            let newTrail = try await store.audit(reportID: created.id)
            #expect(newTrail.first?.action == "migrate")
            #expect(newTrail.first?.note == "trial version 2 from report \(old.id) (trial version 1)")
            #expect(newTrail.filter { $0.key != nil }.map { "\($0.key!) \($0.note ?? "")" }.sorted() == [
                "actions[1].action_kind from measures[1].measure_kind of report \(old.id)",
                "actions[1].action_name from measures[1].measure_name of report \(old.id)",
                "contact from contact of report \(old.id)",
                "nbsap_status from status of report \(old.id)",
                "species_table from species_table of report \(old.id)",
            ])
            #expect(try await store.audit(reportID: old.id).last.map { "\($0.action) \($0.note ?? "")" } == "migrated to report \(created.id) (trial version 2)")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aFaultyMappingIsRefusedNamingKeyAndValueWithNothingStored(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: try MigrationFixture.catalog(migration: MigrationFixture.faultyMigrationV2))
            let old = try await MigrationFixture.reportV1(f)
            let plan = try await f.service.planMigration(reportID: old.id).plan
            let file = MigrationFixture.migrationFile
            #expect(plan.refusals == [
                "\(file): questions.renamed maps status to nbsap_state, but trial version 2 has no question nbsap_state",
                "answer species_table = \(Self.speciesV1) does not fit species_table (table) of trial version 2: row 'mammals', column 'trend_status': 'up' is not a choice here; choose one of increasing, decreasing, stable; recode it or list it under removed in \(file)",
                "answer status = \"in_progress\" has no question nbsap_state in trial version 2: rename it or list it under removed in \(file)",
            ])
            let reportsBefore = try await store.reports(workspaceID: f.workspace.id)
            let auditBefore = try await store.audit(reportID: old.id)
            let error = await #expect(throws: DomainError.self) {
                try await f.service.applyMigration(reportID: old.id, actor: f.focalPoint)
            }
            #expect(error?.kind == .invalid)
            #expect(error?.message == "report \(old.id) cannot move to trial version 2: \(plan.refusals.joined(separator: "; "))")
            #expect(try await store.reports(workspaceID: f.workspace.id) == reportsBefore)
            #expect(try await store.audit(reportID: old.id) == auditBefore)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aReportOfAVersionTheInstalledOneDoesNotOpenIsReadOnlyWithANotice(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: try MigrationFixture.catalog())
            let old = try await MigrationFixture.reportV1(f)
            let view = try await f.service.readableView(of: old, in: f.workspace)
            #expect(view.versionNotice?.reportVersion == 1)
            #expect(view.versionNotice?.installedVersion == 2)
            #expect(view.versionNotice?.opensVersions == [])
            #expect(view.answers[Self.key("contact")]?.value == .object(["en": .string("Jane Doe")]))
            let error = await #expect(throws: DomainError.self) {
                try await f.service.answer(reportID: old.id, [AnswerEdit(key: Self.key("contact"), value: .object(["en": .string("X")]), expectedVersion: 1)],
                                           actor: f.focalPoint)
            }
            #expect(error?.message == "report \(old.id) was made with trial version 1 but version 2 is installed, which does not open reports of version 1")
            #expect(error?.remedy == .migrateReport(reportID: old.id))
            #expect(try await store.answers(reportID: old.id).first { $0.key == Self.key("contact") }?.value == .object(["en": .string("Jane Doe")]))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func onlyTheFocalPointMovesAReportAndOnlyToTheInstalledVersion(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: try MigrationFixture.catalog())
            let old = try await MigrationFixture.reportV1(f)
            let forbidden = await #expect(throws: DomainError.self) { try await f.service.applyMigration(reportID: old.id, actor: f.contributor) }
            #expect(forbidden?.message == "moving a report to a newer form needs the role focal point; you are contributor")
            let notInstalled = await #expect(throws: DomainError.self) { try await f.service.planMigration(reportID: old.id, toVersion: 3) }
            #expect(notInstalled?.message == "trial version 3 is not installed; the installed version is 2")
            let noPath = await #expect(throws: DomainError.self) { try await f.service.planMigration(reportID: old.id, toTemplate: "ramsar-cop15") }
            #expect(noPath?.message.hasPrefix("no migration from trial version 1 to ramsar-cop15 version ") == true)
            #expect(try await store.reports(templateID: "trial").count == 1)
        }
    }

    @Test func aMigrationFileIsCheckedWhenTheDataIsLoadedNamingFileAndLine() throws {
        let faulty = """
        migration:
          from: {template: trial, version: 1}
          to: {template: trial, version: 3}
        questions:
          renamed: {status: nbsap_status, state: nbsap_status}
          removed: [status]

        """
        let error = #expect(throws: DataFileError.self) { try MigrationFixture.catalog(migration: faulty) }
        #expect(error?.problems.map(\.description) == [
            "\(MigrationFixture.migrationFile):3: trial version 3 is not installed (the installed version is 2)",
            "\(MigrationFixture.migrationFile):6: status is both renamed and removed; keep one",
            "\(MigrationFixture.migrationFile):5: state and status are both renamed to nbsap_status; one answer per question",
        ])
    }
}
