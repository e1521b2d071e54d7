import Foundation
import SynergiaCore
import SynergiaStore

extension Prefill {
    /// The register of the workspace, read once per prefill.
    func register() async throws -> [FactKey: Fact] {
        Dictionary(try await store.facts(workspaceID: workspaceID).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The register's value of a concept (per entry inside a repeat group), taken
    /// before any report's answer; nil when the register holds none.
    static func registerFact(_ concept: String?, entry: String, in register: [FactKey: Fact]) -> Fact? {
        guard let concept, let fact = register[FactKey(concept: concept, entry: entry)], fact.value.isAnswered else { return nil }
        return fact
    }

    /// A value prefilled from the register names the report it was saved in, when it was saved in one.
    static func provenance(of fact: Fact, at now: Date) -> AnswerProvenance {
        AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: fact.provenance.sourceReportID == nil ? .register : .report,
                         sourceReportID: fact.provenance.sourceReportID, sourceTemplateID: fact.provenance.sourceTemplateID)
    }
}
