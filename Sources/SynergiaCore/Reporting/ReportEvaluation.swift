import Foundation

/// A problem that keeps a report from being submitted, placed at its question.
public struct ValidationIssue: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case required, constraint, shape
    }

    public var key: AnswerKey
    public var section: String
    public var kind: Kind
    public var message: String

    public init(key: AnswerKey, section: String, kind: Kind, message: String) {
        self.key = key
        self.section = section
        self.kind = kind
        self.message = message
    }
}

public struct SectionCompleteness: Sendable, Equatable, Codable {
    public var section: String
    /// Relevant questions (and repeat-entry questions) with an answer.
    public var answered: Int
    /// Relevant questions (and repeat-entry questions) in the section and its sub-sections.
    public var expected: Int

    public var percent: Int { expected == 0 ? 100 : answered * 100 / expected }
}

/// The server-side evaluation of a report: relevance, required, constraints,
/// answer shapes and completeness, over every question and repeat entry.
public struct ReportEvaluation: Sendable {
    public var issues: [ValidationIssue]
    public var completeness: [SectionCompleteness]
    /// Keys whose question is not relevant: kept, but neither validated nor exported.
    public var hidden: Set<AnswerKey>

    public var isSubmittable: Bool { issues.isEmpty }

    /// - Parameters:
    ///   - entries: the entry keys of each repeat group (national target codes,
    ///     goal codes, …); entries of `entries` groups are also read from the answers.
    ///   - attached: answers that carry files; a link question with files is answered by them
    ///     even when no address or name was typed.
    public init(template: ReportTemplate, answers: [AnswerKey: AnswerValue], entries: [String: [String]], attached: Set<AnswerKey> = []) {
        var issues: [ValidationIssue] = []
        var hidden: Set<AnswerKey> = []
        var tallies: [String: (answered: Int, expected: Int)] = [:]

        func lookup(_ key: AnswerKey) -> (String) -> ExpressionValue {
            { id in
                if let group = key.group, let entry = key.entry,
                   let sibling = answers[AnswerKey(question: id, group: group, entry: entry)] {
                    return sibling.expressionValue
                }
                return answers[AnswerKey(question: id)]?.expressionValue ?? .null
            }
        }

        func evaluate(_ question: Question, key: AnswerKey, section: String) {
            let value = answers[key] ?? .null
            let resolve = lookup(key)
            if let relevant = question.relevant, !relevant.isTrue(current: value.expressionValue, lookup: resolve) {
                hidden.insert(key)
                return
            }
            tallies[section, default: (0, 0)].expected += 1
            let answeredByFiles = !value.isAnswered && question.type == .link && attached.contains(key)
            if value.isAnswered || answeredByFiles { tallies[section, default: (0, 0)].answered += 1 }
            let required = question.required?.isTrue(current: value.expressionValue, lookup: resolve) ?? false
            if !value.isAnswered {
                if required && !answeredByFiles {
                    issues.append(ValidationIssue(key: key, section: section, kind: .required, message: "an answer is required"))
                }
                return
            }
            let shape = AnswerShape.problems(value, for: question)
            if !shape.isEmpty {
                issues += shape.map { ValidationIssue(key: key, section: section, kind: .shape, message: $0) }
                return
            }
            if let constraint = question.constraint, !constraint.isTrue(current: value.expressionValue, lookup: resolve) {
                let message = question.constraintMessage?.english ?? "the answer does not meet this question's condition"
                issues.append(ValidationIssue(key: key, section: section, kind: .constraint, message: message))
            }
        }

        for (question, section) in template.questions {
            guard question.type == .repeatGroup else {
                evaluate(question, key: AnswerKey(question: question.id), section: section)
                continue
            }
            if let relevant = question.relevant,
               !relevant.isTrue(current: .null, lookup: lookup(AnswerKey(question: question.id))) {
                hidden.insert(AnswerKey(question: question.id))
                continue
            }
            var keys = entries[question.id] ?? []
            if case .entries = question.repeatSource {
                let answered = answers.keys.filter { $0.group == question.id }.compactMap(\.entry)
                keys = Array(Set(keys).union(answered)).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            }
            if case .entries(let minimum, _) = question.repeatSource, let minimum, keys.count < minimum {
                issues.append(ValidationIssue(key: AnswerKey(question: question.id), section: section, kind: .required,
                                              message: "needs at least \(minimum) entr\(minimum == 1 ? "y" : "ies")"))
            }
            for entry in keys {
                for child in question.children {
                    evaluate(child, key: AnswerKey(question: child.id, group: question.id, entry: entry), section: section)
                }
            }
        }

        var completeness: [SectionCompleteness] = []
        for (section, _) in template.allSections {
            let own = template.allSections.filter { $0.section.id == section.id || $0.path.contains(section.id) }.map(\.section.id)
            let total = own.reduce((answered: 0, expected: 0)) { sum, id in
                (sum.answered + (tallies[id]?.answered ?? 0), sum.expected + (tallies[id]?.expected ?? 0))
            }
            completeness.append(SectionCompleteness(section: section.id, answered: total.answered, expected: total.expected))
        }
        self.issues = issues
        self.completeness = completeness
        self.hidden = hidden
    }
}
