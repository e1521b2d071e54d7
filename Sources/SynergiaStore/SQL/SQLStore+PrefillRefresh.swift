import Foundation
import SQLKit
import SynergiaCore

/// A newer value for an answer that prefilling gave: `expectedVersion` is the version the
/// answer had when the value was computed, nil for a key with no answer yet.
public struct PrefillRefresh: Sendable {
    public var change: AnswerChange
    public var provenance: AnswerProvenance
    public var expectedVersion: Int?

    public init(change: AnswerChange, provenance: AnswerProvenance, expectedVersion: Int?) {
        self.change = change
        self.provenance = provenance
        self.expectedVersion = expectedVersion
    }
}

extension SQLStore {
    /// Writes the newer values in one transaction, each audited (`refresh` with the old and new
    /// value, `prefill` for a key answered for the first time). An answer that is no longer
    /// prefilled (a person saved or confirmed it) or whose version moved meanwhile is left as it
    /// is, and so is a report that no longer allows edits. Returns the keys written.
    public func refreshPrefilledAnswers(reportID: Int64, _ refreshes: [PrefillRefresh], context: ChangeContext) async throws -> [AnswerKey] {
        let now = Timestamp.string(context.at)
        let rows = try refreshes.map { ($0, try JSONCoding.string($0.change.value), try JSONCoding.string($0.provenance)) }
        return try await write { db in
            guard let state = try await db.select().column("state").from("reports").where("id", .equal, reportID).for(.update).first(),
                  (try? (ReportState(rawValue: try state.string("state")) ?? .draft).checkAllowsEditing()) != nil else { return [] }
            var written: [AnswerKey] = []
            for (refresh, value, provenance) in rows {
                let key = refresh.change.key.description
                let current = try await db.select().column("*").from("answers")
                    .where("report_id", .equal, reportID).where("answer_key", .equal, key).first().map(Self.answer)
                if let current {
                    guard current.provenance.kind == .prefilled, current.version == refresh.expectedVersion else { continue }
                    try await db.update("answers")
                        .set("value_json", to: SQLBind(value)).set("to_confirm", to: SQLBind(1))
                        .set("provenance_json", to: SQLBind(provenance)).set("version", to: SQLBind(current.version + 1))
                        .set("updated_at", to: SQLBind(now))
                        .where("report_id", .equal, reportID).where("answer_key", .equal, key).run()
                    try await Self.audit(db, reportID: reportID, key: key, action: "refresh", context: context,
                                         old: try JSONCoding.string(current.value), new: value, note: context.note)
                } else {
                    guard refresh.expectedVersion == nil else { continue }
                    try await db.insert(into: "answers")
                        .columns("report_id", "answer_key", "concept_id", "value_json", "to_confirm", "provenance_json", "version", "updated_at")
                        .values(SQLBind(reportID), SQLBind(key), SQLBind(refresh.change.concept), SQLBind(value), SQLBind(1),
                                SQLBind(provenance), SQLBind(1), SQLBind(now))
                        .run()
                    try await Self.audit(db, reportID: reportID, key: key, action: "prefill", context: context, old: nil, new: value, note: context.note)
                }
                written.append(refresh.change.key)
            }
            return written
        }
    }
}
