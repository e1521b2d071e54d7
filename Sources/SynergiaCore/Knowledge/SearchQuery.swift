import Foundation

/// A knowledge-base query as people type it: words, all of which must match,
/// and "quoted phrases". Nothing else is syntax: `-`, `*`, `OR`, parentheses are
/// plain text, so no input can reach the database as a query operator.
///
///     let query = try SearchQuery.parse(#"restoration "land degradation" 土地退化"#)
///     query.terms.count == 3
public struct SearchQuery: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public enum Script: Sendable, Equatable {
            /// Matched by words, through each language's stemming where the database has it.
            case alphabetic
            /// Matched by character pairs (see `CJKText`).
            case cjk
        }

        public var text: String
        public var script: Script

        public init(_ text: String, script: Script) {
            self.text = text
            self.script = script
        }
    }

    public var terms: [Term]

    public static let maximumLength = 500
    public static let maximumTerms = 16

    public static func parse(_ text: String) throws -> SearchQuery {
        guard text.count <= maximumLength else {
            throw DomainError.invalid("the query is longer than \(maximumLength) characters; search for a few words or a shorter phrase")
        }
        let straight = text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: "„", with: "\"").replacingOccurrences(of: "«", with: "\"").replacingOccurrences(of: "»", with: "\"")
        let pieces = straight.split(separator: "\"", omittingEmptySubsequences: false)
        guard pieces.count % 2 == 1 else {
            throw DomainError.invalid("the query has an unbalanced quotation mark: close the \"quoted phrase\" with a second \", or remove the quotation mark")
        }
        var terms: [Term] = []
        for (index, piece) in pieces.enumerated() {
            let insideQuotes = index % 2 == 1
            let chunks = insideQuotes ? [Substring(piece)] : piece.split(whereSeparator: \.isWhitespace)
            for chunk in chunks { terms += scriptSegments(String(chunk)) }
        }
        guard !terms.isEmpty else {
            throw DomainError.invalid("the query has no word to search for (punctuation alone is ignored); type at least one word or a \"quoted phrase\"")
        }
        guard terms.count <= maximumTerms else {
            throw DomainError.invalid("the query has \(terms.count) words; use at most \(maximumTerms), or put a longer text in a \"quoted phrase\"")
        }
        return SearchQuery(terms: terms)
    }

    /// A phrase or word mixing Chinese and other scripts is searched as its
    /// parts, each required; parts without a letter or digit are dropped.
    static func scriptSegments(_ text: String) -> [Term] {
        var terms: [Term] = []
        var current = "", currentIsCJK = false
        func flush() {
            let trimmed = current.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if trimmed.contains(where: { $0.isLetter || $0.isNumber }) {
                terms.append(Term(currentIsCJK ? trimmed.filter(CJKText.isCJK) : trimmed, script: currentIsCJK ? .cjk : .alphabetic))
            }
            current = ""
        }
        for character in text {
            let isCJK = CJKText.isCJK(character)
            // Spaces and punctuation inside a Chinese phrase do not end it.
            if isCJK != currentIsCJK, !(currentIsCJK && !character.isLetter && !character.isNumber) {
                flush()
                currentIsCJK = isCJK
            }
            current.append(character)
        }
        flush()
        return terms
    }
}
