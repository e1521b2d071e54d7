import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// Records a paragraph's tracking in a workspace. `expectedVersion` is the
    /// version the person saw (0 when the paragraph was not tracked yet); an
    /// older one is refused and nothing changes.
    public func track(_ tracking: DecisionTracking, expectedVersion: Int) async throws -> DecisionTracking {
        for code in tracking.nationalTargets where try await nationalTarget(workspaceID: tracking.workspaceID, code: code) == nil {
            throw DomainError.invalid("national target \(code) does not exist in this workspace", remedy: .chooseNationalTarget)
        }
        for link in tracking.reportAnswers {
            guard let report = try await report(id: link.reportID), report.workspaceID == tracking.workspaceID else {
                throw DomainError.invalid("report \(link.reportID) is not a report of this workspace; cite answers of the workspace's own reports")
            }
        }
        let targets = try JSONCoding.string(tracking.nationalTargets)
        let answers = try JSONCoding.string(tracking.reportAnswers)
        let now = Timestamp.string(Date())
        try await write { db in
            guard try await db.select().column("id").from("kb_paragraphs").where("id", .equal, tracking.paragraphID).first() != nil else {
                throw DomainError.notFound("paragraph \(tracking.paragraphID) does not exist")
            }
            let current = try await db.select().column("version").from("kb_tracking")
                .where("workspace_id", .equal, tracking.workspaceID).where("paragraph_id", .equal, tracking.paragraphID).first()
            let version = try current?.int("version") ?? 0
            guard version == expectedVersion else {
                throw DomainError.stale("the tracking of paragraph \(tracking.paragraphID) was changed by someone else (now version \(version), yours was based on \(expectedVersion)); reload it")
            }
            if current == nil {
                try await db.insert(into: "kb_tracking")
                    .columns("workspace_id", "paragraph_id", "status", "responsible", "note", "national_targets_json", "report_answers_json",
                             "version", "updated_at", "updated_by")
                    .values(SQLBind(tracking.workspaceID), SQLBind(tracking.paragraphID), SQLBind(tracking.status.rawValue), SQLBind(tracking.responsible),
                            SQLBind(tracking.note), SQLBind(targets), SQLBind(answers), SQLBind(1), SQLBind(now), SQLBind(tracking.updatedBy)).run()
            } else {
                try await db.update("kb_tracking").set("status", to: SQLBind(tracking.status.rawValue))
                    .set("responsible", to: SQLBind(tracking.responsible)).set("note", to: SQLBind(tracking.note))
                    .set("national_targets_json", to: SQLBind(targets)).set("report_answers_json", to: SQLBind(answers)).set("version", to: SQLBind(version + 1))
                    .set("updated_at", to: SQLBind(now)).set("updated_by", to: SQLBind(tracking.updatedBy))
                    .where("workspace_id", .equal, tracking.workspaceID).where("paragraph_id", .equal, tracking.paragraphID).run()
            }
        }
        return try await trackings(workspaceID: tracking.workspaceID).first { $0.paragraphID == tracking.paragraphID }!
    }

    public func trackings(workspaceID: Int64) async throws -> [DecisionTracking] {
        let rows = try await read { db in
            try await db.select().column("*").from("kb_tracking").where("workspace_id", .equal, workspaceID).orderBy("paragraph_id").all()
        }
        return try rows.map { row in
            DecisionTracking(workspaceID: try row.int64("workspace_id"), paragraphID: try row.int64("paragraph_id"),
                             status: DecisionTracking.Status(rawValue: try row.string("status")) ?? .notStarted,
                             responsible: try row.string("responsible"), note: try row.string("note"),
                             nationalTargets: try JSONCoding.decode([String].self, try row.string("national_targets_json")),
                             reportAnswers: try JSONCoding.decode([ReportAnswerLink].self, try row.string("report_answers_json")),
                             version: try row.int("version"), updatedAt: Timestamp.date(try row.string("updated_at")),
                             updatedBy: try row.decode(column: "updated_by", as: Int64?.self))
        }
    }

    /// The decision paragraphs each answer of a report (of `workspaceID`) is cited for, by answer key.
    public func decisionCitations(reportID: Int64, workspaceID: Int64) async throws -> [AnswerKey: [DecisionCitation]] {
        let cited = try await trackings(workspaceID: workspaceID).filter { $0.reportAnswers.contains { $0.reportID == reportID } }
        guard !cited.isEmpty else { return [:] }
        let hits = Dictionary(uniqueKeysWithValues: try await knowledgeHits(paragraphIDs: cited.map(\.paragraphID)).map { ($0.paragraphID, $0) })
        var citations: [AnswerKey: [DecisionCitation]] = [:]
        for tracking in cited {
            guard let hit = hits[tracking.paragraphID] else { continue }
            for link in tracking.reportAnswers where link.reportID == reportID {
                citations[link.key, default: []].append(DecisionCitation(paragraphID: hit.paragraphID, documentID: hit.documentID, symbol: hit.symbol,
                                                                         label: hit.label, status: tracking.status, responsible: tracking.responsible))
            }
        }
        return citations
    }
}
