import Foundation
import SynergiaCore

/// A report keyed by the secretariat's own form (schema `synergia.secretariat/1`,
/// docs/secretariat-exports.md): every answered question under its key in the template's
/// system (`ort`, `prais`, `ramsar`, `ors`), choices as that system's codes, repeat
/// groups with a key as entries of their children's keys, and everything without a key
/// under `unmapped` by Synergia's answer key, as stored. Read back by
/// `ReportService.planSecretariatImport`.
public struct SecretariatDocument: Codable, Sendable, Equatable {
    public struct TemplateRef: Codable, Sendable, Equatable {
        public var id: String
        public var version: Int
        public var convention: String
    }

    public var schema = "synergia.secretariat/1"
    public var system: String
    public var template: TemplateRef
    /// ISO 3166-1 alpha-3 code of the reporting country, as the workspace has it.
    public var country: String
    /// Answers of top-level questions by their key in `system`.
    public var answers: [String: AnswerValue]
    /// Repeat groups by their key: entry → child key → answer.
    public var groups: [String: [String: [String: AnswerValue]]]
    /// Answers without a key in `system`, by Synergia's answer key.
    public var unmapped: [String: AnswerValue]

    public init(system: String, template: TemplateRef, country: String, answers: [String: AnswerValue] = [:],
                groups: [String: [String: [String: AnswerValue]]] = [:], unmapped: [String: AnswerValue] = [:]) {
        self.system = system
        self.template = template
        self.country = country
        self.answers = answers
        self.groups = groups
        self.unmapped = unmapped
    }

    /// The answered, relevant questions of `view` keyed by `keys`.
    public init(view: ReportService.ReportView, keys: ExternalKeys) {
        let template = view.template
        self.init(system: keys.system, template: TemplateRef(id: template.id, version: template.version, convention: template.convention),
                  country: view.workspace.country)
        for (question, _) in template.questions {
            for (key, item) in ReportDocument.keys(question, entries: view.entries) where !view.evaluation.hidden.contains(key) {
                guard let value = view.answers[key]?.value, value.isAnswered else { continue }
                place(value, key: key, question: item, group: key.group == nil ? nil : question, keys: keys, entries: view.entries)
            }
        }
    }

    private mutating func place(_ value: AnswerValue, key: AnswerKey, question: Question, group: Question?, keys: ExternalKeys,
                                entries: [String: [String]]) {
        let system = keys.system
        // An "other" text with nowhere to go in the system's form keeps the whole answer as Synergia stores it.
        let strandedOther = question.type == .multipleChoice && value["other"].isAnswered && question.external[system + "_other_text"] == nil
        guard let own = question.external[system], !strandedOther else {
            unmapped[key.description] = value
            return
        }
        if let group, let entry = key.entry {
            // A group without a key, or an entry another group of the same key already wrote, stays as stored.
            guard let groupKey = group.external[system], keys.group(groupKey, entry: entry, entries: entries) == group else {
                unmapped[key.description] = value
                return
            }
            groups[groupKey, default: [:]][entry, default: [:]][own] = keys.written(value, for: question)
            return
        }
        answers[own] = keys.written(value, for: question)
        if let otherKey = question.external[system + "_other_text"], let text = value["other"].stringValue, !text.isEmpty {
            answers[otherKey] = .string(text)
        }
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
