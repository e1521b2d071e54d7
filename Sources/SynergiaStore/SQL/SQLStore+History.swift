import Foundation
import SQLKit
import SynergiaCore

/// The history of national targets, their alignments and series values: each
/// change kept in the transaction that makes it, read back per target or per
/// series, and written back by a restore that is itself a new change.
extension SQLStore {
    /// Keeps one change inside the caller's transaction.
    static func keepChange(_ db: any SQLDatabase, workspaceID: Int64, subject: ChangeSubject, key: String, scope: String,
                           before: [String: HistoryValue]?, after: [String: HistoryValue]?, context: ChangeContext) async throws {
        try await db.insert(into: "change_history")
            .columns("workspace_id", "entity_kind", "entity_key", "scope", "user_id", "channel", "at", "before_json", "after_json", "note")
            .values(SQLBind(workspaceID), SQLBind(subject.rawValue), SQLBind(key), SQLBind(scope), SQLBind(context.userID),
                    SQLBind(context.channel.rawValue), SQLBind(Timestamp.string(context.at)),
                    SQLBind(try before.map(JSONCoding.string)), SQLBind(try after.map(JSONCoding.string)), SQLBind(context.note))
            .run()
    }

    /// Keeps the changes between two states of a target: its fields in one row, each alignment in a row of its own.
    static func keepTargetChanges(_ db: any SQLDatabase, from old: NationalTarget?, to new: NationalTarget, context: ChangeContext) async throws {
        let after = HistoryFields.target(new)
        if let old {
            if let changed = HistoryFields.difference(HistoryFields.target(old), after) {
                try await keepChange(db, workspaceID: new.workspaceID, subject: .nationalTarget, key: new.code, scope: new.code,
                                     before: changed.before, after: changed.after, context: context)
            }
        } else {
            try await keepChange(db, workspaceID: new.workspaceID, subject: .nationalTarget, key: new.code, scope: new.code,
                                 before: nil, after: after, context: context)
        }
        for change in HistoryFields.alignmentChanges(from: old?.alignments ?? [], to: new.alignments) {
            try await keepChange(db, workspaceID: new.workspaceID, subject: .alignment,
                                 key: HistoryFields.alignmentKey(target: new.code, globalTarget: change.globalTarget), scope: new.code,
                                 before: HistoryFields.alignment(change.before), after: HistoryFields.alignment(change.after), context: context)
        }
    }

    /// A national target's changes and its alignments', oldest first.
    public func targetHistory(workspaceID: Int64, code: String) async throws -> [ChangeRecord] {
        try await changes(workspaceID: workspaceID) { $0.where("scope", .equal, Code.canonical(code)) }
    }

    /// The changes of one indicator's values, oldest first: one disaggregation's
    /// (empty for the whole country), or every disaggregation's when nil.
    public func seriesHistory(workspaceID: Int64, indicator: String, disaggregation: String?) async throws -> [ChangeRecord] {
        let indicator = Code.canonical(indicator)
        if let disaggregation {
            return try await changes(workspaceID: workspaceID) { $0.where("scope", .equal, "\(indicator)|\(disaggregation)") }
        }
        return try await changes(workspaceID: workspaceID) { $0.where("entity_kind", .equal, ChangeSubject.observation.rawValue) }
            .filter { $0.key.hasPrefix(indicator + "|") }
    }

    /// One change of the workspace's history; nil for a change of another workspace.
    public func change(id: Int64, workspaceID: Int64) async throws -> ChangeRecord? {
        try await changes(workspaceID: workspaceID) { $0.where("id", .equal, id) }.first
    }

    private func changes(workspaceID: Int64, _ filter: @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [ChangeRecord] {
        try await read { db in
            let rows = try await filter(db.select().column("*").from("change_history").where("workspace_id", .equal, workspaceID))
                .orderBy("id").all()
            let emails = try await Self.emailsOfAuthors(db, of: rows)
            return try rows.map { row in
                let userID = try row.decode(column: "user_id", as: Int64?.self)
                return ChangeRecord(
                    id: try row.int64("id"), workspaceID: workspaceID,
                    subject: ChangeSubject(rawValue: try row.string("entity_kind")) ?? .nationalTarget, key: try row.string("entity_key"),
                    userID: userID, user: userID.flatMap { emails[$0] }, channel: try row.string("channel"),
                    at: Timestamp.date(try row.string("at")),
                    before: try row.optionalString("before_json").map { try JSONCoding.decode([String: HistoryValue].self, $0) },
                    after: try row.optionalString("after_json").map { try JSONCoding.decode([String: HistoryValue].self, $0) },
                    note: try row.optionalString("note"))
            }
        }
    }
}

extension SQLStore {
    /// A target as stored, read inside the caller's transaction.
    static func nationalTarget(_ db: any SQLDatabase, id: Int64) async throws -> NationalTarget {
        guard let row = try await db.select().column("*").from("national_targets").where("id", .equal, id).first() else {
            throw DomainError.notFound("national target \(id) does not exist")
        }
        return try await nationalTarget(db, row)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
