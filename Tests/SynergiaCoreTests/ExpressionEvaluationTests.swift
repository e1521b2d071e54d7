import Testing
@testable import SynergiaCore

/// Operator semantics, with the null rules spelled out case by case.
@Suite struct ExpressionEvaluationTests {
    let answers: [String: ExpressionValue] = [
        "n": .number(4), "m": .number(2.5), "s": .string("abc"), "yes": .bool(true),
        "date": .string("2024-03-01"), "choices": .list([.string("a"), .string("other")]),
        "same_choices": .list([.string("a"), .string("other")]),
    ]

    func eval(_ source: String, current: ExpressionValue = .null) throws -> ExpressionValue {
        try ExpressionParser.parse(source).evaluate(current: current) { answers[$0] ?? .null }
    }

    func truth(_ source: String, current: ExpressionValue = .null) throws -> Bool {
        try ExpressionParser.parse(source).isTrue(current: current) { answers[$0] ?? .null }
    }

    @Test func precedenceEvaluates() throws {
        #expect(try eval("1 + 2 * 3 = 7") == .bool(true))
        #expect(try eval("1 + 2 * 3") == .number(7))
        #expect(try eval("(1 + 2) * 3") == .number(9))
        #expect(try eval("not true or true") == .bool(true))   // (not true) or true
        #expect(try eval("not (true or true)") == .bool(false))
        #expect(try eval("true or false and false") == .bool(true)) // true or (false and false)
        #expect(try eval("10 - 4 - 3") == .number(3))           // (10 - 4) - 3
        #expect(try eval("24 / 4 / 2") == .number(3))           // (24 / 4) / 2
        #expect(try eval("7 mod 3 * 2") == .number(2))          // (7 mod 3) * 2
        #expect(try eval("- 2 + 3") == .number(1))              // (-2) + 3
        #expect(try eval("2 + 3 > 4") == .bool(true))
    }

    @Test func arithmetic() throws {
        #expect(try eval("${n} + ${m}") == .number(6.5))
        #expect(try eval("${n} - ${m}") == .number(1.5))
        #expect(try eval("${n} * ${m}") == .number(10))
        #expect(try eval("${n} / 8") == .number(0.5))
        #expect(try eval("7 mod 3") == .number(1))
        #expect(try eval("-7 mod 3") == .number(-1))  // sign of the left side
        #expect(try eval("7.5 mod 2") == .number(1.5))
        #expect(try eval("-${n}") == .number(-4))
        #expect(try eval(". * 2", current: .number(21)) == .number(42))
    }

    @Test func arithmeticOnNullOrNonNumbersIsNull() throws {
        #expect(try eval("${missing} + 1") == .null)
        #expect(try eval("null * 2") == .null)
        #expect(try eval("-null") == .null)
        #expect(try eval("-'5'") == .null)
        #expect(try eval("'a' + 'b'") == .null)
        #expect(try eval("'1' + 1") == .null)
        #expect(try eval("true + 1") == .null)
        #expect(try eval("${choices} * 2") == .null)
        #expect(try eval(". + 1") == .null)
        #expect(try eval("(${missing} + 1) * 0") == .null)  // null propagates through
    }

    @Test func divisionByZeroAndOverflowAreNull() throws {
        #expect(try eval("1 / 0") == .null)
        #expect(try eval("0 / 0") == .null)
        #expect(try eval("5 mod 0") == .null)
        #expect(try eval("1 / (2 - 2)") == .null)
        let big = "1" + String(repeating: "0", count: 300)  // 1e300
        #expect(try eval("\(big) * \(big)") == .null)        // 1e600 overflows
    }

    @Test func equalityComparesValuesOfTheSameKind() throws {
        #expect(try eval("1 = 1.0") == .bool(true))
        #expect(try eval("${n} = 4") == .bool(true))
        #expect(try eval("'abc' = ${s}") == .bool(true))
        #expect(try eval("'abc' = 'ABC'") == .bool(false))
        #expect(try eval("true = ${yes}") == .bool(true))
        #expect(try eval("null = null") == .bool(true))
        #expect(try eval("${missing} = null") == .bool(true))
        #expect(try eval("${choices} = ${same_choices}") == .bool(true))
        // Different kinds are never equal, so never a null result either.
        #expect(try eval("1 = '1'") == .bool(false))
        #expect(try eval("'1' != 1") == .bool(true))
        #expect(try eval("true = 1") == .bool(false))
        #expect(try eval("0 = false") == .bool(false))
        #expect(try eval("null = 0") == .bool(false))
        #expect(try eval("null = ''") == .bool(false))
        #expect(try eval("null != 1") == .bool(true))
        #expect(try eval("null != null") == .bool(false))
        #expect(try eval("${choices} = 'a'") == .bool(false))
    }

