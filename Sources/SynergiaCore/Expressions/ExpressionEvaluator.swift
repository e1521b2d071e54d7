import Foundation

extension Expression {
    /// Evaluates with `current` as `.` and `lookup` resolving `${id}`.
    /// Never fails: anything without a sensible result is null, which every
    /// condition treats as false. Workspace functions give null here.
    public func evaluate(current: ExpressionValue, lookup: (String) -> ExpressionValue) -> ExpressionValue {
        evaluate(current: current, lookup: lookup, workspace: { _ in .null })
    }

    /// Truth of the result: only .bool(true) is true; anything else (null included) is false.
    public func isTrue(current: ExpressionValue, lookup: (String) -> ExpressionValue) -> Bool {
        evaluate(current: current, lookup: lookup).isTrue
    }

    /// As `evaluate(current:lookup:)`, with `workspace` resolving the calls of
    /// workspace functions. A call whose arguments are not all strings is null
    /// and never reaches `workspace`.
    public func evaluate(current: ExpressionValue, lookup: (String) -> ExpressionValue, workspace: (WorkspaceCall) -> ExpressionValue) -> ExpressionValue {
        func inner(_ expression: Expression) -> ExpressionValue {
            expression.evaluate(current: current, lookup: lookup, workspace: workspace)
        }
        switch self {
        case .literal(let value):
            return value
        case .current:
            return current
        case .reference(let id):
            return lookup(id)
        case .unary(.negate, let operand):
            guard case .number(let number) = inner(operand) else { return .null }
            return .number(-number)
        case .unary(.not, let operand):
            return .bool(!inner(operand).isTrue)
        case .binary(.and, let lhs, let rhs):
            return .bool(inner(lhs).isTrue && inner(rhs).isTrue)
        case .binary(.or, let lhs, let rhs):
            return .bool(inner(lhs).isTrue || inner(rhs).isTrue)
        case .binary(let op, let lhs, let rhs):
            return op.apply(inner(lhs), inner(rhs))
        case .call(.if, let arguments) where arguments.count == 3:
            // Lazy, so the branch not taken cannot matter.
            return inner(inner(arguments[0]).isTrue ? arguments[1] : arguments[2])
        case .call(let function, let arguments):
            return function.apply(arguments.map(inner))
        case .workspace(let function, let arguments):
            var strings: [String] = []
            for argument in arguments {
                guard case .string(let text) = inner(argument) else { return .null }
                strings.append(text)
            }
            guard function.argumentCounts.contains(strings.count) else { return .null }
            return workspace(WorkspaceCall(function: function, arguments: strings))
        }
    }
}

extension ExpressionBinaryOperator {
    /// Eager operators only; `and` and `or` short-circuit in the evaluator.
    func apply(_ lhs: ExpressionValue, _ rhs: ExpressionValue) -> ExpressionValue {
        switch self {
        case .and: return .bool(lhs.isTrue && rhs.isTrue)
        case .or: return .bool(lhs.isTrue || rhs.isTrue)
        // Values of different kinds are simply unequal: 1 = '1' is false.
        case .equal: return .bool(lhs == rhs)
        case .notEqual: return .bool(lhs != rhs)
        case .less: return compare(lhs, rhs) { $0 == .orderedAscending }
        case .lessOrEqual: return compare(lhs, rhs) { $0 != .orderedDescending }
        case .greater: return compare(lhs, rhs) { $0 == .orderedDescending }
        case .greaterOrEqual: return compare(lhs, rhs) { $0 != .orderedAscending }
        case .add, .subtract, .multiply, .divide, .modulo: return arithmetic(lhs, rhs)
        }
    }

    private func compare(_ lhs: ExpressionValue, _ rhs: ExpressionValue, _ holds: (ComparisonResult) -> Bool) -> ExpressionValue {
        guard let order = lhs.order(comparedTo: rhs) else { return .null }
        return .bool(holds(order))
    }

    private func arithmetic(_ lhs: ExpressionValue, _ rhs: ExpressionValue) -> ExpressionValue {
        guard case .number(let a) = lhs, case .number(let b) = rhs else { return .null }
        switch self {
        case .add: return .finite(a + b)
        case .subtract: return .finite(a - b)
        case .multiply: return .finite(a * b)
        case .divide: return b == 0 ? .null : .finite(a / b)
        case .modulo: return b == 0 ? .null : .finite(a.truncatingRemainder(dividingBy: b))
        default: return .null
        }
    }
}

extension ExpressionValue {
    /// Numbers numerically, strings character by character (so ISO dates
    /// order chronologically); other kinds and mixes have no order.
    func order(comparedTo other: ExpressionValue) -> ComparisonResult? {
        switch (self, other) {
        case (.number(let a), .number(let b)):
            guard !a.isNaN, !b.isNaN else { return nil }
            return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        case (.string(let a), .string(let b)):
            // Swift's own ordering, so it agrees with `=` on equivalent spellings.
            return a < b ? .orderedAscending : a == b ? .orderedSame : .orderedDescending
        default:
            return nil
        }
    }
}
