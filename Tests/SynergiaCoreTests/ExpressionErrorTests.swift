import Testing
@testable import SynergiaCore

/// Every kind of parse error, with the exact character it points at, and
/// robustness against hostile input.
@Suite struct ExpressionErrorTests {
    func failure(_ source: String) -> ExpressionError? {
        do {
            _ = try ExpressionParser.parse(source)
            return nil
        } catch {
            return error
        }
    }

    func expectError(_ source: String, at position: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(failure(source) == ExpressionError(position: position, message: message), sourceLocation: sourceLocation)
    }

    @Test func descriptionNamesThePosition() {
        #expect(ExpressionError(position: 4, message: "boom").description == "at character 4: boom")
        #expect(failure("1 +")?.description == "at character 3: expected a value after '+'")
    }

    @Test func emptyExpression() {
        expectError("", at: 0, "empty expression")
        expectError("   \n ", at: 0, "empty expression")
    }

    @Test func unexpectedCharacter() {
        expectError("1 # 2", at: 2, "unexpected character '#'")
        expectError("${a} & ${b}", at: 5, "unexpected character '&'; use 'and'")
        expectError("${a} || ${b}", at: 5, "unexpected character '|'; use 'or'")
        expectError("!${a}", at: 0, "unexpected character '!'; use 'not' or '!='")
        expectError("7 % 2", at: 2, "unexpected character '%'; use 'mod'")
        expectError("1 == 1", at: 2, "unexpected '==': compare with a single '='")
        // Positions count characters, not bytes: the flag is one character.
        expectError("'🇰🇪' # 1", at: 4, "unexpected character '#'")
    }

    @Test func malformedNumbers() {
        expectError(".5", at: 0, "a number must start with a digit: write 0.5, not .5")
        expectError("1 + .25", at: 4, "a number must start with a digit: write 0.25, not .25")
        expectError("2.5.3", at: 0, "malformed number '2.5.3'")
        expectError("1.", at: 1, "unexpected '.' after the end of the expression")
        let huge = "1" + String(repeating: "0", count: 400)
        expectError(huge, at: 0, "number 10000000000000000000… is too large")
    }

    @Test func unterminatedString() {
        expectError("'abc", at: 0, "unterminated string: no closing ' for the string opened at 0")
        expectError(". = \"ab", at: 4, "unterminated string: no closing \" for the string opened at 4")
        expectError("'it\\'", at: 0, "unterminated string: no closing ' for the string opened at 0")
        expectError("'ends in backslash\\", at: 0, "unterminated string: no closing ' for the string opened at 0")
        expectError("'a\\nb'", at: 2, "unknown escape '\\n' in string; only \\', \\\" and \\\\ are allowed")
    }

    @Test func badReferences() {
        expectError("${abc", at: 0, "unterminated '${': no closing '}' for the reference opened at 0")
        expectError("1 + ${a", at: 4, "unterminated '${': no closing '}' for the reference opened at 4")
        expectError("${}", at: 0, "empty reference '${}': put a question id between the braces")
        expectError("$a", at: 0, "expected '{' after '$': refer to a question as ${question_id}")
        expectError("${Foo}", at: 2, "invalid question id 'Foo': ids start with a lower-case letter and use only a-z, 0-9 and _")
        expectError("${1a}", at: 2, "invalid question id '1a': ids start with a lower-case letter and use only a-z, 0-9 and _")
        expectError("${a-b}", at: 3, "invalid question id 'a-b': ids start with a lower-case letter and use only a-z, 0-9 and _")
        expectError("${a + ${b}", at: 3, "invalid question id 'a + ${b': ids start with a lower-case letter and use only a-z, 0-9 and _")
    }

    @Test func trailingInput() {
        expectError("1 x", at: 2, "unexpected 'x' after the end of the expression")
        expectError("${a} = 1 ${b} = 2", at: 9, "unexpected '${b}' after the end of the expression")
        expectError("1 2", at: 2, "unexpected '2' after the end of the expression")
        expectError("${a} AND ${b}", at: 5, "unexpected 'AND' after the end of the expression; keywords are lower case: 'and'")
        expectError("true 'x'", at: 5, "unexpected ''x'' after the end of the expression")
    }

    @Test func missingOperand() {
        expectError("1 +", at: 3, "expected a value after '+'")
        expectError("* 2", at: 0, "expected a value, found '*'")
        expectError("${a} = ", at: 7, "expected a value after '='")
        expectError("1 + * 2", at: 4, "expected a value after '+', found '*'")
        expectError("true and or false", at: 9, "expected a value after 'and', found 'or'")
        expectError("not", at: 3, "expected a value after 'not'")
        expectError("-", at: 1, "expected a value after '-'")
        expectError("()", at: 1, "expected a value after '(', found ')'")
        expectError("min(1, )", at: 7, "expected a value after ',', found ')'")
        expectError("min(, 1)", at: 4, "expected a value after '(', found ','")
        expectError("1 + not true", at: 4, "'not' applies to a whole condition here; put it in parentheses: (not ...)")
        expectError("and", at: 0, "expected a value, found 'and'")
    }

    @Test func unbalancedParentheses() {
        expectError("(1 + 2", at: 6, "expected ')' to close '(' opened at 0")
        expectError("((1 + 2)", at: 8, "expected ')' to close '(' opened at 0")
        expectError("(1 + (2 * 3)", at: 12, "expected ')' to close '(' opened at 0")
        expectError("(1 2)", at: 3, "expected ')' to close '(' opened at 0, found '2'")
        expectError("min(1, 2", at: 8, "expected ')' to close '(' opened at 3")
        expectError("1 + 2)", at: 5, "unexpected ')' with no matching '('")
        expectError(")", at: 0, "expected a value, found ')'")
    }

