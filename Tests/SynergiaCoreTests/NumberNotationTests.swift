import Testing
import SynergiaCore

/// Number text as people type it, read the one way every channel reads it.
@Suite struct NumberNotationTests {
    static let accepted: [(language: String, text: String, value: Double)] = [
        ("fr", "1 234,5", 1234.5),
        ("fr", "1\u{202F}234,5", 1234.5),
        ("fr", "1\u{00A0}234\u{00A0}567", 1_234_567),
        ("es", "1 234,5", 1234.5),
        ("en", "1,234.5", 1234.5),
        ("en", "1 234.5", 1234.5),
        ("en", "12.5", 12.5),
        ("fr", "12.5", 12.5),
        ("en", "-3", -3),
        ("fr", "−3", -3),
        ("en", "+7", 7),
        ("en", "1e3", 1000),
        ("fr", "2,5E-3", 0.0025),
        // The language's own marks decide: the comma is decimal in French, groups thousands in English.
        ("fr", "1,234", 1.234),
        ("en", "1,234", 1234),
        ("en", "1,234,567", 1_234_567),
        // A comma that cannot group thousands is read as the decimal mark on an English page.
        ("en", "12,5", 12.5),
        ("en", "1 234,5", 1234.5),
        ("en", "0,125", 0.125),
        ("fr", "0.125", 0.125),
        // Both marks: the last one is decimal.
        ("fr", "1.234,5", 1234.5),
        ("en", ".5", 0.5),
        ("zh", "3.14", 3.14),
    ]

    @Test(arguments: accepted)
    func numberTextIsRead(language: String, text: String, value: Double) throws {
        #expect(try NumberNotation(language: language).number(text) == value)
    }

    static let refused: [(language: String, text: String, problem: NumberNotation.Problem)] = [
        ("fr", "1.234", .ambiguous(whole: "1234", decimal: "1,234")),
        ("es", "12.500", .ambiguous(whole: "12500", decimal: "12,500")),
        ("fr", "1 234.567", .ambiguous(whole: "1234567", decimal: "1234,567")),
        ("en", "1 23", .misgrouped),
        ("fr", "12 34,5", .misgrouped),
        ("en", "1,2,3", .misgrouped),
        ("en", "lots", .notANumber),
        ("en", "", .notANumber),
        ("en", "12%", .notANumber),
        ("en", "inf", .notANumber),
        ("en", "nan", .notANumber),
        ("en", "0x1p3", .notANumber),
        ("en", "1e", .notANumber),
        ("en", "1e99999", .notANumber),
        ("en", "1,234.5.6", .notANumber),
        ("en", "--3", .notANumber),
    ]

    @Test(arguments: refused)
    func ambiguousOrMalformedTextIsRefused(language: String, text: String, problem: NumberNotation.Problem) {
        #expect(throws: problem) { try NumberNotation(language: language).number(text) }
    }

    @Test func languagesWithADecimalCommaAreKnown() {
        #expect(NumberNotation(language: "fr") == .decimalComma)
        #expect(NumberNotation(language: "es") == .decimalComma)
        #expect(NumberNotation(language: "ru") == .decimalComma)
        #expect(NumberNotation(language: "en") == .decimalPoint)
        #expect(NumberNotation(language: "zh") == .decimalPoint)
        #expect(NumberNotation(language: "ar") == .decimalPoint)
    }
}
