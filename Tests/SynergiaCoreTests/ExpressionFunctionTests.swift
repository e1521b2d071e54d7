import Testing
@testable import SynergiaCore

/// Every function, on each kind of argument it can meet.
@Suite struct ExpressionFunctionTests {
    let answers: [String: ExpressionValue] = [
        "choices": .list([.string("a"), .string("other"), .string("c")]),
        "none": .list([]), "single": .string("other"), "empty": .string(""),
        "zero": .number(0), "no": .bool(false), "flag": .string("🇰🇪x"),
    ]

    func eval(_ source: String, current: ExpressionValue = .null) throws -> ExpressionValue {
        try ExpressionParser.parse(source).evaluate(current: current) { answers[$0] ?? .null }
    }

    @Test func selected() throws {
        #expect(try eval("selected(${choices}, 'other')") == .bool(true))
        #expect(try eval("selected(${choices}, 'x')") == .bool(false))
        #expect(try eval("selected(${single}, 'other')") == .bool(true))  // a single choice as a scalar
        #expect(try eval("selected(${single}, 'a')") == .bool(false))
        #expect(try eval("selected(${missing}, 'other')") == .bool(false))
        #expect(try eval("selected(${missing}, null)") == .bool(false))
        #expect(try eval("selected(${none}, 'a')") == .bool(false))
        #expect(try eval("selected(${choices}, 1)") == .bool(false))       // '1' and 1 differ
        #expect(try eval("selected(., 'c')", current: .list([.string("c")])) == .bool(true))
    }

    @Test func countSelected() throws {
        #expect(try eval("count_selected(${choices})") == .number(3))
        #expect(try eval("count_selected(${none})") == .number(0))
        #expect(try eval("count_selected(${missing})") == .number(0))
        #expect(try eval("count_selected(${single})") == .number(1))
        #expect(try eval("count_selected(${empty})") == .number(0))
        #expect(try eval("count_selected(${zero})") == .number(1))
        #expect(try eval("count_selected(${choices}) >= 2") == .bool(true))
    }

    @Test func answered() throws {
        #expect(try eval("answered(${missing})") == .bool(false))
        #expect(try eval("answered(${empty})") == .bool(false))
        #expect(try eval("answered(${none})") == .bool(false))
        #expect(try eval("answered(${zero})") == .bool(true))
        #expect(try eval("answered(${no})") == .bool(true))
        #expect(try eval("answered(${single})") == .bool(true))
        #expect(try eval("answered(${choices})") == .bool(true))
        #expect(try eval("answered(.)", current: .string(" ")) == .bool(true))
    }

    @Test func length() throws {
        #expect(try eval("length('abc')") == .number(3))
        #expect(try eval("length(${flag})") == .number(2))   // one flag emoji + 'x'
        #expect(try eval("length('')") == .number(0))
        #expect(try eval("length(${choices})") == .number(3))
        #expect(try eval("length(${missing})") == .number(0))
        #expect(try eval("length(12345)") == .null)
        #expect(try eval("length(true)") == .null)
        #expect(try eval("length(.) <= 5", current: .string("short")) == .bool(true))
    }

    @Test func year() throws {
        #expect(try eval("year('2024-03-01')") == .number(2024))
        #expect(try eval("year('2024-02-29')") == .number(2024))  // leap year
        #expect(try eval("year('2000-02-29')") == .number(2000))  // divisible by 400
        #expect(try eval("year('1900-02-29')") == .null)          // divisible by 100 only
        #expect(try eval("year('2023-02-29')") == .null)
        #expect(try eval("year('2024-04-31')") == .null)
        #expect(try eval("year('2024-13-01')") == .null)
        #expect(try eval("year('2024-00-10')") == .null)
        #expect(try eval("year('2024-01-00')") == .null)
        #expect(try eval("year('2024-1-01')") == .null)
        #expect(try eval("year('2024-06-15T10:00')") == .null)
        #expect(try eval("year('20a4-06-15')") == .null)
        #expect(try eval("year(2024)") == .null)
        #expect(try eval("year(${missing})") == .null)
        #expect(try eval("year(.) >= 2015", current: .string("2019-12-31")) == .bool(true))
    }

