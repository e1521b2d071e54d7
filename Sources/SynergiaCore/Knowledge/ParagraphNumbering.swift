import Foundation

/// Finds the numbering a paragraph starts with, as written, in the styles UN
/// documents use in the six languages: `1.`, `1.2`, `(a)`, `(iv)`, `a)`, `A.`,
/// `IV.`, `١.`, `(أ)`, `一、`, `（三）`, `第 X/2 号决定第 5 段`.
///
///     ParagraphNumbering.split("(a) To restore degraded land;")  // label "(a)", text "To restore degraded land;"
public enum ParagraphNumbering {
    public struct Numbered: Sendable, Equatable {
        public var label: String?
        public var text: String
    }

    /// Labels that need a space (or the end of the text) after them; otherwise
    /// "1.5 million" or "A.Smith" would lose their first word.
    nonisolated(unsafe) private static let spacedLabels: [Regex<Substring>] = [
        #/\((?:[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|\d{1,3}|[\x{0621}-\x{064A}])\)/#,
        #/(?:[a-z]|\d{1,3})\)/#,
        #/\d{1,3}(?:\.\d{1,3})+\.?/#,
        #/\d{1,3}\./#,
        #/[\x{0660}-\x{0669}]{1,3}[.\-\x{2013}]/#,
        #/(?:[A-Z]|[IVX]{1,5})\./#,
    ]

    /// Chinese labels end with their own punctuation and need no space.
    nonisolated(unsafe) private static let chineseLabels: [Regex<Substring>] = [
        #/第\s*[0-9A-Za-z\x{FF10}-\x{FF19}\x{FF21}-\x{FF3A}\/\x{FF0F}.\x{FF0E}\s]{1,24}?\s*号决定第\s*[0-9\x{FF10}-\x{FF19}一二三四五六七八九十百零]+\s*段/#,
        #/[一二三四五六七八九十百]{1,4}、/#,
        #/[（(][一二三四五六七八九十百0-9]{1,4}[）)]/#,
        #/[0-9\x{FF10}-\x{FF19}]{1,3}[．、]/#,
    ]

    public static func split(_ text: String) -> Numbered {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for regex in chineseLabels {
            if let match = trimmed.prefixMatch(of: regex) {
                return numbered(trimmed, labelEnd: match.range.upperBound, separators: .whitespaces.union(CharacterSet(charactersIn: "：:，,")))
            }
        }
        for regex in spacedLabels {
            guard let match = trimmed.prefixMatch(of: regex) else { continue }
            let end = match.range.upperBound
            if end == trimmed.endIndex || trimmed[end].isWhitespace {
                return numbered(trimmed, labelEnd: end, separators: .whitespaces)
            }
        }
        return Numbered(label: nil, text: trimmed)
    }

    private static func numbered(_ text: String, labelEnd: String.Index, separators: CharacterSet) -> Numbered {
        let label = String(text[..<labelEnd]).trimmingCharacters(in: .whitespaces)
        let rest = String(text[labelEnd...]).trimmingCharacters(in: separators)
        return Numbered(label: label, text: rest)
    }
}
