import Foundation

/// What a country did about one decision paragraph addressed to Parties: its
/// implementation status, who is responsible, a note, and the national targets
/// and report answers that answer it. Kept per workspace; the paragraph itself is shared.
public struct DecisionTracking: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case notStarted = "not_started", inProgress = "in_progress", done, notApplicable = "not_applicable"
    }

    public var workspaceID: Int64
    public var paragraphID: Int64
    public var status: Status
    public var responsible: String
    public var note: String
    public var nationalTargets: [String]
    public var reportAnswers: [ReportAnswerLink]
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: Int64?

    public init(workspaceID: Int64, paragraphID: Int64, status: Status, responsible: String = "", note: String = "",
                nationalTargets: [String] = [], reportAnswers: [ReportAnswerLink] = [], version: Int = 0, updatedAt: Date = Date(), updatedBy: Int64? = nil) {
        self.workspaceID = workspaceID; self.paragraphID = paragraphID; self.status = status; self.responsible = responsible
        self.note = note; self.nationalTargets = nationalTargets; self.reportAnswers = reportAnswers; self.version = version; self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }
}