    @Test func ifChoosesOnTruth() throws {
        #expect(try eval("if(true, 1, 2)") == .number(1))
        #expect(try eval("if(false, 1, 2)") == .number(2))
        #expect(try eval("if(null, 1, 2)") == .number(2))
        #expect(try eval("if('yes', 1, 2)") == .number(2))
        #expect(try eval("if(${missing} > 0, 'positive', 'not positive')") == .string("not positive"))
        #expect(try eval("if(answered(${choices}), count_selected(${choices}), null)") == .number(3))
    }

    @Test func ifEvaluatesOnlyTheChosenBranch() throws {
        var asked: [String] = []
        let expression = try ExpressionParser.parse("if(false, ${a}, ${b})")
        _ = expression.evaluate(current: .null) { asked.append($0); return .number(1) }
        #expect(asked == ["b"])
    }

    @Test func minAndMax() throws {
        #expect(try eval("min(3, 1, 2)") == .number(1))
        #expect(try eval("max(3, 1, 2)") == .number(3))
        #expect(try eval("min(-0.5, 0)") == .number(-0.5))
        #expect(try eval("max(2, 2)") == .number(2))
        #expect(try eval("min('b', 'a', 'c')") == .string("a"))
        #expect(try eval("max('2024-01-01', '2023-12-31')") == .string("2024-01-01"))
        #expect(try eval("min(1, null)") == .null)
        #expect(try eval("max(${missing}, 1)") == .null)
        #expect(try eval("max(1, '2')") == .null)
        #expect(try eval("min(true, false)") == .null)
    }

    @Test func round() throws {
        #expect(try eval("round(2.345, 2)") == .number(2.35))   // as written, not as binary
        #expect(try eval("round(2.5, 0)") == .number(3))        // half away from zero
        #expect(try eval("round(-2.5, 0)") == .number(-3))
        #expect(try eval("round(2.4, 0)") == .number(2))
        #expect(try eval("round(1234.5, -2)") == .number(1200))
        #expect(try eval("round(0.1 + 0.2, 2) = 0.3") == .bool(true))
        #expect(try eval("round(7, 3)") == .number(7))
        #expect(try eval("round(123.456, 20)") == .number(123.456))
        #expect(try eval("round(1.5, 0.5)") == .null)           // digits must be whole
        #expect(try eval("round('1.5', 0)") == .null)
        #expect(try eval("round(null, 0)") == .null)
        #expect(try eval("round(1.5, null)") == .null)
        let big = "9" + String(repeating: "0", count: 299)       // 9e299
        #expect(try eval("round(\(big), 2) = \(big)") == .bool(true))
    }

    @Test func number() throws {
        #expect(try eval("number('12.5')") == .number(12.5))
        #expect(try eval("number(' 7 ')") == .number(7))
        #expect(try eval("number('-3')") == .number(-3))
        #expect(try eval("number('+3')") == .number(3))
        #expect(try eval("number(4)") == .number(4))
        #expect(try eval("number('abc')") == .null)
        #expect(try eval("number('')") == .null)
        #expect(try eval("number('0,5')") == .null)
        #expect(try eval("number('.5')") == .null)
        #expect(try eval("number('5.')") == .null)
        #expect(try eval("number('1e5')") == .null)
        #expect(try eval("number('0x10')") == .null)
        #expect(try eval("number('inf')") == .null)
        #expect(try eval("number('-')") == .null)
        #expect(try eval("number(true)") == .null)
        #expect(try eval("number(null)") == .null)
        #expect(try eval("number(.) + 1", current: .string("41")) == .number(42))
    }

    @Test func handBuiltCallsWithWrongArityGiveNull() {
        let lookup: (String) -> ExpressionValue = { _ in .null }
        #expect(Expression.call(.if, []).evaluate(current: .null, lookup: lookup) == .null)
        #expect(Expression.call(.round, [.literal(.number(1))]).evaluate(current: .null, lookup: lookup) == .null)
        #expect(Expression.call(.min, []).evaluate(current: .null, lookup: lookup) == .null)
    }
}
