import Foundation

/// The six official UN languages, the languages the knowledge base indexes.
/// Stored as the ISO 639-1 code.
public enum KnowledgeLanguage: String, Codable, Sendable, CaseIterable, Comparable {
    case en, fr, es, ru, ar, zh

    /// Reads `en`, `EN`, `en-GB`, `zh-Hans` and the like; anything else is refused
    /// with the list of accepted codes.
    public static func parse(_ text: String) throws -> KnowledgeLanguage {
        let base = text.trimmingCharacters(in: .whitespaces).lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first
        guard let base, let language = KnowledgeLanguage(rawValue: String(base)) else {
            throw DomainError.invalid("unknown language '\(text)'; use one of the ISO 639-1 codes \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return language
    }

    public static func < (lhs: KnowledgeLanguage, rhs: KnowledgeLanguage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
