import SynergiaCore
import SynergiaStore

/// Two or more reports of a workspace giving different answers to one fact: a
/// value kept for one report only, or a register change a report in review has
/// not accepted yet. The facts page resolves them in one place.
public struct ConceptConflict: Codable, Sendable, Equatable {
    public struct Claim: Codable, Sendable, Equatable {
        public var reportID: Int64
        public var template: String
        public var key: String
        public var value: AnswerValue
        public var toConfirm: Bool
        public var provenance: AnswerProvenance
    }

    public var concept: String
    /// The entry of a concept asked inside a repeat group; empty at the top level.
    public var entry: String
    public var label: String
    public var claims: [Claim]
}

extension ReportService {
    /// Every fact whose answered values differ between reports of the workspace.
    public func conflicts(workspaceID: Int64) async throws -> [ConceptConflict] {
        var byFact: [FactKey: [(report: Report, answer: Answer)]] = [:]
        for (report, concept, answer) in try await store.conceptAnswers(workspaceID: workspaceID) where answer.value.isAnswered {
            byFact[FactKey(concept: concept, answerKey: answer.key), default: []].append((report, answer))
        }
        return byFact.keys.sorted().compactMap { key in
            guard let concept = catalog.concepts[key.concept], let answers = byFact[key], Set(answers.map(\.answer.value)).count > 1 else { return nil }
            return ConceptConflict(concept: key.concept, entry: key.entry, label: concept.label.english, claims: answers.map { report, answer in
                .init(reportID: report.id, template: report.templateID, key: answer.key.description, value: answer.value,
                      toConfirm: answer.toConfirm, provenance: answer.provenance)
            })
        }
    }
}
