import Foundation

/// What a knowledge-base document is. Decisions, resolutions and recommendations
/// are adopted by a meeting; the other kinds come from parties or secretariats.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    case decision, resolution, recommendation
    case nationalReport = "national_report"
    case nbsap
    case informationDocument = "information_document"
    case other

    /// Accepts the stored form and the spellings people type: `national report`,
    /// `national-report`, `NBSAP`, `INF`.
    public static func parse(_ text: String) throws -> DocumentKind {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let kind = DocumentKind(rawValue: key) { return kind }
        switch key {
        case "inf", "information", "info": return .informationDocument
        case "report": return .nationalReport
        default:
            throw DomainError.invalid("unknown document kind '\(text)'; use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
