import SynergiaCore

/// An answer an import would set where the report has none yet, as the plan shows it
/// before anything is stored (workbook and secretariat-document imports alike).
public struct ImportChange: Sendable, Codable, Equatable {
    public var key: String
    /// Where the value sits in the file: a workbook cell, or `binaryResponseTarget6.responses.6_1`.
    public var location: String
    public var old: AnswerValue
    public var new: AnswerValue
    public var expectedVersion: Int?

    /// The edit that stores it, refused if the answer changed since the plan.
    var edit: AnswerEdit? {
        AnswerKey(key).map { AnswerEdit(key: $0, value: new, expectedVersion: expectedVersion) }
    }

    /// Refuses a whole file for its problems, at most 50 of them listed.
    static func refusal(_ problems: [String], fix places: String) -> DomainError {
        .invalid("nothing was imported; fix these \(places) and import again:\n" + problems.prefix(50).joined(separator: "\n")
                 + (problems.count > 50 ? "\n… and \(problems.count - 50) more" : ""))
    }
}
