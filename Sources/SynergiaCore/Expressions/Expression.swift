/// A parsed template expression. Build one with `ExpressionParser.parse`;
/// the cases are public so the reporting engine can inspect and compare trees.
public indirect enum Expression: Sendable, Equatable {
    case literal(ExpressionValue)
    /// `.`: the answer of the question the expression belongs to.
    case current
    /// `${id}`: the answer of another question.
    case reference(String)
    case unary(ExpressionUnaryOperator, Expression)
    case binary(ExpressionBinaryOperator, Expression, Expression)
    case call(ExpressionFunction, [Expression])
    /// A call that reads the workspace beyond the report (checks across conventions only).
    case workspace(WorkspaceFunction, [Expression])
}

public enum ExpressionUnaryOperator: String, Sendable, Equatable, CaseIterable {
    case negate = "-"
    case not
}

public enum ExpressionBinaryOperator: String, Sendable, Equatable, CaseIterable {
    case or, and
    case equal = "=", notEqual = "!="
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "mod"
}

extension Expression {
    /// Question ids referenced as `${id}`.
    public var references: Set<String> {
        var ids: Set<String> = []
        visit { if case .reference(let id) = $0 { ids.insert(id) } }
        return ids
    }

    /// Whether `.` (the question's own answer) is used.
    public var usesCurrentValue: Bool {
        var found = false
        visit { if case .current = $0 { found = true } }
        return found
    }

    /// The workspace functions called, with their argument trees, in reading order.
    public var workspaceCalls: [(function: WorkspaceFunction, arguments: [Expression])] {
        var calls: [(WorkspaceFunction, [Expression])] = []
        visit { if case .workspace(let function, let arguments) = $0 { calls.append((function, arguments)) } }
        return calls
    }

    /// Recursion is safe here: the parser caps the depth of every tree it builds.
    private func visit(_ body: (Expression) -> Void) {
        body(self)
        switch self {
        case .literal, .current, .reference: break
        case .unary(_, let operand): operand.visit(body)
        case .binary(_, let lhs, let rhs):
            lhs.visit(body)
            rhs.visit(body)
        case .call(_, let arguments), .workspace(_, let arguments):
            for argument in arguments { argument.visit(body) }
        }
    }
}
