import Foundation

/// How numbers, percentages and dates are written in each UN language, for
/// exports and web pages alike. The rules are written out here rather than
/// taken from the platform's locale data, because those data differ between
/// systems (Arabic with Arabic-Indic digits on one, Latin on another) and a
/// report must read the same wherever it is printed:
/// - English and Chinese: point decimal, comma thousands (`1,234.5`).
/// - Arabic: Latin digits as United Nations documents write them, point
///   decimal, comma thousands (`1,234.5`), day, the month under both its
///   names (`7 كانون الأول/ديسمبر 2026`).
/// - French: comma decimal, narrow no-break space thousands (`1 234,5`,
///   `12,5 %`).
/// - Russian: comma decimal, no-break space thousands (`1 234,5`).
/// - Spanish: comma decimal, no-break space thousands from five digits
///   (`1234,5`, `12 345,5`), as the Spanish spelling rules write them.
/// Every number written here reads back through `NumberNotation` in the
/// same language. Any other language code gets English numbers and ISO dates.
public struct LocaleFormat: Sendable, Equatable {
    public let language: String
    public let decimalMark: String
    public let groupSeparator: String
    /// The fewest digits of the whole part that are grouped (4: `1 234`; 5: `1234`, `12 345`).
    let groupingFrom: Int
    let percentSeparator: String

    public init(language: String) {
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        self.language = base
        switch base {
        case "fr": (decimalMark, groupSeparator, groupingFrom, percentSeparator) = (",", "\u{202F}", 4, "\u{202F}")
        case "ru": (decimalMark, groupSeparator, groupingFrom, percentSeparator) = (",", "\u{00A0}", 4, "\u{00A0}")
        case "es": (decimalMark, groupSeparator, groupingFrom, percentSeparator) = (",", "\u{00A0}", 5, "\u{00A0}")
        default: (decimalMark, groupSeparator, groupingFrom, percentSeparator) = (".", ",", 4, "")
        }
    }

    /// `value` with at most `fractionDigits` decimals (trailing zeros dropped), or
    /// every digit it holds when `fractionDigits` is nil.
    public func number(_ value: Double, fractionDigits: Int? = nil) -> String {
        guard value.isFinite else { return String(value) }
        let plain: String
        if let fractionDigits {
            var fixed = String(format: "%.\(max(0, fractionDigits))f", value)
            if fixed.contains(".") {
                while fixed.hasSuffix("0") { fixed.removeLast() }
                if fixed.hasSuffix(".") { fixed.removeLast() }
            }
            plain = fixed
        } else {
            plain = AnswerShape.format(value)
        }
        return localize(plain == "-0" ? "0" : plain)
    }

    /// A whole number such as a count, grouped; years go through `year`.
    public func integer(_ value: Int) -> String { localize(String(value)) }

    /// A calendar year: never grouped (`2030`, not `2,030`).
    public func year(_ value: Int) -> String { String(value) }

    /// A value already in percent (12.5 → `12.5%`, `12,5 %`).
    public func percent(_ value: Double, fractionDigits: Int = 1) -> String {
        number(value, fractionDigits: fractionDigits) + percentSeparator + "%"
    }

    /// The day a moment falls on in UTC, written out (`7 December 2026`).
    public func date(_ date: Date) -> String {
        let parts = Self.utc.dateComponents([.year, .month, .day], from: date)
        return longDate(year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// A moment as the day and the time in UTC (`7 December 2026, 22:28 UTC`).
    public func dateTime(_ date: Date) -> String {
        let parts = Self.utc.dateComponents([.hour, .minute], from: date)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0) + " UTC"
        let day = self.date(date)
        switch language {
        case "fr": return day + " à " + time
        case "zh": return day + " " + time
        case "ar": return day + "، " + time
        default: return Self.months[language] == nil ? day + " " + time : day + ", " + time
        }
    }

    /// A date written out from its parts, as each language's official documents write it.
    public func longDate(year: Int, month: Int, day: Int) -> String {
        guard let names = Self.months[language], (1...12).contains(month) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        let name = names[month - 1]
        switch language {
        case "fr": return (day == 1 ? "1er" : String(day)) + " " + name + " " + String(year)
        case "es": return "\(day) de \(name) de \(year)"
        case "ru": return "\(day) \(name) \(year) г."
        case "zh": return "\(year)年\(month)月\(day)日"
        default: return "\(day) \(name) \(year)"
        }
    }

    /// Inserts the language's marks into a number written with a point and no grouping (`-1234.5e-7`).
    func localize(_ plain: String) -> String {
        var rest = Substring(plain)
        var sign = ""
        if rest.first == "-" { sign = "-"; rest.removeFirst() }
        var exponent: Substring = ""
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = rest[e...]
            rest = rest[..<e]
        }
        let point = rest.firstIndex(of: ".")
        let whole = point.map { rest[..<$0] } ?? rest
        let fraction = point.map { rest[rest.index(after: $0)...] } ?? ""
        var grouped = String(whole)
        if whole.count >= groupingFrom {
            var groups: [Substring] = []
            var end = whole.endIndex
            while end > whole.startIndex {
                let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
                groups.insert(whole[start..<end], at: 0)
                end = start
            }
            grouped = groups.joined(separator: groupSeparator)
        }
        return sign + grouped + (fraction.isEmpty ? "" : decimalMark + fraction) + exponent
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Month names as each language's dates use them (Russian in the genitive; Arabic
    /// with both the Levantine and the Egyptian name, as United Nations documents write them).
    static let months: [String: [String]] = [
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
        "zh": ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
        "ar": ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
               "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"],
    ]
}
