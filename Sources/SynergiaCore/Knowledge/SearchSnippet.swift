import Foundation

/// A search hit's excerpt as plain text, with the places the query matched.
/// No markup: the web marks the ranges with `<mark>` (escaping the text
/// around them), the CLI with brackets, the JSON API hands them on.
///
/// Ranges are UTF-16 offsets into `text`: the JSON API's readers are mostly
/// browsers, whose strings count UTF-16 units, and UTF-16 offsets mean the same
/// in every Unicode version, where counts of Characters (grapheme clusters) can
/// change with it. `segments` turns them back into pieces of the text.
public struct SearchSnippet: Codable, Sendable, Equatable {
    public var text: String
    /// In order, not overlapping, within `text`.
    public var matches: [Range<Int>]

    public static let ellipsis = "…"
    /// How much of a paragraph is shown when nothing in it is marked.
    public static let plainLength = 240

    public init(text: String, matches: [Range<Int>] = []) {
        self.text = text
        self.matches = matches
    }

    /// The start of a paragraph, nothing marked (a paragraph found by its tags).
    public static func plain(_ text: String) -> SearchSnippet {
        SearchSnippet(text: String(text.prefix(plainLength)))
    }

    public struct Segment: Sendable, Equatable {
        public var text: Substring
        public var isMatch: Bool
    }

    /// The whole text in pieces, each a match or not. A range that does not
    /// fall on whole characters of the text is left unmarked.
    public var segments: [Segment] {
        var pieces: [Segment] = []
        var cursor = text.startIndex
        for match in matches {
            guard let lower = index(match.lowerBound), let upper = index(match.upperBound), lower >= cursor, lower < upper else { continue }
            if cursor < lower { pieces.append(Segment(text: text[cursor..<lower], isMatch: false)) }
            pieces.append(Segment(text: text[lower..<upper], isMatch: true))
            cursor = upper
        }
        if cursor < text.endIndex { pieces.append(Segment(text: text[cursor...], isMatch: false)) }
        return pieces
    }

    /// The matched pieces of the text, in order.
    public var matchedTexts: [String] {
        segments.filter(\.isMatch).map { String($0.text) }
    }

    private func index(_ utf16Offset: Int) -> String.Index? {
        guard (0...text.utf16.count).contains(utf16Offset) else { return nil }
        return text.utf16.index(text.utf16.startIndex, offsetBy: utf16Offset).samePosition(in: text.unicodeScalars)
    }

    /// An excerpt of `text` around the first occurrence of any of `terms`, every
    /// occurrence in it matched: the whole text when it is short, else a window
    /// that starts at a word. A term is found regardless of case and accents, as
    /// a whole word (Chinese, which has no spaces, anywhere); several words of a
    /// term are found one by one, and matches separated by spaces alone become one
    /// ("land degradation"). Nil when no term occurs.
    ///
    /// Both databases give the words they matched (stemmed forms included) and
    /// this builds the snippet from them, so the same words give the same
    /// snippet on SQLite and on PostgreSQL.
    public static func excerpt(_ text: String, terms: [String], radius: Int = 60) -> SearchSnippet? {
        var words: [Substring] = []
        for word in terms.flatMap({ $0.split(whereSeparator: \.isWhitespace) })
        where !words.contains(where: { $0.compare(word, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }) {
            words.append(word)
        }
        var found: [Range<String.Index>] = []
        for word in words {
            var searchStart = text.startIndex
            while let range = text.range(of: word, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<text.endIndex) {
                if isWholeWord(range, in: text) { found.append(range) }
                searchStart = range.upperBound
            }
        }
        // Earlier first, and of two starting together the longer; overlaps dropped.
        found.sort { ($0.lowerBound, $1.upperBound) < ($1.lowerBound, $0.upperBound) }
        var ranges: [Range<String.Index>] = []
        for range in found where ranges.last.map({ range.lowerBound >= $0.upperBound }) ?? true { ranges.append(range) }
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
        let lead = start > text.startIndex ? ellipsis : ""
        let shift = lead.utf16.count - text.utf16.distance(from: text.startIndex, to: start)
        func offset(_ index: String.Index) -> Int { text.utf16.distance(from: text.startIndex, to: index) + shift }
        var matches: [Range<Int>] = []
        var previous: Range<String.Index>?
        for range in ranges where range.lowerBound >= start && range.upperBound <= end {
            if let previous, let last = matches.last, text[previous.upperBound..<range.lowerBound].allSatisfy(\.isWhitespace) {
                matches[matches.count - 1] = last.lowerBound..<offset(range.upperBound)
            } else {
                matches.append(offset(range.lowerBound)..<offset(range.upperBound))
            }
            previous = range
        }
        return SearchSnippet(text: lead + text[start..<end] + (end < text.endIndex ? ellipsis : ""), matches: matches)
    }

    /// A match that starts or ends with a letter or digit must not continue a
    /// word of the text ("land" is not marked in "landscape"); Chinese is
    /// written without spaces, so its matches stand anywhere.
    static func isWholeWord(_ range: Range<String.Index>, in text: String) -> Bool {
        let scalars = text.unicodeScalars
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            !CJKText.isCJK(scalar) && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
        }
        if range.lowerBound > text.startIndex, isWordScalar(scalars[range.lowerBound]),
           isWordScalar(scalars[scalars.index(before: range.lowerBound)]) {
            return false
        }
        if range.upperBound < text.endIndex, isWordScalar(scalars[scalars.index(before: range.upperBound)]),
           isWordScalar(scalars[range.upperBound]) {
            return false
        }
        return true
    }
}
