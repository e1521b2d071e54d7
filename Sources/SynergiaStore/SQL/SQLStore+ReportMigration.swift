import Foundation
import SQLKit
import SynergiaCore

/// One answer a migration carries into the new report.
public struct MigratedAnswerRow: Sendable, Equatable {
    public var key: AnswerKey
    public var concept: String?
    public var value: AnswerValue
    public var toConfirm: Bool
    public var provenance: AnswerProvenance
    /// The key the answer had in the source report.
    public var sourceKey: AnswerKey

    public init(key: AnswerKey, concept: String?, value: AnswerValue, toConfirm: Bool, provenance: AnswerProvenance, sourceKey: AnswerKey) {
        self.key = key
        self.concept = concept
        self.value = value
        self.toConfirm = toConfirm
        self.provenance = provenance
        self.sourceKey = sourceKey
    }
}

extension SQLStore {
    /// Creates the migrated report (a draft of the newer form in the same workspace) with its
    /// answers, in one transaction: the new report's trail records where it and each answer came
    /// from, the source's trail records the new report; the source's answers are left as they are.
    /// - Parameter sourceAnswerVersions: the source's answers as the plan read them; a source
    ///   changed since is refused, so that no answer is carried from a plan that no longer holds.
    public func createMigratedReport(from source: Report, sourceAnswerVersions: [AnswerKey: Int], templateID: String, templateVersion: Int,
                                     answers: [MigratedAnswerRow], context: ChangeContext) async throws -> Report {
        let now = Timestamp.string(context.at)
        let rows = try answers.map { ($0, try JSONCoding.string($0.value), try JSONCoding.string($0.provenance)) }
        let id: Int64 = try await write { db in
            let stored = try await db.select().column("answer_key").column("version").from("answers")
                .where("report_id", .equal, source.id).all()
            var current: [AnswerKey: Int] = [:]
            for row in stored {
                if let key = AnswerKey(try row.string("answer_key")) { current[key] = try row.int("version") }
            }
            guard current == sourceAnswerVersions else {
                throw DomainError.conflict("report \(source.id) changed while its migration was planned; plan it again")
            }
            let id = try await db.insertReturningID(db.insert(into: "reports")
                .columns("workspace_id", "template_id", "template_version", "state", "created_at", "updated_at", "version", "snapshots")
                .values(SQLBind(source.workspaceID), SQLBind(templateID), SQLBind(templateVersion), SQLBind(ReportState.draft.rawValue),
                        SQLBind(now), SQLBind(now), SQLBind(1), SQLBind(0)))
            let origin = "report \(source.id) (\(source.templateID) version \(source.templateVersion))"
            try await Self.audit(db, reportID: id, key: nil, action: "migrate", context: context, old: nil, new: nil,
                                 note: "\(templateID) version \(templateVersion) from \(origin)")
            for (answer, value, provenance) in rows {
                try await db.insert(into: "answers")
                    .columns("report_id", "answer_key", "concept_id", "value_json", "to_confirm", "provenance_json", "version", "updated_at")
                    .values(SQLBind(id), SQLBind(answer.key.description), SQLBind(answer.concept), SQLBind(value), SQLBind(answer.toConfirm ? 1 : 0),
                            SQLBind(provenance), SQLBind(1), SQLBind(now))
                    .run()
                try await Self.audit(db, reportID: id, key: answer.key.description, action: "migrate", context: context, old: nil, new: value,
                                     note: "from \(answer.sourceKey) of report \(source.id)")
            }
            try await Self.audit(db, reportID: source.id, key: nil, action: "migrated", context: context, old: nil, new: nil,
                                 note: "to report \(id) (\(templateID) version \(templateVersion))")
            return id
        }
        return try await report(id: id)!
    }
}
