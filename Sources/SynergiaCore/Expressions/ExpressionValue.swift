/// A value seen by a template expression: an answer, a literal or an
/// intermediate result. Multiple-choice answers arrive as `.list`.
public enum ExpressionValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([ExpressionValue])
}

extension ExpressionValue {
    /// Only `true` itself counts as true, so an unanswered question (null)
    /// can never make a condition hold by accident.
    var isTrue: Bool { self == .bool(true) }

    var numberValue: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    /// Arithmetic that overflows must not leak infinities into answers or
    /// comparisons, so non-finite results become null like other failures.
    static func finite(_ value: Double) -> ExpressionValue {
        value.isFinite ? .number(value) : .null
    }
}
