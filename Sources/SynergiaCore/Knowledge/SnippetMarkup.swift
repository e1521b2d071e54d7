import Foundation

/// Snippets travel from the database as plain text with matches between two
/// private-use characters, and become HTML here: every character of the text
/// escaped, and only the markers turned into `<mark>` and `</mark>`. Imported
/// text is stripped of the two markers, so a document cannot fake a highlight.
public enum SnippetMarkup {
    public static let open: Unicode.Scalar = "\u{E000}"
    public static let close: Unicode.Scalar = "\u{E001}"
    public static let markers: Set<Unicode.Scalar> = [open, close]
    public static let ellipsis = "…"

    public static func html(marked: String) -> String {
        var html = ""
        var isOpen = false
        for scalar in marked.unicodeScalars {
            switch scalar {
            case open where !isOpen:
                html += "<mark>"
                isOpen = true
            case close where isOpen:
                html += "</mark>"
                isOpen = false
            case open, close:
                continue
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            default: html.unicodeScalars.append(scalar)
            }
        }
        if isOpen { html += "</mark>" }
        return html
    }

    /// The distinct texts between markers, in order.
    public static func markedWords(_ marked: String) -> [String] {
        var words: [String] = []
        var current: String.UnicodeScalarView?
        for scalar in marked.unicodeScalars {
            if scalar == open {
                current = .init()
            } else if scalar == close {
                if let word = current.map(String.init), !word.isEmpty, !words.contains(word) { words.append(word) }
                current = nil
            } else {
                current?.append(scalar)
            }
        }
        return words
    }

    /// An excerpt of `text` around the first occurrence of any term, every
    /// occurrence marked: the whole text when it is short, else a window that
    /// starts at a word. Nil when no term occurs literally.
    public static func excerpt(_ text: String, terms: [String], radius: Int = 60) -> String? {
        var ranges: [Range<String.Index>] = []
        for term in terms where !term.isEmpty {
            var searchStart = text.startIndex
            while let found = text.range(of: term, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<text.endIndex) {
                ranges.append(found)
                searchStart = found.upperBound
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        guard let first = ranges.first else { return nil }
        var start = text.startIndex, end = text.endIndex
        if text.count > radius * 4 {
            start = text.index(first.lowerBound, offsetBy: -radius, limitedBy: text.startIndex) ?? text.startIndex
            end = text.index(first.upperBound, offsetBy: radius * 2, limitedBy: text.endIndex) ?? text.endIndex
            let lookBack = text.index(start, offsetBy: -radius / 3, limitedBy: text.startIndex) ?? text.startIndex
            if start > text.startIndex, let space = text[lookBack..<start].lastIndex(where: \.isWhitespace) {
                start = text.index(after: space)
            }
        }
        var marked = start > text.startIndex ? ellipsis : ""
        var cursor = start
        for range in ranges where range.lowerBound >= cursor && range.upperBound <= end {
            marked += text[cursor..<range.lowerBound]
            marked.unicodeScalars.append(open)
            marked += text[range]
            marked.unicodeScalars.append(close)
            cursor = range.upperBound
        }
        marked += text[cursor..<end]
        if end < text.endIndex { marked += ellipsis }
        return marked
    }
}
