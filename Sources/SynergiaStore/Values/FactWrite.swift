import SynergiaCore

/// A new value of the register and the other reports that ask the fact,
/// applied in one transaction (`SQLStore.setFact`, or with a report's answers in `saveAnswers`).
public struct FactWrite: Sendable, Equatable {
    public var workspaceID: Int64
    public var key: FactKey
    public var value: AnswerValue
    /// The register version the person saw (0: not in the register yet); nil
    /// when the value comes with a report's answer, whose own version is checked.
    public var expectedVersion: Int?
    /// The report the value was saved in, and its answer, when it came from one.
    public var source: (reportID: Int64, templateID: String, key: AnswerKey)?
    /// Every other report of the workspace whose template asks the fact, with the answer that holds it.
    public var followers: [FactFollower]

    public init(workspaceID: Int64, key: FactKey, value: AnswerValue, expectedVersion: Int?,
                source: (reportID: Int64, templateID: String, key: AnswerKey)? = nil, followers: [FactFollower]) {
        self.workspaceID = workspaceID
        self.key = key
        self.value = value
        self.expectedVersion = expectedVersion
        self.source = source
        self.followers = followers
    }

    public static func == (lhs: FactWrite, rhs: FactWrite) -> Bool {
        lhs.workspaceID == rhs.workspaceID && lhs.key == rhs.key && lhs.value == rhs.value && lhs.expectedVersion == rhs.expectedVersion
            && lhs.source?.reportID == rhs.source?.reportID && lhs.source?.key == rhs.source?.key && lhs.followers == rhs.followers
    }
}

/// A report that asks a fact, and the answer of that report that holds it.
public struct FactFollower: Sendable, Equatable {
    public var reportID: Int64
    public var key: AnswerKey

    public init(reportID: Int64, key: AnswerKey) {
        self.reportID = reportID
        self.key = key
    }
}

/// The register's part of a save of answers: the facts it changes, and the
/// answers kept for the saving report only.
public struct FactSaving: Sendable, Equatable {
    public var writes: [FactWrite]
    public var keptLocal: [AnswerKey: FactKey]

    public init(writes: [FactWrite] = [], keptLocal: [AnswerKey: FactKey] = [:]) {
        self.writes = writes
        self.keptLocal = keptLocal
    }
}
