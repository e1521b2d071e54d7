import Foundation

/// The one current value of a shared fact in a workspace, with where it came from.
public struct Fact: Sendable, Equatable, Codable {
    public var key: FactKey
    public var value: AnswerValue
    /// Bumped on every change; a change made against an older version is refused.
    public var version: Int
    /// Who set it, when, through which channel and from which report (`sourceReportID`), if any.
    public var provenance: AnswerProvenance

    public init(key: FactKey, value: AnswerValue, version: Int, provenance: AnswerProvenance) {
        self.key = key
        self.value = value
        self.version = version
        self.provenance = provenance
    }
}

/// One change of a fact in the register's history.
public struct FactChange: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        /// Taken from the reports' existing answers when the register was first needed.
        case seeded
        /// Saved in a report, or set on the facts page, the API or the CLI.
        case set
    }

    public var id: Int64
    public var key: FactKey
    public var action: Action
    public var oldValue: AnswerValue?
    public var newValue: AnswerValue
    public var userID: Int64?
    /// The e-mail address of `userID`, as the history shows who made the change.
    public var user: String? = nil
    public var channel: AnswerChannel
    public var sourceReportID: Int64?
    public var at: Date

    public init(id: Int64, key: FactKey, action: Action, oldValue: AnswerValue?, newValue: AnswerValue, userID: Int64?,
                channel: AnswerChannel, sourceReportID: Int64?, at: Date) {
        self.id = id
        self.key = key
        self.action = action
        self.oldValue = oldValue
        self.newValue = newValue
        self.userID = userID
        self.channel = channel
        self.sourceReportID = sourceReportID
        self.at = at
    }
}

/// How a report's answer to a fact stands apart from the register.
public enum FactMark: String, Sendable, Codable {
    /// The report keeps its own value; register changes pass it by.
    case local
    /// The register changed while the report was in review or approved: the
    /// report shows "changed since you reviewed" until someone accepts or keeps.
    case changed
}
