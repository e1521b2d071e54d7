import Foundation

extension ReportComment {
    /// A comment says something: blank text is refused.
    public static func checkBody(_ body: String) throws(DomainError) {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalid("the comment is empty")
        }
    }
}
