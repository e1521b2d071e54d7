/// Dates of documents and meetings are days, kept as `YYYY-MM-DD` text so both
/// databases sort and filter them alike and no time zone can shift them.
public enum CalendarDay {
    /// The same text if it is a real day, else a message naming the field and the form.
    public static func validated(_ text: String, field: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            throw DomainError.invalid("\(field) '\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2022-12-19")
        }
        return text
    }

    /// The year of a validated day.
    public static func year(_ text: String) -> Int? { Int(text.prefix(4)) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