    @Test func orderingOnNumbersAndStrings() throws {
        #expect(try eval("1 < 2") == .bool(true))
        #expect(try eval("2 < 2") == .bool(false))
        #expect(try eval("2 <= 2") == .bool(true))
        #expect(try eval("3 > 2") == .bool(true))
        #expect(try eval("2 >= 3") == .bool(false))
        #expect(try eval("-1 < 0") == .bool(true))
        #expect(try eval("'b' > 'a'") == .bool(true))
        #expect(try eval("'abc' <= 'abc'") == .bool(true))
        #expect(try eval("'abc' < 'abd'") == .bool(true))
        #expect(try eval("'B' < 'a'") == .bool(true))          // code point order
        #expect(try eval("'10' > '9'") == .bool(false))        // strings, not numbers
        #expect(try eval("10 > 9") == .bool(true))
        #expect(try eval("${date} < '2024-10-15'") == .bool(true))
        #expect(try eval("'2023-12-31' >= ${date}") == .bool(false))
    }

    @Test func orderingAnythingElseIsNull() throws {
        #expect(try eval("1 < '2'") == .null)
        #expect(try eval("'2' > 1") == .null)
        #expect(try eval("true < false") == .null)
        #expect(try eval("null < 1") == .null)
        #expect(try eval("${missing} >= 0") == .null)
        #expect(try eval("${choices} > 'a'") == .null)
        // Null is false as a condition, so its negation holds.
        #expect(try !truth("${missing} > 3"))
        #expect(try truth("not (${missing} > 3)"))
    }

    @Test func andOrTreatOnlyTrueAsTrue() throws {
        #expect(try eval("true and true") == .bool(true))
        #expect(try eval("true and false") == .bool(false))
        #expect(try eval("false or true") == .bool(true))
        #expect(try eval("false or false") == .bool(false))
        #expect(try eval("null and true") == .bool(false))
        #expect(try eval("null or true") == .bool(true))
        #expect(try eval("null or null") == .bool(false))
        #expect(try eval("1 and true") == .bool(false))
        #expect(try eval("'true' or false") == .bool(false))
        #expect(try eval("${choices} and true") == .bool(false))
    }

    @Test func notTreatsEverythingButTrueAsFalse() throws {
        #expect(try eval("not true") == .bool(false))
        #expect(try eval("not false") == .bool(true))
        #expect(try eval("not null") == .bool(true))
        #expect(try eval("not 1") == .bool(true))
        #expect(try eval("not 'x'") == .bool(true))
        #expect(try eval("not not null") == .bool(false))
    }

    @Test func andOrShortCircuit() throws {
        var asked: [String] = []
        let expression = try ExpressionParser.parse("false and ${a} or true or ${b}")
        let value = expression.evaluate(current: .null) { asked.append($0); return .null }
        #expect(value == .bool(true))
        #expect(asked == [])
    }

    @Test func isTrueOnlyForBoolTrue() throws {
        #expect(try truth("true"))
        #expect(try !truth("false"))
        #expect(try !truth("null"))
        #expect(try !truth("1"))
        #expect(try !truth("'true'"))
        #expect(try !truth("${choices}"))
    }

    @Test func currentValueRangeConstraint() throws {
        let constraint = ". >= 0 and . <= 100"
        #expect(try truth(constraint, current: .number(0)))
        #expect(try truth(constraint, current: .number(100)))
        #expect(try truth(constraint, current: .number(42.5)))
        #expect(try !truth(constraint, current: .number(150)))
        #expect(try !truth(constraint, current: .number(-0.1)))
        #expect(try !truth(constraint, current: .null))
        #expect(try !truth(constraint, current: .string("50")))
    }

    @Test func templateExamplesFromTheDocs() throws {
        #expect(try truth("${yes} = true"))
        #expect(try truth("selected(${choices}, 'other')"))
        #expect(try !truth("answered(${missing}) or ${no_data} = true"))
    }
}
