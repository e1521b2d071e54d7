import Foundation
import SynergiaCore
import SynergiaStore

extension Prefill {
    /// The register's value of a concept (per entry inside a repeat group), read
    /// before any report's answer; nil when the register holds none.
    func registerFact(_ concept: String?, entry: String) async throws -> Fact? {
        guard let concept, let fact = try await store.fact(workspaceID: workspaceID, key: FactKey(concept: concept, entry: entry)),
              fact.value.isAnswered else { return nil }
        return fact
    }

    /// A value prefilled from the register names the report it was saved in, when it was saved in one.
    static func provenance(of fact: Fact, at now: Date) -> AnswerProvenance {
        AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: fact.provenance.sourceReportID == nil ? .register : .report,
                         sourceReportID: fact.provenance.sourceReportID, sourceTemplateID: fact.provenance.sourceTemplateID)
    }
}
