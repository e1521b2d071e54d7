import Foundation

/// A document symbol read the way UN secretariats write them, so `decision XI/16`,
/// `UNEP/CBD/COP/DEC/XI/16` and `CBD/COP/DEC/15/4` each yield one canonical text and,
/// where the form says so, the convention, body, kind, session and number.
///
///     let symbol = try DocumentSymbol.parse("cbd/cop/dec/15/4")
///     symbol.text == "CBD/COP/DEC/15/4"; symbol.session == 15; symbol.number == "4"
///
/// Forms not recognised (a national report's own reference, an INF symbol) are
/// kept as written with their spacing tidied; they are still valid symbols.
public struct DocumentSymbol: Sendable, Equatable {
    public var text: String
    public var convention: String?
    public var body: String?
    public var kind: DocumentKind?
    public var session: Int?
    public var number: String?

    public static let maximumLength = 120

    public static func parse(_ raw: String) throws -> DocumentSymbol {
        var text = tidy(raw)
        guard !text.isEmpty else { throw DomainError.invalid("the document symbol is empty; give one such as CBD/COP/DEC/15/4 or XI/16, or leave it out") }
        guard text.count <= maximumLength, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError.invalid("the document symbol '\(raw.prefix(40))…' is not a symbol: it is too long or contains control characters")
        }
        let spokenKind = stripKindWord(&text)
        let upper = text.uppercased()
        let parts = upper.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, let session = sessionNumber(parts[0]), isDecisionNumber(parts[1]) {
            return DocumentSymbol(text: upper, kind: spokenKind ?? .decision, session: session, number: parts[1])
        }
        if parts.count == 2, isDecisionNumber(parts[0]), parts[1].hasPrefix("COP."), let session = Int(parts[1].dropFirst(4)) {
            return DocumentSymbol(text: upper, convention: "UNCCD", body: "COP", kind: .decision, session: session, number: parts[0])
        }
        if let marker = parts.firstIndex(where: { markerKinds[$0] != nil }), marker + 3 == parts.count {
            let prefix = parts[..<marker].drop { $0 == "UNEP" }
            if let convention = prefix.first, prefix.count >= 2, let session = sessionNumber(parts[marker + 1]), isDecisionNumber(parts[marker + 2]) {
                return DocumentSymbol(text: upper, convention: convention, body: prefix.dropFirst().joined(separator: "-"),
                                      kind: markerKinds[parts[marker]], session: session, number: parts[marker + 2])
            }
        }
        let dotted = upper.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if dotted.count == 2, isDecisionNumber(dotted[1]), let session = sessionNumber(dotted[0]),
           spokenKind == .resolution || Int(dotted[0]) == nil {
            // Ramsar writes resolutions as XIII.5; CMS as 12.26 after the word "Resolution".
            return DocumentSymbol(text: upper, kind: .resolution, session: session, number: dotted[1])
        }
        return DocumentSymbol(text: text, kind: spokenKind)
    }

    private static let markerKinds: [String: DocumentKind] = ["DEC": .decision, "REC": .recommendation, "RES": .resolution]

    /// Words that precede a symbol in running text, in the six languages.
    private static let kindWords: [(String, DocumentKind)] = [
        ("decision", .decision), ("décision", .decision), ("decisión", .decision), ("решение", .decision), ("مقرر", .decision),
        ("resolution", .resolution), ("résolution", .resolution), ("resolución", .resolution), ("резолюция", .resolution), ("قرار", .resolution),
        ("recommendation", .recommendation), ("recommandation", .recommendation), ("recomendación", .recommendation),
        ("рекомендация", .recommendation), ("توصية", .recommendation),
    ]

    private static let chineseSuffixes: [(String, DocumentKind)] = [("号决定", .decision), ("号决议", .resolution), ("号建议", .recommendation)]

    private static func stripKindWord(_ text: inout String) -> DocumentKind? {
        for (word, kind) in kindWords {
            if let range = text.range(of: word + " ", options: [.caseInsensitive, .anchored]) {
                text = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                return kind
            }
        }
        if text.hasPrefix("第") {
            for (suffix, kind) in chineseSuffixes where text.hasSuffix(suffix) {
                text = String(text.dropFirst().dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
                return kind
            }
        }
        return nil
    }

    /// Full-width forms to ASCII, one space between words, none around separators.
    private static func tidy(_ raw: String) -> String {
        let halfWidth = String(String.UnicodeScalarView(raw.unicodeScalars.map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }))
        let words = halfWidth.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.replacingOccurrences(of: " / ", with: "/").replacingOccurrences(of: " /", with: "/")
            .replacingOccurrences(of: "/ ", with: "/")
    }

    private static func isDecisionNumber(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isNumber, text.count <= 4 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
    }

    /// Sessions are written in Arabic or Roman numerals (COP 10 is `X`).
    static func sessionNumber(_ text: String) -> Int? {
        if let number = Int(text), number > 0, number < 1000, text.allSatisfy(\.isASCII) { return number }
        return RomanNumeral.value(text)
    }
}

/// Roman numerals as sessions use them (I to CCCXCIX), strictly canonical so
/// that words such as `CIVIL` or `MIX` are never read as numbers.
enum RomanNumeral {
    private static let symbols: [(String, Int)] = [
        ("C", 100), ("XC", 90), ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1),
    ]

    static func value(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 12, text.allSatisfy({ "IVXLC".contains($0) }) else { return nil }
        var rest = Substring(text), total = 0
        for (symbol, amount) in symbols {
            while rest.hasPrefix(symbol) {
                total += amount
                rest = rest.dropFirst(symbol.count)
            }
        }
        guard rest.isEmpty, total > 0, string(total) == text else { return nil }
        return total
    }

    static func string(_ value: Int) -> String {
        var rest = value, text = ""
        for (symbol, amount) in symbols {
            while rest >= amount {
                text += symbol
                rest -= amount
            }
        }
        return text
    }
}
