import Foundation
import Testing
import SynergiaCore

/// The planner without a database: chains of steps, recodings that merge codes, the lossless
/// changes of shape between choice types, removed repeat groups, and answers nobody declared.
@Suite struct MigrationPlannerTests {
    static func form(_ version: Int) -> TemplateMigration.Form { .init(templateID: "trial", version: version) }

    static func answer(_ key: String, _ value: AnswerValue, toConfirm: Bool = false) -> Answer {
        Answer(key: AnswerKey(key)!, value: value, toConfirm: toConfirm,
               provenance: AnswerProvenance(kind: .entered, channel: .api, at: Date(timeIntervalSince1970: 0)), version: 2)
    }

    /// Version 3: `sectors` (multiple choice), `main_sector` (single choice), `size` (number).
    static let version3 = ReportTemplate(
        id: "trial", convention: "CBD", cycle: "2030", version: 3, languages: ["en"], title: LocalizedText(en: "Trial"), source: "test",
        sections: [TemplateSection(id: "s", title: LocalizedText(en: "S"), questions: [
            Question(id: "sectors", type: .multipleChoice, label: LocalizedText(en: "Sectors"),
                     choices: ["farming", "fishing"].map { Choice(value: $0, label: LocalizedText(en: $0)) }),
            Question(id: "main_sector", type: .singleChoice, label: LocalizedText(en: "Main sector"),
                     choices: ["farming", "fishing"].map { Choice(value: $0, label: LocalizedText(en: $0)) }),
            Question(id: "size", type: .number, label: LocalizedText(en: "Size"), unit: "ha"),
        ])])

    static let steps = [
        TemplateMigration(from: form(1), to: form(2), renamedQuestions: ["sector": "sector_list"], removedQuestions: ["sites"],
                          recodings: [.init(question: "sector_list", codes: ["crops": "farming", "livestock": "farming"])],
                          file: "data/templates/migrations/trial-v2.yaml"),
        TemplateMigration(from: form(2), to: form(3), renamedQuestions: ["sector_list": "sectors", "primary": "main_sector"],
                          addedQuestions: ["size"], file: "data/templates/migrations/trial-v3.yaml"),
    ]

    @Test func theFewestDeclaredStepsLeadFromOneFormToAnother() {
        let shortcut = TemplateMigration(from: Self.form(1), to: Self.form(3), file: "shortcut.yaml")
        #expect(TemplateMigration.path(from: Self.form(1), to: Self.form(3), among: Self.steps)?.map(\.file) ==
                ["data/templates/migrations/trial-v2.yaml", "data/templates/migrations/trial-v3.yaml"])
        #expect(TemplateMigration.path(from: Self.form(1), to: Self.form(3), among: Self.steps + [shortcut])?.map(\.file) == ["shortcut.yaml"])
        #expect(TemplateMigration.path(from: Self.form(2), to: Self.form(1), among: Self.steps) == nil)
        #expect(TemplateMigration.path(from: Self.form(1), to: .init(templateID: "other", version: 1), among: Self.steps) == nil)
    }

    @Test func aChainRenamesTwiceMergesCodesOnceAndConvertsOneChoiceToAList() {
        let plan = MigrationPlanner.plan(answers: [
            Self.answer("sector", .object(["selected": .list([.string("crops"), .string("livestock"), .string("fishing")])])),
            Self.answer("primary", .object(["selected": .list([.string("fishing")])]), toConfirm: true),
            Self.answer("sites[1].name", .object(["en": .string("Lake")])),
            Self.answer("sites[2].name", .object(["en": .string("River")])),
        ], from: Self.form(1), steps: Self.steps, target: Self.version3)
        #expect(plan.refusals == [])
        #expect(plan.answers.map { "\($0.oldKey) → \($0.newKey) = \($0.newValue) \($0.toConfirm)" } == [
            "primary → main_sector = \"fishing\" true",
            "sector → sectors = {\"selected\":[\"farming\",\"fishing\"]} false",
        ])
        #expect(plan.dropped.map { "\($0.key) \($0.removedBy)" } == [
            "sites[1].name data/templates/migrations/trial-v2.yaml", "sites[2].name data/templates/migrations/trial-v2.yaml",
        ])
        #expect(plan.newQuestions.map(\.id) == ["size"])
        #expect(plan.newQuestions.map(\.isRequired) == [false])
    }

    @Test func anAnswerNobodyDeclaredAndAValueThatCannotBeConvertedAreRefused() {
        let plan = MigrationPlanner.plan(answers: [
            Self.answer("forgotten", .bool(true)),
            Self.answer("size", .string("large")),
            Self.answer("primary", .object(["selected": .list([.string("crops"), .string("fishing")])])),
        ], from: Self.form(2), steps: [Self.steps[1]], target: Self.version3)
        #expect(plan.answers == [])
        #expect(plan.refusals == [
            "answer forgotten = true has no question forgotten in trial version 3: rename it or list it under removed in data/templates/migrations/trial-v3.yaml",
            "answer primary = {\"selected\":[\"crops\",\"fishing\"]} does not fit main_sector (single_choice) of trial version 3: expects one of the listed choices; recode it or list it under removed in data/templates/migrations/trial-v3.yaml",
            "answer size = \"large\" does not fit size (number) of trial version 3: expects a number in ha; recode it or list it under removed in data/templates/migrations/trial-v3.yaml",
        ])
    }
}
