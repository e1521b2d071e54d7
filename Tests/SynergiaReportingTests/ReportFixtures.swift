import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaReference
import SynergiaStore
import SynergiaTestSupport

/// A seeded store with the demo workspace, the shipped catalog and the demo members as actors.
struct ReportFixture {
    let store: SQLStore
    let service: ReportService
    let workspace: Workspace
    let focalPoint: ReportActor
    let contributor: ReportActor
    let reviewer: ReportActor

    static let sharedCatalog: TemplateCatalog = try! TemplateCatalog.load(dataDirectory: TestDatabase.dataDirectory, reference: try! TestDatabase.referenceSet())

    static func make(_ store: SQLStore, catalog: TemplateCatalog = sharedCatalog) async throws -> ReportFixture {
        _ = try await store.seedReference(try TestDatabase.referenceSet())
        _ = try await DemoWorkspace.load(TestDatabase.dataDirectory.appendingPathComponent("demo/ken.yaml"), into: store)
        let workspace = try await store.workspace(country: "KEN")!
        func actor(_ email: String) async throws -> ReportActor {
            try await ReportActor.resolve(email: email, workspaceID: workspace.id, channel: .api, store: store)
        }
        return ReportFixture(store: store, service: ReportService(store: store, catalog: catalog, messages: try Messages.load(dataDirectory: TestDatabase.dataDirectory)), workspace: workspace,
                             focalPoint: try await actor("focal.point@demo.synergia.example"),
                             contributor: try await actor("contributor@demo.synergia.example"),
                             reviewer: try await actor("reviewer@demo.synergia.example"))
    }

    /// A two-section template small enough to fill completely in a test.
    static let miniCatalog: TemplateCatalog = {
        let shared = sharedCatalog
        let template = ReportTemplate(
            id: "mini", convention: "CBD", cycle: "2026", version: 1, languages: ["en"], title: LocalizedText(en: "Mini"), source: "test",
            sections: [
                TemplateSection(id: "a", title: LocalizedText(en: "A"), questions: [
                    Question(id: "contact", type: .text, label: LocalizedText(en: "Contact"), required: try! ExpressionParser.parse("true"),
                             concept: "focal_point_contact"),
                ]),
                TemplateSection(id: "b", title: LocalizedText(en: "B"), questions: [
                    Question(id: "share", type: .number, label: LocalizedText(en: "Share"), required: try! ExpressionParser.parse("true"),
                             constraint: try! ExpressionParser.parse(". <= 50"), constraintMessage: LocalizedText(en: "at most half"),
                             unit: "percent", minimum: 0, maximum: 100),
                ]),
            ])
        return TemplateCatalog(templates: Array(shared.templates.values) + [template], concepts: Array(shared.concepts.values), choiceLists: shared.choiceLists)
    }()
}

extension AnswerValue {
    static func text(_ english: String) -> AnswerValue { .object(["en": .string(english)]) }
}
