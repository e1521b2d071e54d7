import Foundation

/// The functions templates may call. The set is closed on purpose: an
/// unknown name is a parse error, so a typo never silently yields null.
public enum ExpressionFunction: String, Sendable, Equatable, CaseIterable {
    case selected
    case countSelected = "count_selected"
    case answered
    case length
    case year
    case `if`
    case min, max
    case round
    case number
    case abs

    /// Number of arguments accepted.
    public var arity: ClosedRange<Int> {
        switch self {
        case .countSelected, .answered, .length, .year, .number, .abs: 1...1
        case .selected, .round: 2...2
        case .if: 3...3
        case .min, .max: 2...Int.max
        }
    }

    var arityDescription: String {
        switch self {
        case .min, .max: "at least 2 arguments"
        default: arity.lowerBound == 1 ? "1 argument" : "\(arity.lowerBound) arguments"
        }
    }

    /// Applies the function to evaluated arguments. `if` is evaluated lazily by
    /// the evaluator, so it only appears here for trees built by hand. A wrong
    /// argument count (again, only possible by hand) gives null, never a trap.
    func apply(_ arguments: [ExpressionValue]) -> ExpressionValue {
        guard arity.contains(arguments.count) else { return .null }
        let first = arguments[0]
        switch self {
        case .selected: return .bool(Self.isSelected(arguments[1], in: first))
        case .countSelected: return .number(Double(Self.selectionCount(first)))
        case .answered: return .bool(Self.isAnswered(first))
        case .length: return Self.length(first)
        case .year: return Self.year(first)
        case .if: return first.isTrue ? arguments[1] : arguments[2]
        case .min: return Self.extreme(arguments, largest: false)
        case .max: return Self.extreme(arguments, largest: true)
        case .round: return Self.round(first, digits: arguments[1])
        case .number: return Self.number(first)
        case .abs: return first.numberValue.map { .number(Swift.abs($0)) } ?? .null
        }
    }

    private static func isSelected(_ choice: ExpressionValue, in answer: ExpressionValue) -> Bool {
        if case .list(let items) = answer { return items.contains(choice) }
        return answer != .null && answer == choice
    }

    private static func selectionCount(_ answer: ExpressionValue) -> Int {
        switch answer {
        case .list(let items): items.count
        case .null, .string(""): 0
        default: 1
        }
    }

    private static func isAnswered(_ answer: ExpressionValue) -> Bool {
        switch answer {
        case .null, .string(""), .list([]): false
        default: true
        }
    }

    private static func length(_ value: ExpressionValue) -> ExpressionValue {
        switch value {
        case .null: .number(0)
        case .string(let text): .number(Double(text.count))
        case .list(let items): .number(Double(items.count))
        default: .null
        }
    }

    /// Strict `YYYY-MM-DD` with a real calendar date, so that a malformed
    /// date is null rather than a plausible-looking year.
    private static func year(_ value: ExpressionValue) -> ExpressionValue {
        guard case .string(let text) = value else { return .null }
        let characters = Array(text)
        guard characters.count == 10, characters[4] == "-", characters[7] == "-" else { return .null }
        func field(_ range: Range<Int>) -> Int? {
            guard characters[range].allSatisfy(\.isASCIIDigit) else { return nil }
            return Int(String(characters[range]))
        }
        guard let year = field(0..<4), let month = field(5..<7), let day = field(8..<10),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return .null }
        return .number(Double(year))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Ordered like `<`: all numbers or all strings; any other mix has no
    /// order, so the result is null.
    private static func extreme(_ values: [ExpressionValue], largest: Bool) -> ExpressionValue {
        var best = values[0]
        for value in values.dropFirst() {
            guard let order = value.order(comparedTo: best) else { return .null }
            if order == (largest ? .orderedDescending : .orderedAscending) { best = value }
        }
        return best
    }

    /// Rounds half away from zero on the number as written in decimal, so
    /// round(2.345, 2) is 2.35 as an author expects, not 2.34 as binary
    /// floating point would give.
    private static func round(_ value: ExpressionValue, digits: ExpressionValue) -> ExpressionValue {
        guard case .number(let x) = value, case .number(let d) = digits,
              d.rounded() == d, Swift.abs(d) <= 308 else { return .null }
        let places = Int(d)
        // Beyond 2^53 every double is already whole, and Decimal cannot hold
        // the largest doubles anyway.
        if places >= 0, Swift.abs(x) >= 9_007_199_254_740_992 { return .number(x) }
        if var decimal = Decimal(string: String(x), locale: Locale(identifier: "en_US_POSIX")) {
            var rounded = Decimal()
            NSDecimalRound(&rounded, &decimal, places, .plain)
            if let result = Double(rounded.description) { return .finite(result) }
        }
        let scale = pow(10, Double(places))
        return .finite((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
    }

    /// Plain decimal notation only (optional sign, digits, optional fraction),
    /// so that "1e5", "0x10" or "inf" typed into a text box are not numbers.
    private static func number(_ value: ExpressionValue) -> ExpressionValue {
        switch value {
        case .number: return value
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            var body = Substring(trimmed)
            if body.first == "-" || body.first == "+" { body = body.dropFirst() }
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = parts.first, !whole.isEmpty,
                  parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                  let parsed = Double(trimmed)
            else { return .null }
            return .finite(parsed)
        default: return .null
        }
    }
}
