import Foundation
import SynergiaCore

/// Who makes a change and through which channel.
public struct ChangeContext: Sendable, Equatable {
    public var userID: Int64?
    public var channel: AnswerChannel
    public var fileSHA256: String?
    public var at: Date

    public init(userID: Int64?, channel: AnswerChannel, fileSHA256: String? = nil, at: Date = Date()) {
        self.userID = userID
        self.channel = channel
        self.fileSHA256 = fileSHA256
        self.at = at
    }
}

/// A stale save: the answer changed since the version the person saw.
public struct StaleAnswer: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: AnswerKey
    public var expectedVersion: Int?
    public var current: Answer?

    public var description: String {
        "\(key) was changed by someone else (now version \(current?.version ?? 0), your edit was based on version \(expectedVersion ?? 0)); nothing was saved. Current value: \(current.map { String(describing: $0.value) } ?? "none")"
    }
}

/// Reports and everything hanging off them.
public protocol ReportRepository: Sendable {
    /// Creates the report with its prefilled answers, each audited, in one transaction.
    func createReport(workspaceID: Int64, templateID: String, templateVersion: Int, prefilled: [(change: AnswerChange, provenance: AnswerProvenance)], context: ChangeContext) async throws -> Report
    func report(id: Int64) async throws -> Report?
    func reports(workspaceID: Int64) async throws -> [Report]
    func reports(templateID: String) async throws -> [Report]
    func answers(reportID: Int64) async throws -> [Answer]
    /// Answers bound to `concept` in every report of the workspace, with their report.
    func conceptAnswers(workspaceID: Int64, concept: String) async throws -> [(report: Report, answer: Answer)]
    /// Applies all changes or none: one stale version refuses the batch with `StaleAnswer`;
    /// a report that is no longer editable refuses it with a conflict.
    func saveAnswers(reportID: Int64, _ changes: [AnswerChange], context: ChangeContext) async throws -> [Answer]
    /// Moves the report to `state` if its version is still `expectedVersion`; stores `snapshot` when given.
    func transition(reportID: Int64, action: String, to state: ReportState, expectedVersion: Int, note: String?, snapshot: Data?, context: ChangeContext) async throws -> Report
    func addComment(reportID: Int64, key: AnswerKey, body: String, requestsChange: Bool, context: ChangeContext) async throws -> ReportComment
    func comments(reportID: Int64) async throws -> [ReportComment]
    func audit(reportID: Int64) async throws -> [AuditEntry]
    func assign(reportID: Int64, section: String, userID: Int64?, context: ChangeContext) async throws
    func assignments(reportID: Int64) async throws -> [String: Int64]
    func snapshot(reportID: Int64, number: Int) async throws -> Data?
    /// A random secret of this installation, created on first use.
    func installationSecret(_ name: String) async throws -> Data
}