    @Test func chainedComparisons() {
        expectError("${a} < ${b} < ${c}", at: 12, "comparisons cannot be chained: write 'a < b and b < c' instead of 'a < b < c'")
        expectError("1 = 1 = true", at: 6, "comparisons cannot be chained: write 'a < b and b < c' instead of 'a < b < c'")
    }

    @Test func functionNamesAndArity() {
        expectError("foo(1)", at: 0, "unknown function 'foo'")
        expectError("1 + Selected(${a}, 'x')", at: 4, "unknown function 'Selected'")
        expectError("1 + round(2)", at: 4, "function 'round' takes 2 arguments, got 1")
        expectError("answered()", at: 0, "function 'answered' takes 1 argument, got 0")
        expectError("if(true, 1)", at: 0, "function 'if' takes 3 arguments, got 2")
        expectError("selected(${a}, 'x', 'y')", at: 0, "function 'selected' takes 2 arguments, got 3")
        expectError("min(1)", at: 0, "function 'min' takes at least 2 arguments, got 1")
        expectError("max()", at: 0, "function 'max' takes at least 2 arguments, got 0")
        expectError("selected", at: 0, "'selected' is a function: call it as selected(...)")
        expectError("nbsap_adopted = true", at: 0, "unknown name 'nbsap_adopted'; refer to a question's answer as ${nbsap_adopted}")
        expectError("TRUE", at: 0, "unknown name 'TRUE'; keywords are lower case: 'true'")
        expectError("Foo", at: 0, "unknown name 'Foo'")
    }

    @Test func firstErrorInReadingOrderWins() {
        // The stray ')' comes before the unterminated string.
        expectError("1 + ) 'abc", at: 4, "expected a value after '+', found ')'")
    }

    @Test func tenThousandNestedParenthesesAreAnErrorNotACrash() {
        let depth = ExpressionParser.maximumDepth
        let message = "expression is nested too deeply (more than 256 levels)"
        let parens = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        expectError(parens, at: depth, message)
        expectError(String(repeating: "(", count: 10_000), at: depth, message)
        expectError(String(repeating: "-", count: 10_000) + "1", at: depth, message)
        expectError(String(repeating: "not ", count: 10_000) + "true", at: 4 * depth, message)
        expectError(String(repeating: "min(1, ", count: 10_000), at: 7 * depth + 3, message)
        // A flat chain builds a deep tree without recursion in the parser:
        // the 256th '+' (at 2 * 256 - 1) would make it 257 levels high.
        let chain = Array(repeating: "1", count: 10_000).joined(separator: "+")
        expectError(chain, at: 2 * depth - 1, message)
    }

    @Test func oneThousandRandomStringsNeverCrash() {
        var random = SplitMix64(seed: 0x5EED_2025)
        let fragments = [
            "(", ")", "((", "))", ",", ".", "..", "'", "\"", "\\", "$", "${", "}", "{", "${a}", "${b_2}", "${",
            "=", "!=", "==", "<", "<=", ">", ">=", "+", "-", "*", "/", "!", "&", "|", "#", "%",
            "and", "or", "not", "mod", "true", "false", "null", "TRUE", "x", "é", "🇰🇪",
            "0", "1", "2.5", "007", ".5", "1.", "9999999999", " ", "  ", "\n", "\t",
            "selected(", "count_selected(", "answered(", "length(", "year(", "if(", "min(", "max(", "round(", "number(", "foo(",
            "'2024-03-01'", "'a'", "\"b\"", "'it\\'s'",
        ]
        let values = ["1", "2.5", "${a}", ".", "'x'", "true", "null", "answered(${a})", "min(1, .)", "(${b} + 1)", "-3"]
        let operators = [" + ", " - ", " * ", " / ", " mod ", " = ", " != ", " < ", " >= ", " and ", " or "]
        var parsed = 0, rejected = 0
        for iteration in 0..<1_000 {
            var source = ""
            if iteration.isMultiple(of: 2) {
                // Pure garbage: mostly rejected, exercises the lexer.
                for _ in 0..<Int(random.next() % 24) {
                    if random.next() % 5 == 0 {
                        source.append(Character(Unicode.Scalar(UInt8(32 + random.next() % 95))))
                    } else {
                        source += fragments[Int(random.next() % UInt64(fragments.count))]
                    }
                }
            } else {
                // Near-valid: value (operator value)* with occasional damage,
                // so that the parser and evaluator get exercised as well.
                source = values[Int(random.next() % UInt64(values.count))]
                for _ in 0..<Int(random.next() % 6) {
                    source += operators[Int(random.next() % UInt64(operators.count))]
                    source += random.next() % 8 == 0
                        ? fragments[Int(random.next() % UInt64(fragments.count))]
                        : values[Int(random.next() % UInt64(values.count))]
                }
            }
            do {
                let expression = try ExpressionParser.parse(source)
                parsed += 1
                for current in [ExpressionValue.null, .number(0), .string(""), .list([.string("a")])] {
                    _ = expression.evaluate(current: current) { _ in current }
                }
                _ = expression.references
                _ = expression.usesCurrentValue
            } catch {
                rejected += 1
                #expect((0...source.count).contains(error.position), "position \(error.position) outside \(source.debugDescription)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed + rejected == 1_000)
        #expect(parsed > 250)
        #expect(rejected > 500)
    }
}

/// Deterministic, so a failing fuzz case reproduces on every run.
private struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
