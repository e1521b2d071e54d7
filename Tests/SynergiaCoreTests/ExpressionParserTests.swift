import Testing
@testable import SynergiaCore

/// The trees the parser builds: literals, precedence, associativity, and
/// what `references` and `usesCurrentValue` report.
@Suite struct ExpressionParserTests {
    func parse(_ source: String) throws -> Expression { try ExpressionParser.parse(source) }

    func n(_ value: Double) -> Expression { .literal(.number(value)) }
    func s(_ value: String) -> Expression { .literal(.string(value)) }
    func ref(_ id: String) -> Expression { .reference(id) }
    func bin(_ op: ExpressionBinaryOperator, _ lhs: Expression, _ rhs: Expression) -> Expression { .binary(op, lhs, rhs) }

    @Test func literals() throws {
        #expect(try parse("12") == n(12))
        #expect(try parse("3.5") == n(3.5))
        #expect(try parse("007") == n(7))
        #expect(try parse("'it\\'s'") == s("it's"))
        #expect(try parse("\"say \\\"hi\\\"\"") == s("say \"hi\""))
        #expect(try parse("'a\\\\b'") == s("a\\b"))
        #expect(try parse("'double \" inside single'") == s("double \" inside single"))
        #expect(try parse("''") == s(""))
        #expect(try parse("true") == .literal(.bool(true)))
        #expect(try parse("false") == .literal(.bool(false)))
        #expect(try parse("null") == .literal(.null))
        #expect(try parse(".") == .current)
        #expect(try parse("${pa_coverage_land}") == ref("pa_coverage_land"))
        #expect(try parse("${q2}") == ref("q2"))
    }

    @Test func whitespaceAnywhereIncludingNewlines() throws {
        #expect(try parse("  1\n+\t2  ") == bin(.add, n(1), n(2)))
        #expect(try parse("1+2") == bin(.add, n(1), n(2)))
        #expect(try parse("selected ( ${a} , 'x' )") == .call(.selected, [ref("a"), s("x")]))
        #expect(try parse(".>=0 and.<=100") == bin(.and, bin(.greaterOrEqual, .current, n(0)), bin(.lessOrEqual, .current, n(100))))
    }

    @Test func multiplicationBindsTighterThanAddition() throws {
        // 1 + 2 * 3 = 7  →  (1 + (2 * 3)) = 7
        #expect(try parse("1 + 2 * 3 = 7") == bin(.equal, bin(.add, n(1), bin(.multiply, n(2), n(3))), n(7)))
        #expect(try parse("(1 + 2) * 3") == bin(.multiply, bin(.add, n(1), n(2)), n(3)))
        #expect(try parse("7 mod 3 * 2") == bin(.multiply, bin(.modulo, n(7), n(3)), n(2)))
    }

    @Test func notBindsTighterThanOrButLooserThanComparison() throws {
        // not true or true  →  (not true) or true
        #expect(try parse("not true or true") == bin(.or, .unary(.not, .literal(.bool(true))), .literal(.bool(true))))
        // not 1 = 2  →  not (1 = 2)
        #expect(try parse("not 1 = 2") == .unary(.not, bin(.equal, n(1), n(2))))
        #expect(try parse("not not true") == .unary(.not, .unary(.not, .literal(.bool(true)))))
    }

    @Test func andBindsTighterThanOr() throws {
        let t = Expression.literal(.bool(true)), f = Expression.literal(.bool(false))
        #expect(try parse("true or false and false") == bin(.or, t, bin(.and, f, f)))
        #expect(try parse("false and false or true") == bin(.or, bin(.and, f, f), t))
    }

    @Test func comparisonBindsLooserThanArithmetic() throws {
        #expect(try parse("${a} + 1 >= ${b} * 2") == bin(.greaterOrEqual, bin(.add, ref("a"), n(1)), bin(.multiply, ref("b"), n(2))))
        for op in ["=", "!=", "<", "<=", ">", ">="] {
            let expected = ExpressionBinaryOperator(rawValue: op)!
            #expect(try parse("1 \(op) 2") == bin(expected, n(1), n(2)))
        }
    }

    @Test func binaryOperatorsAreLeftAssociative() throws {
        #expect(try parse("10 - 4 - 3") == bin(.subtract, bin(.subtract, n(10), n(4)), n(3)))
        #expect(try parse("24 / 4 / 2") == bin(.divide, bin(.divide, n(24), n(4)), n(2)))
        #expect(try parse("true or false or true")
            == bin(.or, bin(.or, .literal(.bool(true)), .literal(.bool(false))), .literal(.bool(true))))
    }

    @Test func unaryMinusBindsTightest() throws {
        #expect(try parse("-2 * 3") == bin(.multiply, .unary(.negate, n(2)), n(3)))
        #expect(try parse("- 2 + 3") == bin(.add, .unary(.negate, n(2)), n(3)))
        #expect(try parse("--2") == .unary(.negate, .unary(.negate, n(2))))
        #expect(try parse("2 - -2") == bin(.subtract, n(2), .unary(.negate, n(2))))
    }

    @Test func functionCalls() throws {
        #expect(try parse("count_selected(${c})") == .call(.countSelected, [ref("c")]))
        #expect(try parse("if(. > 0, 'yes', 'no')") == .call(.if, [bin(.greater, .current, n(0)), s("yes"), s("no")]))
        #expect(try parse("max(1, 2, 3, 4)") == .call(.max, [n(1), n(2), n(3), n(4)]))
        #expect(try parse("round(number(.), 2)") == .call(.round, [.call(.number, [.current]), n(2)]))
        // Keywords may begin a name without being one.
        #expect(try parse("${note} = 'x' and ${order} = 1") == bin(.and, bin(.equal, ref("note"), s("x")), bin(.equal, ref("order"), n(1))))
    }

    @Test func referencesAreCollectedOnce() throws {
        #expect(try parse("${a} + ${b} > ${a}").references == ["a", "b"])
        #expect(try parse("if(answered(${x}), min(${y}, 3), -${z})").references == ["x", "y", "z"])
        #expect(try parse("1 + 2").references == [])
        #expect(try parse(". > 0").references == [])
    }

    @Test func usesCurrentValue() throws {
        #expect(try parse(". >= 0 and . <= 100").usesCurrentValue)
        #expect(try parse("round(., 0) = .").usesCurrentValue)
        #expect(try parse("${a} or not answered(.)").usesCurrentValue)
        #expect(try !parse("${a} > 0").usesCurrentValue)
        #expect(try !parse("'.'").usesCurrentValue)
    }

    @Test func twoHundredNestedParenthesesParse() throws {
        let source = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(try parse(source) == n(1))
        let sum = String(repeating: "(1 + ", count: 200) + "1" + String(repeating: ")", count: 200)
        let value = try parse(sum).evaluate(current: .null) { _ in .null }
        #expect(value == .number(201))
        let calls = String(repeating: "min(1, ", count: 200) + "0" + String(repeating: ")", count: 200)
        #expect(try parse(calls).evaluate(current: .null) { _ in .null } == .number(0))
    }

    @Test func maximumDepthItselfIsAccepted() throws {
        let depth = ExpressionParser.maximumDepth
        let parens = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(try parse(parens) == n(1))
        // 255 negations over a literal: a tree exactly 256 high.
        let negations = String(repeating: "-", count: depth - 1) + "1"
        #expect(try parse(negations).evaluate(current: .null) { _ in .null } == .number(-1))
    }
}
