import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// What a workspace did about decision paragraphs, the one path the decisions
/// page and `synergia kb track` share: the cited report answers must name
/// questions of their reports (`ReportService.checkAnswerLinks`), the national
/// targets must be the workspace's, and a change based on an older version is
/// refused (`SQLStore.track`).
public struct DecisionTrackingService: Sendable {
    public let reports: ReportService

    public init(reports: ReportService) {
        self.reports = reports
    }

    var store: SQLStore { reports.store }

    /// Records the tracking; `expectedVersion` is the version the person saw (0: not tracked yet).
    public func track(_ tracking: DecisionTracking, expectedVersion: Int) async throws -> DecisionTracking {
        try await reports.checkAnswerLinks(tracking.reportAnswers)
        return try await store.track(tracking, expectedVersion: expectedVersion)
    }

    public func tracking(workspaceID: Int64, paragraphID: Int64) async throws -> DecisionTracking? {
        try await store.trackings(workspaceID: workspaceID).first { $0.paragraphID == paragraphID }
    }

    public func trackings(workspaceID: Int64) async throws -> [DecisionTracking] {
        try await store.trackings(workspaceID: workspaceID)
    }

    /// Each tracked paragraph with its document and the start of its text, by paragraph id.
    public func trackedDecisions(workspaceID: Int64) async throws -> [TrackedDecision] {
        let all = try await store.trackings(workspaceID: workspaceID)
        let paragraphs = Dictionary(uniqueKeysWithValues: try await store.knowledgeHits(paragraphIDs: all.map(\.paragraphID)).map { ($0.paragraphID, $0) })
        return all.map { TrackedDecision(tracking: $0, paragraph: paragraphs[$0.paragraphID]) }
    }
}

/// A tracking with the paragraph it is about (nil if the paragraph is gone).
public struct TrackedDecision: Sendable {
    public var tracking: DecisionTracking
    public var paragraph: KnowledgeSearchHit?
}
