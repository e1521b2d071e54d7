import Foundation

public enum ReportState: String, Sendable, Codable, CaseIterable {
    case draft
    case inReview = "in_review"
    case approved
    case submitted

    /// Answers change (by a person, a workbook or a prefill) only before
    /// approval: in draft or in review. The one statement of the rule.
    public var allowsEditing: Bool { self == .draft || self == .inReview }

    /// Refuses a change to the answers of a report in this state, naming the state and the fix.
    public func checkAllowsEditing() throws(DomainError) {
        guard allowsEditing else {
            throw .conflict("the report is \(rawValue); answers can change only in draft or in review (reopen it first)")
        }
    }
}

/// One report of a workspace, built from one template version.
public struct Report: Sendable, Equatable, Codable {
    public var id: Int64
    public var workspaceID: Int64
    public var templateID: String
    public var templateVersion: Int
    public var state: ReportState
    public var createdAt: Date
    public var updatedAt: Date
    /// Bumped on every state change (not on answers, which carry their own).
    public var version: Int
    /// Number of the latest submitted snapshot, 0 before the first submission.
    public var snapshots: Int

    public init(id: Int64, workspaceID: Int64, templateID: String, templateVersion: Int, state: ReportState, createdAt: Date, updatedAt: Date, version: Int, snapshots: Int) {
        self.id = id
        self.workspaceID = workspaceID
        self.templateID = templateID
        self.templateVersion = templateVersion
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.snapshots = snapshots
    }
}

/// How an answer reached its current value.
public enum AnswerChannel: String, Sendable, Codable {
    case web, api, cli, xlsx, prefill
    /// Changes to targets and series also come from a file, an engine run, or a restore from their history.
    case fileImport = "import", run, restore
}

/// Where an answer's value came from, kept as data (design: provenance).
public struct AnswerProvenance: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case entered, prefilled, imported, confirmed
        /// Carried from a report of an earlier form (`sourceReportID`, `sourceTemplateID`, `sourceTemplateVersion`).
        case migrated
    }

    public enum Origin: String, Sendable, Codable {
        /// The same concept answered in another report of the workspace.
        case report
        /// An indicator series of the workspace (possibly computed by an engine run).
        case series
        /// A national target of the workspace.
        case nationalTarget = "national_target"
        /// The same question in the previous cycle's report.
        case previousCycle = "previous_cycle"
        /// A table of the workspace's latest run of an engine (`sourceRunID`).
        case run
        /// The workspace's register of facts (`sourceReportID`: the report the value was saved in, if any).
        case register
    }

    public var kind: Kind
    public var channel: AnswerChannel
    public var userID: Int64?
    public var at: Date
    public var origin: Origin?
    public var sourceReportID: Int64?
    public var sourceTemplateID: String?
    /// The template version of the source report of a migrated answer.
    public var sourceTemplateVersion: Int?
    /// One indicator code, or several joined by ", " when one answer holds the data of several.
    public var sourceIndicator: String?
    public var sourceRunID: Int64?
    /// The engine of `sourceRunID` when a run's table filled the answer (`land-degradation`).
    public var sourceEngine: String? = nil
    public var sourceTarget: String?
    /// SHA-256 of an imported workbook.
    public var fileSHA256: String?

    public init(kind: Kind, channel: AnswerChannel, userID: Int64? = nil, at: Date, origin: Origin? = nil,
                sourceReportID: Int64? = nil, sourceTemplateID: String? = nil, sourceIndicator: String? = nil,
                sourceRunID: Int64? = nil, sourceTarget: String? = nil, fileSHA256: String? = nil) {
        self.kind = kind
        self.channel = channel
        self.userID = userID
        self.at = at
        self.origin = origin
        self.sourceReportID = sourceReportID
        self.sourceTemplateID = sourceTemplateID
        self.sourceIndicator = sourceIndicator
        self.sourceRunID = sourceRunID
        self.sourceTarget = sourceTarget
        self.fileSHA256 = fileSHA256
    }

    /// The codes of `sourceIndicator`, one per indicator whose series filled the answer.
    public var sourceIndicators: [String] {
        (sourceIndicator ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

public struct Answer: Sendable, Equatable, Codable {
    public var key: AnswerKey
    public var value: AnswerValue
    /// A prefilled value waits for a person to confirm or change it.
    public var toConfirm: Bool
    public var provenance: AnswerProvenance
    public var version: Int

    public init(key: AnswerKey, value: AnswerValue, toConfirm: Bool, provenance: AnswerProvenance, version: Int) {
        self.key = key
        self.value = value
        self.toConfirm = toConfirm
        self.provenance = provenance
        self.version = version
    }
}

public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var reportID: Int64
    public var key: String?
    public var action: String
    public var channel: AnswerChannel
    public var userID: Int64?
    public var oldValue: AnswerValue?
    public var newValue: AnswerValue?
    public var note: String?
    public var at: Date

    public init(id: Int64, reportID: Int64, key: String?, action: String, channel: AnswerChannel, userID: Int64?, oldValue: AnswerValue?, newValue: AnswerValue?, note: String?, at: Date) {
        self.id = id
        self.reportID = reportID
        self.key = key
        self.action = action
        self.channel = channel
        self.userID = userID
        self.oldValue = oldValue
        self.newValue = newValue
        self.note = note
        self.at = at
    }
}

public struct ReportComment: Sendable, Equatable, Codable {
    public var id: Int64
    public var reportID: Int64
    public var key: String
    public var userID: Int64?
    public var body: String
    public var requestsChange: Bool
    public var at: Date

    public init(id: Int64, reportID: Int64, key: String, userID: Int64?, body: String, requestsChange: Bool, at: Date) {
        self.id = id
        self.reportID = reportID
        self.key = key
        self.userID = userID
        self.body = body
        self.requestsChange = requestsChange
        self.at = at
    }
}
