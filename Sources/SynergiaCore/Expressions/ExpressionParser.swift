/// Parses template expressions. Grammar, loosest binding first:
///
///     or         := and ('or' and)*
///     and        := not ('and' not)*
///     not        := 'not' not | comparison
///     comparison := additive (('=' | '!=' | '<' | '<=' | '>' | '>=') additive)?
///     additive   := term (('+' | '-') term)*
///     term       := unary (('*' | '/' | 'mod') unary)*
///     unary      := '-' unary | primary
///     primary    := number | string | 'true' | 'false' | 'null' | '${' id '}' | '.'
///                 | '(' or ')' | name '(' (or (',' or)*)? ')'
public enum ExpressionParser {
    /// Templates never need deep nesting; the cap turns hostile or broken
    /// input into an error instead of a stack overflow in the parser, the
    /// evaluator or the tree's own deallocation.
    public static let maximumDepth = 256

    /// Parses a template's expression; workspace functions are unknown there.
    public static func parse(_ source: String) throws(ExpressionError) -> Expression {
        try parse(source, vocabulary: .template)
    }

    public static func parse(_ source: String, vocabulary: ExpressionVocabulary) throws(ExpressionError) -> Expression {
        var parser = try ExpressionParserState(source, vocabulary: vocabulary)
        return try parser.parseAll()
    }
}

/// A subtree with its height, so the depth cap also covers long operator
/// chains, which the parser builds in a loop rather than by recursion.
private struct Parsed {
    var expression: Expression
    var depth: Int
}

private struct ExpressionParserState {
    private var lexer: ExpressionLexer
    private var token: ExpressionToken
    private var previous: ExpressionToken?
    private var nesting = 0
    private let vocabulary: ExpressionVocabulary

    init(_ source: String, vocabulary: ExpressionVocabulary) throws(ExpressionError) {
        self.vocabulary = vocabulary
        lexer = ExpressionLexer(source)
        token = try lexer.next()
    }

    mutating func parseAll() throws(ExpressionError) -> Expression {
        if token.kind == .end {
            throw ExpressionError(position: 0, message: "empty expression")
        }
        let result = try parseOr()
        switch token.kind {
        case .end:
            return result.expression
        case .symbol(.closeParen):
            throw ExpressionError(position: token.position, message: "unexpected ')' with no matching '('")
        case .name(let name) where ExpressionKeyword(rawValue: name.lowercased()) != nil:
            throw ExpressionError(position: token.position, message: "unexpected '\(name)' after the end of the expression; keywords are lower case: '\(name.lowercased())'")
        default:
            throw ExpressionError(position: token.position, message: "unexpected \(token.quoted) after the end of the expression")
        }
    }

    private mutating func advance() throws(ExpressionError) {
        previous = token
        token = try lexer.next()
    }

    /// Guards every recursive descent (parentheses, calls, prefix operators).
    private mutating func descend(at position: Int) throws(ExpressionError) {
        nesting += 1
        if nesting > ExpressionParser.maximumDepth { throw Self.tooDeep(at: position) }
    }

    private static func tooDeep(at position: Int) -> ExpressionError {
        ExpressionError(position: position, message: "expression is nested too deeply (more than \(ExpressionParser.maximumDepth) levels)")
    }

    private func node(_ expression: Expression, children: [Parsed], at position: Int) throws(ExpressionError) -> Parsed {
        let depth = (children.map(\.depth).max() ?? 0) + 1
        if depth > ExpressionParser.maximumDepth { throw Self.tooDeep(at: position) }
        return Parsed(expression: expression, depth: depth)
    }

    private func binary(_ op: ExpressionBinaryOperator, _ lhs: Parsed, _ rhs: Parsed, at position: Int) throws(ExpressionError) -> Parsed {
        try node(.binary(op, lhs.expression, rhs.expression), children: [lhs, rhs], at: position)
    }

    private mutating func parseOr() throws(ExpressionError) -> Parsed {
        var lhs = try parseAnd()
        while token.kind == .keyword(.or) {
            let position = token.position
            try advance()
            lhs = try binary(.or, lhs, try parseAnd(), at: position)
        }
        return lhs
    }

    private mutating func parseAnd() throws(ExpressionError) -> Parsed {
        var lhs = try parseNot()
        while token.kind == .keyword(.and) {
            let position = token.position
            try advance()
            lhs = try binary(.and, lhs, try parseNot(), at: position)
        }
        return lhs
    }

    private mutating func parseNot() throws(ExpressionError) -> Parsed {
        guard token.kind == .keyword(.not) else { return try parseComparison() }
        let position = token.position
        try descend(at: position)
        try advance()
        let operand = try parseNot()
        nesting -= 1
        return try node(.unary(.not, operand.expression), children: [operand], at: position)
    }

    private mutating func parseComparison() throws(ExpressionError) -> Parsed {
        let lhs = try parseAdditive()
        guard let op = comparisonOperator(token) else { return lhs }
        let position = token.position
        try advance()
        let rhs = try parseAdditive()
        if comparisonOperator(token) != nil {
            throw ExpressionError(position: token.position, message: "comparisons cannot be chained: write 'a < b and b < c' instead of 'a < b < c'")
        }
        return try binary(op, lhs, rhs, at: position)
    }

