import Foundation

/// How a language writes numbers, and how typed number text is read in it.
///
/// The rules, the same for the web form, workbook cells typed as text, the
/// CLI and the JSON API:
/// - Spaces (ordinary, no-break U+00A0, thin U+2009 and narrow no-break
///   U+202F) group thousands in every language, as the SI and the UN
///   editorial style write them: `1 234 567`. Groups must have three digits.
/// - The language's own decimal mark is always a decimal mark: the point in
///   English and Chinese (`12.5`), the comma in French, Spanish, Russian and
///   Portuguese (`12,5`). English also groups with commas (`1,234.5`).
/// - When a number holds both a point and a comma, the last one is the decimal
///   mark and the other groups thousands (`1,234.5`, `1.234,5`): no language
///   writes it otherwise, so there is one reading only.
/// - The other mark alone is read as a decimal mark when it cannot be a
///   thousands separator (`12,5` on an English page, `12.5` on a French one),
///   because people copy numbers from sources in other languages and there is
///   only one sensible reading.
/// - A point followed by exactly three digits on a French (Spanish, Russian…)
///   page, such as `1.234`, is refused: the page's language groups thousands
///   with spaces only, so the point is foreign, and the two foreign readings
///   differ by a factor of a thousand (1234 where points group thousands,
///   1.234 where the point is decimal). Guessing would store a wrong value
///   silently. `1,234` on a French page is not ambiguous: the comma is the
///   French decimal mark, so it is 1.234. `1,234` on an English page is 1234,
///   the English grouping.
/// - A leading `-`, `+` or `−` gives the sign; an exponent (`1e3`, `2,5E-4`)
///   is accepted because spreadsheets and statistics software write very
///   small and very large values that way. Nothing else is: no `inf`, no
///   `nan`, no hexadecimal, no percent sign, no currency.
/// - Numbers copied from Arabic (or Persian) text are read in every language:
///   Arabic-Indic digits (`١٢٣`, `۱۲۳`) are the digits 0–9, the Arabic decimal
///   separator `٫` is the decimal mark and the Arabic thousands separator `٬`
///   groups like a space (`١٬٢٣٤٫٥` is 1234.5). The direction marks such text
///   carries (U+200E, U+200F, U+061C) are left out before reading.
/// - Arabic pages write Latin digits with the decimal point and comma
///   thousands, as United Nations documents in Arabic do (`1,234.5`).
public enum NumberNotation: Sendable, Equatable {
    case decimalPoint
    case decimalComma

    /// Languages whose decimal mark is the comma.
    static let commaLanguages: Set<String> = ["fr", "es", "ru", "pt"]

    public init(language: String) {
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        self = Self.commaLanguages.contains(base) ? .decimalComma : .decimalPoint
    }

    /// Why a text is not read as a number.
    public enum Problem: Error, Sendable, Equatable {
        case notANumber
        /// Thousands separators that do not split the digits into groups of three.
        case misgrouped
        /// Two readings a thousand apart; the fix names both ways to write them.
        case ambiguous(whole: String, decimal: String)
    }

    var decimalMark: Character { self == .decimalPoint ? "." : "," }
    /// Whether the other mark groups thousands in this notation.
    var groupsWithOtherMark: Bool { self == .decimalPoint }

    static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{2009}", "\u{202F}"]

    /// The number `text` stands for in this notation.
    public func number(_ text: String) throws(Problem) -> Double {
        var rest = Substring(latinized(text).trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if let first = rest.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            rest.removeFirst()
        }
        var exponent = ""
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var digits = rest[rest.index(after: e)...]
            var sign = ""
            if let first = digits.first, first == "-" || first == "+" {
                sign = first == "-" ? "-" : ""
                digits.removeFirst()
            }
            guard (1...4).contains(digits.count), digits.allSatisfy(Self.isDigit) else { throw .notANumber }
            exponent = "e" + sign + String(digits)
            rest = rest[..<e]
        }
        let marks: Set<Character> = [".", ","]
        guard rest.contains(where: Self.isDigit),
              rest.allSatisfy({ Self.isDigit($0) || marks.contains($0) || Self.spaces.contains($0) }) else { throw .notANumber }

        let decimal = try decimalMark(in: rest)
        var whole = rest
        var fraction: Substring = ""
        if let decimal, let index = rest.firstIndex(of: decimal) {
            whole = rest[..<index]
            fraction = rest[rest.index(after: index)...]
            guard fraction.allSatisfy(Self.isDigit), !(whole.isEmpty && fraction.isEmpty) else { throw .notANumber }
        }
        if whole.contains(where: { !Self.isDigit($0) }) {
            guard Self.isGrouped(whole) else { throw .misgrouped }
        }
        let digits = String(whole.filter(Self.isDigit))
        let literal = (negative ? "-" : "") + (digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + String(fraction)) + exponent
        guard let number = Double(literal), number.isFinite else { throw .notANumber }
        return number
    }

    /// `text` with Arabic-Indic digits and marks in the Latin forms the rules read, and no direction marks.
    func latinized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x0600 && $0.value <= 0x06FF || (0x200E...0x200F).contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0660...0x0669: out.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: out.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
            case 0x066B: out.append(contentsOf: String(decimalMark).unicodeScalars)
            case 0x066C: out.append(" ")
            case 0x200E, 0x200F, 0x061C: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The mark that separates the decimals, nil for a whole number.
    private func decimalMark(in text: Substring) throws(Problem) -> Character? {
        let points = text.count { $0 == "." }, commas = text.count { $0 == "," }
        if points > 0 && commas > 0 {
            let last = text.last { $0 == "." || $0 == "," }!
            guard (last == "." ? points : commas) == 1 else { throw .notANumber }
            return last
        }
        guard points + commas == 1 else { return nil }
        let mark: Character = points == 1 ? "." : ","
        if mark == decimalMark || !Self.isGrouped(text) { return mark }
        if groupsWithOtherMark { return nil }
        throw .ambiguous(whole: String(text.filter(Self.isDigit)),
                         decimal: String(text.filter { !Self.spaces.contains($0) }).replacingOccurrences(of: ".", with: ","))
    }

    /// Whether separators (spaces, points, commas) split `text` into a first
    /// group of one to three digits, not starting with 0, then groups of three.
    static func isGrouped(_ text: Substring) -> Bool {
        let groups = text.split(omittingEmptySubsequences: false) { !isDigit($0) }
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count), first.first != "0" else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
}
