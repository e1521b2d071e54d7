import Testing
@testable import SynergiaCore

@Suite struct TextInputRulesTests {
    @Test(arguments: [
        ("\u{202E}", "the invisible direction-changing character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\u{2066}", "the invisible direction-changing character U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("\u{200B}", "the invisible formatting character U+200B (ZERO WIDTH SPACE)"),
        ("\u{E0041}", "the invisible formatting character U+E0041 (TAG LATIN CAPITAL LETTER A)"),
        ("\u{0000}", "the control character U+0000"),
        ("\u{001B}", "the control character U+001B"),
        ("\u{0085}", "the control character U+0085"),
        ("\n", "a line break or tab (U+000A)"),
        ("\t", "a line break or tab (U+0009)"),
    ])
    func invisibleCharactersAreRefusedNamed(character: String, described: String) {
        #expect(TextInputRules.problem("ab" + character + "c", field: "the source", .line)
            == "the source contains \(described) at character 3; delete it (retyping the text or pasting it as plain text removes it)")
    }

    @Test func ordinaryTextOfEveryScriptPasses() {
        for text in ["Forest area (ha) — 2020", "مساحة الغابات\u{200F} 2020", "می\u{200C}خواهم", "森林面积", "👩\u{200D}🌾 farmers", "co\u{00AD}operation", "e\u{0301}"] {
            #expect(TextInputRules.problem(text, field: "x", .label) == nil)
        }
        #expect(TextInputRules.problem("line one\r\nline two\ttab", field: "x", .longText) == nil)
        #expect(TextInputRules.problem("line one\u{202E}", field: "x", .longText) != nil)
    }

    @Test func lengthIsCountedInScalarsAgainstTheFieldsLimit() {
        #expect(TextInputRules.problem(String(repeating: "x", count: 200), field: "the disaggregation", .label) == nil)
        #expect(TextInputRules.problem(String(repeating: "x", count: 5_000), field: "the disaggregation", .label)
            == "the disaggregation has 5000 characters, more than the 200 allowed; shorten it")
        // One character on screen, 301 scalars.
        #expect(TextInputRules.problem("e" + String(repeating: "\u{0301}", count: 300), field: "the unit", .label)
            == "the unit has 301 characters, more than the 200 allowed; shorten it")
        #expect(TextInputRules.problem(String(repeating: "x", count: 100_000), field: "t", .longText) == nil)
        #expect(TextInputRules.problem(String(repeating: "x", count: 100_001), field: "t", .longText) != nil)
    }

    @Test func answersAreCheckedFieldByFieldWithTheirPlace() {
        let data = Question(id: "q1", type: .indicatorData, label: LocalizedText(en: "Data"))
        let rows = AnswerValue.list([
            .object(["year": .number(2020), "value": .number(1), "unit": .string("percent"), "disaggregation": .string(String(repeating: "d", count: 5_000))]),
            .object(["year": .number(2021), "value": .number(2), "unit": .string("percent"), "source": .string("a\u{202E}b"), "footnote": .string("two\nlines")]),
        ])
        #expect(AnswerTextRules.problems(rows, for: data) == [
            "row 1, the disaggregation has 5000 characters, more than the 200 allowed; shorten it",
            "row 2, the source contains the invisible direction-changing character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 2; delete it (retyping the text or pasting it as plain text removes it)",
        ])
        let text = Question(id: "q2", type: .text, label: LocalizedText(en: "Text"))
        #expect(AnswerTextRules.problems(.object(["en": .string("Two\nparagraphs"), "fr": .string("\u{0007}")]), for: text)
            == ["the text in fr contains the control character U+0007 at character 1; delete it (retyping the text or pasting it as plain text removes it)"])
        let table = Question(id: "q3", type: .table, label: LocalizedText(en: "Table"))
        #expect(AnswerTextRules.problems(.object(["r1": .object(["c1": .string(String(repeating: "x", count: 2_001))])]), for: table)
            == ["row 'r1', column 'c1' has 2001 characters, more than the 2000 allowed; shorten it"])
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
        ("+cmd", "'+cmd"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"), ("\rCR", "'\rCR"), ("-", "'-"), ("-e5", "'-e5"), ("+.", "'+."),
        ("-3.5", "-3.5"), ("+2e-4", "+2e-4"), ("-.5", "-.5"), ("-7E+10", "-7E+10"),
        ("plain", "plain"), ("", ""), ("3 = 3", "3 = 3"),
    ])
    func formulaCellsAreNeutralisedButNumbersStayNumbers(cell: String, written: String) {
        #expect(CSVFormulaGuard.cell(cell) == written)
    }
}