    private func comparisonOperator(_ token: ExpressionToken) -> ExpressionBinaryOperator? {
        guard case .symbol(let symbol) = token.kind else { return nil }
        switch symbol {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Parsed {
        var lhs = try parseTerm()
        while true {
            let op: ExpressionBinaryOperator
            switch token.kind {
            case .symbol(.plus): op = .add
            case .symbol(.minus): op = .subtract
            default: return lhs
            }
            let position = token.position
            try advance()
            lhs = try binary(op, lhs, try parseTerm(), at: position)
        }
    }

    private mutating func parseTerm() throws(ExpressionError) -> Parsed {
        var lhs = try parseUnary()
        while true {
            let op: ExpressionBinaryOperator
            switch token.kind {
            case .symbol(.times): op = .multiply
            case .symbol(.divide): op = .divide
            case .keyword(.mod): op = .modulo
            default: return lhs
            }
            let position = token.position
            try advance()
            lhs = try binary(op, lhs, try parseUnary(), at: position)
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Parsed {
        guard token.kind == .symbol(.minus) else { return try parsePrimary() }
        let position = token.position
        try descend(at: position)
        try advance()
        let operand = try parseUnary()
        nesting -= 1
        return try node(.unary(.negate, operand.expression), children: [operand], at: position)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Parsed {
        let start = token
        let value: Expression
        switch start.kind {
        case .number(let number): value = .literal(.number(number))
        case .string(let string): value = .literal(.string(string))
        case .keyword(.true): value = .literal(.bool(true))
        case .keyword(.false): value = .literal(.bool(false))
        case .keyword(.null): value = .literal(.null)
        case .reference(let id): value = .reference(id)
        case .current: value = .current
        case .symbol(.openParen): return try parseParenthesized()
        case .name(let name): return try parseCall(name)
        default: throw missingOperand()
        }
        try advance()
        return Parsed(expression: value, depth: 1)
    }

    private func missingOperand() -> ExpressionError {
        let found = token.kind == .end ? "" : ", found \(token.quoted)"
        if token.kind == .keyword(.not), previous != nil {
            return ExpressionError(position: token.position, message: "'not' applies to a whole condition here; put it in parentheses: (not ...)")
        }
        guard let previous else {
            return ExpressionError(position: token.position, message: "expected a value\(found)")
        }
        return ExpressionError(position: token.position, message: "expected a value after \(previous.quoted)\(found)")
    }

    private mutating func parseParenthesized() throws(ExpressionError) -> Parsed {
        let open = token.position
        try descend(at: open)
        try advance()
        let inner = try parseOr()
        try expectClose(openedAt: open)
        nesting -= 1
        return inner
    }

    private mutating func expectClose(openedAt open: Int) throws(ExpressionError) {
        guard token.kind == .symbol(.closeParen) else {
            let found = token.kind == .end ? "" : ", found \(token.quoted)"
            throw ExpressionError(position: token.position, message: "expected ')' to close '(' opened at \(open)\(found)")
        }
        try advance()
    }

    private mutating func parseCall(_ name: String) throws(ExpressionError) -> Parsed {
        let namePosition = token.position
        try advance()
        guard token.kind == .symbol(.openParen) else {
            throw Self.bareName(name, at: namePosition)
        }
        let function = ExpressionFunction(rawValue: name)
        let workspaceFunction = WorkspaceFunction(rawValue: name)
        if function == nil {
            guard let workspaceFunction else {
                throw ExpressionError(position: namePosition, message: "unknown function '\(name)'")
            }
            guard vocabulary == .crossReport else {
                throw ExpressionError(position: namePosition, message: "unknown function '\(name)'; '\(workspaceFunction.rawValue)' reads other reports of the workspace and is available only in checks across conventions")
            }
        }
        let open = token.position
        try descend(at: open)
        try advance()
        var arguments: [Parsed] = []
        if token.kind != .symbol(.closeParen) {
            arguments.append(try parseOr())
            while token.kind == .symbol(.comma) {
                try advance()
                arguments.append(try parseOr())
            }
        }
        try expectClose(openedAt: open)
        nesting -= 1
        if let function {
            if !function.arity.contains(arguments.count) {
                throw ExpressionError(position: namePosition, message: "function '\(name)' takes \(function.arityDescription), got \(arguments.count)")
            }
            return try node(.call(function, arguments.map(\.expression)), children: arguments, at: namePosition)
        }
        let workspace = workspaceFunction!
        if !workspace.argumentCounts.contains(arguments.count) {
            throw ExpressionError(position: namePosition, message: "function '\(name)' takes \(workspace.argumentCountDescription), got \(arguments.count)")
        }
        return try node(.workspace(workspace, arguments.map(\.expression)), children: arguments, at: namePosition)
    }

    private static func bareName(_ name: String, at position: Int) -> ExpressionError {
        if ExpressionFunction(rawValue: name) != nil || WorkspaceFunction(rawValue: name) != nil {
            return ExpressionError(position: position, message: "'\(name)' is a function: call it as \(name)(...)")
        }
        if ExpressionKeyword(rawValue: name.lowercased()) != nil {
            return ExpressionError(position: position, message: "unknown name '\(name)'; keywords are lower case: '\(name.lowercased())'")
        }
        if name.first?.isLowercaseASCIILetter == true, name.allSatisfy(\.isIdentifierCharacter) {
            return ExpressionError(position: position, message: "unknown name '\(name)'; refer to a question's answer as ${\(name)}")
        }
        return ExpressionError(position: position, message: "unknown name '\(name)'")
    }
}
