import Foundation
import SQLKit
import SynergiaCore

/// A report, its workspace and the person's role in it: what every request on
/// a report needs before anything else. Read in one query (a row per convention
/// of the workspace) rather than four, as each query is a round trip to the database's threads.
public struct ReportAccessRecord: Sendable {
    public var report: Report
    public var workspace: Workspace
    /// Nil when the person is no member of the report's workspace.
    public var role: WorkspaceRole?
}

extension SQLStore {
    public func reportAccess(reportID: Int64, userID: Int64) async throws -> ReportAccessRecord? {
        try await read { db in
            let rows = try await db.raw("""
                SELECT r.*, w.country_code AS ws_country, w.name AS ws_name, w.created_at AS ws_created_at, w.version AS ws_version,
                       m.role AS member_role, c.convention_code AS ws_convention
                FROM reports r
                JOIN workspaces w ON w.id = r.workspace_id
                LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = \(bind: userID)
                LEFT JOIN workspace_conventions c ON c.workspace_id = w.id
                WHERE r.id = \(bind: reportID)
                ORDER BY c.convention_code
                """).all()
            guard let first = rows.first else { return nil }
            let report = try Self.report(first)
            let conventions = try rows.compactMap { try $0.decodeNil(column: "ws_convention") ? nil : try $0.string("ws_convention") }
            let workspace = Workspace(id: report.workspaceID, country: try first.string("ws_country"), name: try first.string("ws_name"),
                                      conventions: conventions, createdAt: Timestamp.date(try first.string("ws_created_at")),
                                      version: try first.int("ws_version"))
            let role = try first.decodeNil(column: "member_role") ? nil : WorkspaceRole(rawValue: try first.string("member_role"))
            return ReportAccessRecord(report: report, workspace: workspace, role: role)
        }
    }
}
