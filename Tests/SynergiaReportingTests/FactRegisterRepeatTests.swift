import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// A concept asked inside a repeat group is one fact per entry. No two shipped
/// forms repeat over the same entries (only the CBD report repeats over national
/// and GBF targets), so two test forms ask the same per-target fact.
@Suite struct FactRegisterRepeatTests {
    static let concept = Concept(id: "national_target_lead_agency", label: LocalizedText(en: "Agency leading the national target"), type: .text)

    static func form(_ id: String, group: String, child: String) -> ReportTemplate {
        ReportTemplate(id: id, convention: "CBD", cycle: "2026", version: 1, languages: ["en"], title: LocalizedText(en: id), source: "test", sections: [
            TemplateSection(id: "s", title: LocalizedText(en: "Targets"), questions: [
                Question(id: group, type: .repeatGroup, label: LocalizedText(en: "Per national target"), repeatSource: .nationalTargets, children: [
                    Question(id: child, type: .text, label: LocalizedText(en: "Lead agency"), concept: concept.id),
                ]),
            ]),
        ])
    }

    static let catalog: TemplateCatalog = {
        let shared = ReportFixture.sharedCatalog
        return TemplateCatalog(templates: Array(shared.templates.values) + [form("first", group: "targets", child: "lead"),
                                                                             form("second", group: "by_target", child: "agency")],
                               concepts: Array(shared.concepts.values) + [concept], choiceLists: shared.choiceLists)
    }()

    @Test(arguments: TestDatabase.kinds)
    func aFactInsideARepeatGroupIsSharedPerEntry(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: Self.catalog)
            let first = try await f.service.create(workspace: f.workspace, templateID: "first", actor: f.focalPoint)
            let second = try await f.service.create(workspace: f.workspace, templateID: "second", actor: f.focalPoint)
            _ = try await f.service.answer(reportID: first.id, [
                AnswerEdit(key: AnswerKey(question: "lead", group: "targets", entry: "KEN-T1"), value: .text("Kenya Wildlife Service"), expectedVersion: nil),
            ], actor: f.focalPoint)

            let answers = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: second.id).map { ($0.key.description, $0.value) })
            #expect(answers == ["by_target[KEN-T1].agency": .text("Kenya Wildlife Service")])
            let key = FactKey(concept: Self.concept.id, entry: "KEN-T1")
            #expect(key.description == "national_target_lead_agency[KEN-T1]")
            #expect(FactKey("national_target_lead_agency[KEN-T1]") == key)
            #expect(try await store.fact(workspaceID: f.workspace.id, key: key)?.value == .text("Kenya Wildlife Service"))
            #expect(try await store.fact(workspaceID: f.workspace.id, key: FactKey(concept: Self.concept.id, entry: "KEN-T2")) == nil)

            // Set per entry from the register; a new report is prefilled per entry.
            let register = FactRegister(service: f.service)
            _ = try await register.set(workspace: f.workspace, fact: FactKey(concept: Self.concept.id, entry: "KEN-T2"), input: .text("State Department for Forestry"),
                                       language: "en", expectedVersion: 0, actor: f.contributor)
            #expect(try await store.answers(reportID: first.id).first { $0.key.description == "targets[KEN-T2].lead" }?.value == .text("State Department for Forestry"))
            let third = try await f.service.create(workspace: f.workspace, templateID: "second", actor: f.focalPoint)
            let prefilled = Dictionary(uniqueKeysWithValues: try await store.answers(reportID: third.id).map { ($0.key.description, $0.value) })
            #expect(prefilled["by_target[KEN-T1].agency"] == .text("Kenya Wildlife Service"))
            #expect(prefilled["by_target[KEN-T2].agency"] == .text("State Department for Forestry"))

            let listed = try await register.entries(workspaceID: f.workspace.id).filter { $0.concept == Self.concept.id }
            #expect(listed.map(\.fact.description) == ["national_target_lead_agency[KEN-T1]", "national_target_lead_agency[KEN-T2]"])
            #expect(listed.first?.claims.map(\.key) == ["targets[KEN-T1].lead", "by_target[KEN-T1].agency", "by_target[KEN-T1].agency"])

            let noEntry = await #expect(throws: DomainError.self) {
                try await register.set(workspace: f.workspace, fact: FactKey(concept: Self.concept.id), input: .text("x"), language: "en", expectedVersion: 0, actor: f.focalPoint)
            }
            #expect(noEntry?.message.hasPrefix("concept 'national_target_lead_agency' is asked once per entry of ") == true)
            let unknownEntry = await #expect(throws: DomainError.self) {
                try await register.set(workspace: f.workspace, fact: FactKey(concept: Self.concept.id, entry: "KEN-T99"), input: .text("x"), language: "en",
                                       expectedVersion: 0, actor: f.focalPoint)
            }
            #expect(unknownEntry?.kind == .notFound)
            #expect(unknownEntry?.message.contains("'KEN-T99' is not an entry of") == true)
        }
    }
}
