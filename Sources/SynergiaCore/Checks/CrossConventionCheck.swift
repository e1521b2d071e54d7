import Foundation

/// A fact two places of a workspace must agree on: a question of one report
/// and a question of another, or a question and a series or a national target.
/// The two sides are expressions of the cross-report vocabulary
/// (`answer(…)`, `series_latest(…)`, `target_latest(…)`, `target_status(…)`),
/// compared with the tolerance the check states. A check only ever warns: a
/// report still moves to review or to submission when one differs.
public struct CrossConventionCheck: Sendable, Equatable {
    public enum Severity: String, Sendable, Codable, CaseIterable {
        case warning
    }

    /// What one run of the check is about: the report as a whole, or each
    /// national target of the workspace in turn (then `${target}` is its code).
    public enum Scope: String, Sendable, Codable, CaseIterable {
        case report
        case nationalTargets = "national_targets"
    }

    public var id: String
    public var severity: Severity
    public var scope: Scope
    public var left: Expression
    public var right: Expression
    /// The sides as written in the file, for messages and the API.
    public var leftSource: String
    public var rightSource: String
    /// Largest difference of two numbers that still agree, in `unit`; nil: they must be equal.
    public var tolerance: Double?
    public var unit: String?
    /// Shown when the sides differ; `{left}`, `{right}` and `{target}` are replaced.
    public var message: LocalizedText
    /// Why the two must agree: the concept, indicator definition or form instruction.
    public var basis: LocalizedText

    public init(id: String, severity: Severity = .warning, scope: Scope = .report, left: Expression, right: Expression,
                leftSource: String, rightSource: String, tolerance: Double?, unit: String?, message: LocalizedText, basis: LocalizedText) {
        self.id = id
        self.severity = severity
        self.scope = scope
        self.left = left
        self.right = right
        self.leftSource = leftSource
        self.rightSource = rightSource
        self.tolerance = tolerance
        self.unit = unit
        self.message = message
        self.basis = basis
    }

    /// The report questions the check reads, from the literal arguments of its
    /// `answer(…)` calls: a report of one of these templates runs the check.
    public var questions: [CheckedQuestion] {
        var found: [CheckedQuestion] = []
        for (function, arguments) in left.workspaceCalls + right.workspaceCalls where function == .answer {
            let literals = arguments.map { argument -> String? in
                if case .literal(.string(let text)) = argument { return text }
                return nil
            }
            let question: CheckedQuestion?
            if arguments.count == 4, let template = literals[0], let group = literals[1], let id = literals[3] {
                question = CheckedQuestion(template: template, group: group, question: id)
            } else if arguments.count == 2, let template = literals[0], let id = literals[1] {
                question = CheckedQuestion(template: template, group: nil, question: id)
            } else {
                question = nil
            }
            if let question, !found.contains(question) { found.append(question) }
        }
        return found
    }

    /// Whether a report of `templateID` runs this check.
    public func concerns(templateID: String) -> Bool {
        questions.contains { $0.template == templateID }
    }

    /// Agreement of two evaluated sides. Null on either side (a question not
    /// answered, a series without observations) cannot be compared. Numbers
    /// agree within the tolerance, ignoring the last binary digits so that
    /// 24.6 and 24.65 agree within 0.05; anything else must be equal.
    public func compare(_ left: ExpressionValue, _ right: ExpressionValue) -> CrossCheckResult {
        if left == .null || right == .null { return .incomplete }
        if case .number(let a) = left, case .number(let b) = right {
            let slack = 1e-9 * Swift.max(1, Swift.abs(a), Swift.abs(b))
            return Swift.abs(a - b) <= (tolerance ?? 0) + slack ? .agrees : .differs
        }
        return left == right ? .agrees : .differs
    }
}

/// A question a check reads: a top-level question, or one inside a repeated group.
public struct CheckedQuestion: Sendable, Hashable, Codable {
    public var template: String
    public var group: String?
    public var question: String

    public init(template: String, group: String?, question: String) {
        self.template = template
        self.group = group
        self.question = question
    }
}

public enum CrossCheckResult: String, Sendable, Codable {
    case agrees
    case differs
    /// One side or both have no value yet.
    case incomplete
}
