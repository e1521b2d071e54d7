import SynergiaCore
import SynergiaStore

/// Two or more reports of a workspace giving different answers to one concept.
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
    public var label: String
    public var claims: [Claim]
}

extension ReportService {
    /// Every concept whose answered values differ between reports of the workspace.
    public func conflicts(workspaceID: Int64) async throws -> [ConceptConflict] {
        var conflicts: [ConceptConflict] = []
        for concept in catalog.concepts.values.sorted(by: { $0.id < $1.id }) {
            let answers = try await store.conceptAnswers(workspaceID: workspaceID, concept: concept.id).filter { $0.answer.value.isAnswered }
            guard Set(answers.map(\.answer.value)).count > 1 else { continue }
            conflicts.append(ConceptConflict(concept: concept.id, label: concept.label.english, claims: answers.map { report, answer in
                .init(reportID: report.id, template: report.templateID, key: answer.key.description, value: answer.value,
                      toConfirm: answer.toConfirm, provenance: answer.provenance)
            }))
        }
        return conflicts
    }
}
