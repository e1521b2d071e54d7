import Foundation

/// What a change in a workspace's history is about.
public enum ChangeSubject: String, Codable, Sendable, CaseIterable {
    /// A national target's own fields; the key is its code (`KEN-T1`).
    case nationalTarget = "national_target"
    /// One alignment of a national target to a global target; the key is `KEN-T1|GBF-3`.
    case alignment
    /// One observation of a series; the key is `indicator|disaggregation|year`.
    case observation
}

/// One kept change: who made it, when, through which channel, and the values
/// before and after. `before` is nil for something created, `after` for
/// something removed; otherwise both name only the fields that changed.
public struct ChangeRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var workspaceID: Int64
    public var subject: ChangeSubject
    public var key: String
    public var userID: Int64?
    /// The person's e-mail address, when a signed-in person made the change.
    public var user: String?
    /// `web`, `api`, `cli`, `import`, `run` or `restore`.
    public var channel: String
    public var at: Date
    public var before: [String: HistoryValue]?
    public var after: [String: HistoryValue]?
    public var note: String?

    public init(id: Int64, workspaceID: Int64, subject: ChangeSubject, key: String, userID: Int64? = nil, user: String? = nil,
                channel: String, at: Date, before: [String: HistoryValue]?, after: [String: HistoryValue]?, note: String? = nil) {
        self.id = id
        self.workspaceID = workspaceID
        self.subject = subject
        self.key = key
        self.userID = userID
        self.user = user
        self.channel = channel
        self.at = at
        self.before = before
        self.after = after
        self.note = note
    }

    /// One line of the change as shown: a field with its value before and after.
    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var before: HistoryValue
        public var after: HistoryValue
    }

    /// The fields the change touched, in the order a target's form lists them:
    /// every field of something added or removed, the differing ones otherwise.
    public var fieldChanges: [FieldChange] {
        var names = Set((before ?? [:]).keys).union((after ?? [:]).keys)
        if let before, let after { names = names.filter { before[$0] != after[$0] } }
        return HistoryFields.ordered(names).map { FieldChange(field: $0, before: before?[$0] ?? .null, after: after?[$0] ?? .null) }
    }

    /// What the change did to its subject.
    public var action: String {
        switch (before, after) {
        case (nil, _): "added"
        case (_, nil): "removed"
        default: "changed"
        }
    }
}
