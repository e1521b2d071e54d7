import Testing
import SynergiaCore

/// Numbers typed on Arabic and Russian pages, or copied from Arabic text into any page.
@Suite struct NumberNotationArabicTests {
    static let accepted: [(language: String, text: String, value: Double)] = [
        ("ru", "1 234,5", 1234.5),
        ("ru", "1\u{00A0}234\u{00A0}567,25", 1_234_567.25),
        ("ru", "0,5", 0.5),
        ("ru", "12.5", 12.5),
        ("ar", "1,234.5", 1234.5),
        ("ar", "1 234.5", 1234.5),
        ("ar", "12,5", 12.5),
        ("ar", "١٢٣٤٫٥", 1234.5),
        ("ar", "١٬٢٣٤٫٥", 1234.5),
        ("ar", "٠٫٢٥", 0.25),
        ("ar", "۱۲۳", 123),
        ("fr", "١٢٫٥", 12.5),
        ("en", "٣٬٠٠٠", 3000),
        ("ar", "\u{200F}-12.5\u{200F}", -12.5),
        ("ar", "\u{061C}42", 42),
    ]

    @Test(arguments: accepted)
    func numberTextIsRead(language: String, text: String, value: Double) throws {
        #expect(try NumberNotation(language: language).number(text) == value)
    }

    static let refused: [(language: String, text: String, problem: NumberNotation.Problem)] = [
        ("ru", "1.234", .ambiguous(whole: "1234", decimal: "1,234")),
        ("ru", "12 34,5", .misgrouped),
        ("ar", "١٬٢٣", .misgrouped),
        ("ar", "١٢٪", .notANumber),
        ("ar", "١٫٢٫٣", .misgrouped),
    ]

    @Test(arguments: refused)
    func ambiguousOrMalformedTextIsRefused(language: String, text: String, problem: NumberNotation.Problem) {
        #expect(throws: problem) { try NumberNotation(language: language).number(text) }
    }
}
