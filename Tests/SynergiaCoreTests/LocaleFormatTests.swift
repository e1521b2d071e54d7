import Foundation
import Testing
import SynergiaCore

/// Numbers, percentages and dates as each UN language writes them, exactly.
@Suite struct LocaleFormatTests {
    static let numbers: [(language: String, value: Double, digits: Int?, text: String)] = [
        ("en", 1234.5, nil, "1,234.5"),
        ("zh", 1234.5, nil, "1,234.5"),
        ("ar", 1234.5, nil, "1,234.5"),
        ("fr", 1234.5, nil, "1\u{202F}234,5"),
        ("ru", 1234.5, nil, "1\u{00A0}234,5"),
        ("es", 1234.5, nil, "1234,5"),
        ("es", 12345.5, nil, "12\u{00A0}345,5"),
        ("fr", 1_234_567.891, 2, "1\u{202F}234\u{202F}567,89"),
        ("en", -1_234_567, nil, "-1,234,567"),
        ("ru", 0.125, nil, "0,125"),
        ("en", 999, nil, "999"),
        ("en", -0.04, 1, "0"),
        ("fr", 2.50, 3, "2,5"),
        ("ar", 0.000012, nil, "1.2e-05"),
        ("qps", 1234.5, nil, "1,234.5"),
    ]

    @Test(arguments: numbers)
    func numbersAreWrittenInTheLanguage(language: String, value: Double, digits: Int?, text: String) {
        #expect(LocaleFormat(language: language).number(value, fractionDigits: digits) == text)
    }

    @Test func percentagesKeepTheLanguagesSpaceBeforeTheSign() {
        #expect(LocaleFormat(language: "en").percent(12.5) == "12.5%")
        #expect(LocaleFormat(language: "zh").percent(12.5) == "12.5%")
        #expect(LocaleFormat(language: "ar").percent(12.5) == "12.5%")
        #expect(LocaleFormat(language: "fr").percent(12.5) == "12,5\u{202F}%")
        #expect(LocaleFormat(language: "ru").percent(12.54, fractionDigits: 1) == "12,5\u{00A0}%")
        #expect(LocaleFormat(language: "es").percent(100) == "100\u{00A0}%")
    }

    @Test func yearsAreNeverGrouped() {
        #expect(LocaleFormat(language: "en").year(2030) == "2030")
        #expect(LocaleFormat(language: "fr").year(2030) == "2030")
        #expect(LocaleFormat(language: "en").integer(2030) == "2,030")
    }

    static let moment = Date(timeIntervalSince1970: 1_796_682_480) // 2026-12-07 22:28 UTC

    static let dates: [(language: String, date: String, dateTime: String)] = [
        ("en", "7 December 2026", "7 December 2026, 22:28 UTC"),
        ("fr", "7 décembre 2026", "7 décembre 2026 à 22:28 UTC"),
        ("es", "7 de diciembre de 2026", "7 de diciembre de 2026, 22:28 UTC"),
        ("ru", "7 декабря 2026 г.", "7 декабря 2026 г., 22:28 UTC"),
        ("zh", "2026年12月7日", "2026年12月7日 22:28 UTC"),
        ("ar", "7 كانون الأول/ديسمبر 2026", "7 كانون الأول/ديسمبر 2026، 22:28 UTC"),
        ("qps", "2026-12-07", "2026-12-07 22:28 UTC"),
    ]

    @Test(arguments: dates)
    func datesAreWrittenOutInTheLanguage(language: String, date: String, dateTime: String) {
        #expect(LocaleFormat(language: language).date(Self.moment) == date)
        #expect(LocaleFormat(language: language).dateTime(Self.moment) == dateTime)
    }

    @Test func theFirstOfTheMonthIsPremierInFrench() {
        #expect(LocaleFormat(language: "fr").longDate(year: 2027, month: 1, day: 1) == "1er janvier 2027")
        #expect(LocaleFormat(language: "ru").longDate(year: 2027, month: 5, day: 1) == "1 мая 2027 г.")
    }

    /// What a page or an export writes, a person can type back in the same language.
    @Test(arguments: LocalizedText.languages)
    func everyWrittenNumberReadsBack(language: String) throws {
        let format = LocaleFormat(language: language)
        for value in [0, 12.5, 1234.5, 12_345.25, -1_234_567.125, 0.001] {
            #expect(try NumberNotation(language: language).number(format.number(value)) == value)
        }
    }
}
