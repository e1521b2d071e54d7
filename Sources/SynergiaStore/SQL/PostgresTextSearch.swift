import Foundation
import SynergiaCore

/// PostgreSQL's side of knowledge-base search: which text search configuration
/// each language gets, and Chinese character pairs written as tsvector and
/// tsquery literals. The literals are built here rather than by PostgreSQL's
/// parser because whether that parser sees Chinese characters as letters
/// depends on the database's locale.
enum PostgresTextSearch {
    /// Snowball stemming for every language PostgreSQL ships it for (`arabic`
    /// since PostgreSQL 12); Chinese text gets `simple` (lower-casing only) and
    /// is found through its character pairs.
    static func configuration(_ language: KnowledgeLanguage) -> String {
        switch language {
        case .en: "english"
        case .fr: "french"
        case .es: "spanish"
        case .ru: "russian"
        case .ar: "arabic"
        case .zh: "simple"
        }
    }

    /// PostgreSQL positions stop at 16383; later pairs share the last one.
    static let maximumPosition = 16383

    /// `'土地':1 '地退':2 …`
    static func vectorLiteral(_ tokens: [String]) -> String {
        tokens.enumerated().map { "\(quoted($1)):\(min($0 + 1, maximumPosition))" }.joined(separator: " ")
    }

    /// Pairs as a phrase (`'土地' <-> '地退'`), or one character as a prefix (`'地':*`).
    static func queryLiteral(_ tokens: [String]) -> String {
        tokens.count == 1 ? quoted(tokens[0]) + ":*" : tokens.map(quoted).joined(separator: " <-> ")
    }

    /// A lexeme in tsvector/tsquery syntax: quotes and backslashes escaped.
    static func quoted(_ lexeme: String) -> String {
        "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
