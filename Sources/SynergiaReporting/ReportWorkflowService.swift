import Foundation
import SynergiaCore
import SynergiaStore

extension ReportService {
    /// Moves a report along draft → in review → approved → submitted (or back).
    /// Submitting needs a report without validation errors and freezes a snapshot.
    public func transition(reportID: Int64, _ transition: ReportTransition, expectedVersion: Int, reason: String?, actor: ReportActor) async throws -> Report {
        let view = try await view(reportID: reportID)
        try transition.check(from: view.report.state, role: actor.role, reason: reason)
        var snapshot: Data?
        if transition == .submit {
            guard view.evaluation.isSubmittable else {
                let list = view.evaluation.issues.prefix(20).map { "  \($0.key): \($0.message)" }.joined(separator: "\n")
                throw DomainError.invalid("the report cannot be submitted while \(view.evaluation.issues.count) question(s) need attention:\n\(list)")
            }
            var document = ReportDocument(view: view, exportedAt: Date())
            document.report.snapshot = view.report.snapshots + 1
            document.report.state = ReportState.submitted.rawValue
            snapshot = try document.json()
        }
        return try await store.transition(reportID: reportID, action: transition.rawValue, to: transition.to, expectedVersion: expectedVersion,
                                          note: reason, snapshot: snapshot, context: actor.context)
    }

    /// `transition`, then, on the way to review and to submission, the checks
    /// across conventions whose two sides differ: warnings shown with the move,
    /// which happens all the same.
    public func transitionWithChecks(reportID: Int64, _ transition: ReportTransition, expectedVersion: Int, reason: String?, actor: ReportActor,
                                     language: String = "en") async throws -> ReportTransitionResult {
        let report = try await self.transition(reportID: reportID, transition, expectedVersion: expectedVersion, reason: reason, actor: actor)
        guard transition == .submitForReview || transition == .submit else { return ReportTransitionResult(report: report, warnings: []) }
        let warnings = try await crossConventionChecks(for: report, language: language).filter { $0.result == .differs }
        return ReportTransitionResult(report: report, warnings: warnings)
    }

    /// Reviewers and focal points comment on a question; a change request also says so in the audit trail.
    public func comment(reportID: Int64, key: AnswerKey, body: String, requestsChange: Bool, actor: ReportActor) async throws -> ReportComment {
        let view = try await view(reportID: reportID)
        _ = try locate(key, in: view)
        guard let role = actor.role, requestsChange ? role >= .reviewer : role >= .contributor else {
            throw DomainError(.forbidden, requestsChange ? "requesting changes needs the role reviewer or focal point" : "commenting needs the role contributor or higher")
        }
        return try await store.addComment(reportID: reportID, key: key, body: body, requestsChange: requestsChange, context: actor.context)
    }

    /// The focal point assigns a section to a contributor (or clears it with nil).
    public func assign(reportID: Int64, section: String, to userID: Int64?, actor: ReportActor) async throws {
        let view = try await view(reportID: reportID)
        guard actor.role == .focalPoint else {
            throw DomainError(.forbidden, "only the focal point assigns sections")
        }
        guard view.template.allSections.contains(where: { $0.section.id == section }) else {
            throw DomainError.notFound("section '\(section)' is not in \(view.template.id); sections: \(view.template.allSections.map(\.section.id).joined(separator: ", "))")
        }
        if let userID {
            let role = try await store.role(userID: userID, workspaceID: view.report.workspaceID)
            guard let role, role >= .contributor else {
                throw DomainError.invalid("a section can be assigned only to a contributor or focal point of this workspace")
            }
        }
        try await store.assign(reportID: reportID, section: section, userID: userID, context: actor.context)
    }
}

/// A report after a move, with the checks across conventions that warn about it.
/// Encoded as the report's own fields plus `warnings`, so a client reading the
/// report from the answer keeps working.
public struct ReportTransitionResult: Sendable, Encodable {
    public var report: Report
    public var warnings: [CrossCheckOutcome]

    private enum CodingKeys: String, CodingKey { case warnings }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(warnings, forKey: .warnings)
    }
}
