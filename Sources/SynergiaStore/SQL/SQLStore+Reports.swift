import Crypto
import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// Creates the report with its prefilled answers, each audited, in one transaction.
    public func createReport(workspaceID: Int64, templateID: String, templateVersion: Int, prefilled: [(change: AnswerChange, provenance: AnswerProvenance)], context: ChangeContext) async throws -> Report {
        let now = Timestamp.string(context.at)
        let rows = try prefilled.map { item in
            (item.change, try JSONCoding.string(item.change.value), try JSONCoding.string(item.provenance))
        }
        let id: Int64 = try await write { db in
            let id = try await db.insertReturningID(db.insert(into: "reports")
                .columns("workspace_id", "template_id", "template_version", "state", "created_at", "updated_at", "version", "snapshots")
                .values(SQLBind(workspaceID), SQLBind(templateID), SQLBind(templateVersion), SQLBind(ReportState.draft.rawValue),
                        SQLBind(now), SQLBind(now), SQLBind(1), SQLBind(0)))
            try await Self.audit(db, reportID: id, key: nil, action: "create", context: context, old: nil, new: nil, note: templateID)
            for (change, value, provenance) in rows {
                try await db.insert(into: "answers")
                    .columns("report_id", "answer_key", "concept_id", "value_json", "to_confirm", "provenance_json", "version", "updated_at")
                    .values(SQLBind(id), SQLBind(change.key.description), SQLBind(change.concept), SQLBind(value), SQLBind(1),
                            SQLBind(provenance), SQLBind(1), SQLBind(now))
                    .run()
                try await Self.audit(db, reportID: id, key: change.key.description, action: "prefill", context: ChangeContext(userID: context.userID, channel: .prefill, at: context.at), old: nil, new: value, note: nil)
            }
            return id
        }
        return try await report(id: id)!
    }

    /// Adds prefilled answers to keys that have none yet, each audited; a key answered meanwhile is skipped.
    public func addPrefilledAnswers(reportID: Int64, _ prefilled: [(change: AnswerChange, provenance: AnswerProvenance)], context: ChangeContext) async throws {
        let now = Timestamp.string(context.at)
        let rows = try prefilled.map { ($0.change, try JSONCoding.string($0.change.value), try JSONCoding.string($0.provenance)) }
        try await write { db in
            for (change, value, provenance) in rows {
                let existing = try await db.select().column("id").from("answers")
                    .where("report_id", .equal, reportID).where("answer_key", .equal, change.key.description).first()
                guard existing == nil else { continue }
                try await db.insert(into: "answers")
                    .columns("report_id", "answer_key", "concept_id", "value_json", "to_confirm", "provenance_json", "version", "updated_at")
                    .values(SQLBind(reportID), SQLBind(change.key.description), SQLBind(change.concept), SQLBind(value), SQLBind(1),
                            SQLBind(provenance), SQLBind(1), SQLBind(now))
                    .run()
                try await Self.audit(db, reportID: reportID, key: change.key.description, action: "prefill", context: context, old: nil, new: value, note: nil)
            }
        }
    }

    public func report(id: Int64) async throws -> Report? {
        try await read { db in
            try await db.select().column("*").from("reports").where("id", .equal, id).first().map(Self.report)
        }
    }

    public func reports(workspaceID: Int64) async throws -> [Report] {
        try await read { db in
            try await db.select().column("*").from("reports").where("workspace_id", .equal, workspaceID).orderBy("id").all().map(Self.report)
        }
    }

    public func reports(templateID: String) async throws -> [Report] {
        try await read { db in
            try await db.select().column("*").from("reports").where("template_id", .equal, templateID).orderBy("id").all().map(Self.report)
        }
    }

    public func answers(reportID: Int64) async throws -> [Answer] {
        try await read { db in
            try await db.select().column("*").from("answers").where("report_id", .equal, reportID).orderBy("answer_key").all().map(Self.answer)
        }
    }

    /// Answers bound to `concept` in every report of the workspace, with their report.
    public func conceptAnswers(workspaceID: Int64, concept: String) async throws -> [(report: Report, answer: Answer)] {
        let reports = Dictionary(uniqueKeysWithValues: try await reports(workspaceID: workspaceID).map { ($0.id, $0) })
        guard !reports.isEmpty else { return [] }
        return try await read { db in
            var result: [(report: Report, answer: Answer)] = []
            for row in try await db.select().column("*").from("answers").where("concept_id", .equal, concept)
                .where("report_id", .in, Array(reports.keys)).orderBy("id").all() {
                if let report = reports[try row.int64("report_id")] { result.append((report, try Self.answer(row))) }
            }
            return result
        }
    }

    /// Applies all changes or none: one stale version refuses the batch with `StaleAnswer`;
    /// a report that is no longer editable refuses it with a conflict. `facts`, the
    /// register's part, is applied in the same transaction (`SQLStore+FactFollowing.swift`).
    public func saveAnswers(reportID: Int64, _ changes: [AnswerChange], facts: FactSaving = FactSaving(), context: ChangeContext) async throws -> [Answer] {
        let encoded = try changes.map { ($0, try JSONCoding.string($0.value)) }
        let now = Timestamp.string(context.at)
        try await write { db in
            // FOR UPDATE (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises)
            // makes two first answers to one item wait for each other: the second is stale, not a duplicate.
            guard let state = try await db.select().column("state").from("reports").where("id", .equal, reportID).for(.update).first() else {
                throw DomainError.notFound("report \(reportID) does not exist")
            }
            try (ReportState(rawValue: try state.string("state")) ?? .draft).checkAllowsEditing()
            // Check every version before writing anything: one stale answer refuses the batch.
            var existing: [AnswerKey: (row: any SQLRow, answer: Answer)] = [:]
            for (change, _) in encoded {
                let row = try await db.select().column("*").from("answers")
                    .where("report_id", .equal, reportID).where("answer_key", .equal, change.key.description).first()
                let answer = try row.map(Self.answer)
                // Version 0 is how an unanswered item is shown: it expects no answer yet.
                let expected = change.expectedVersion == 0 ? nil : change.expectedVersion
                if answer?.version != expected {
                    throw StaleAnswer(key: change.key, expectedVersion: change.expectedVersion, current: answer)
                }
                if let row, let answer { existing[change.key] = (row, answer) }
            }
            for (change, value) in encoded {
                let kind: AnswerProvenance.Kind = change.confirmOnly ? .confirmed : (context.channel == .xlsx ? .imported : .entered)
                let provenance = try JSONCoding.string(AnswerProvenance(kind: kind, channel: context.channel, userID: context.userID, at: context.at, fileSHA256: context.fileSHA256))
                if let (_, old) = existing[change.key] {
                    let newValue = change.confirmOnly ? old.value : change.value
                    let newJSON = try JSONCoding.string(newValue)
                    try await db.update("answers")
                        .set("value_json", to: SQLBind(newJSON)).set("to_confirm", to: SQLBind(0))
                        .set("provenance_json", to: SQLBind(provenance)).set("version", to: SQLBind(old.version + 1))
                        .set("updated_at", to: SQLBind(now))
                        .where("report_id", .equal, reportID).where("answer_key", .equal, change.key.description).run()
                    try await Self.audit(db, reportID: reportID, key: change.key.description, action: change.confirmOnly ? "confirm" : "answer",
                                         context: context, old: try JSONCoding.string(old.value), new: newJSON, note: nil)
                } else {
                    try await db.insert(into: "answers")
                        .columns("report_id", "answer_key", "concept_id", "value_json", "to_confirm", "provenance_json", "version", "updated_at")
                        .values(SQLBind(reportID), SQLBind(change.key.description), SQLBind(change.concept), SQLBind(value), SQLBind(0),
                                SQLBind(provenance), SQLBind(1), SQLBind(now))
                        .run()
                    try await Self.audit(db, reportID: reportID, key: change.key.description, action: "answer", context: context, old: nil, new: value, note: nil)
                }
            }
            try await db.update("reports").set("updated_at", to: SQLBind(now)).where("id", .equal, reportID).run()
            try await Self.saveFacts(db, reportID: reportID, facts, context: context)
        }
        let keys = Set(changes.map(\.key))
        return try await answers(reportID: reportID).filter { keys.contains($0.key) }
    }

    /// Moves the report to `state` if its version is still `expectedVersion`; stores `snapshot` when given.
    public func transition(reportID: Int64, action: String, to state: ReportState, expectedVersion: Int, note: String?, snapshot: Data?, context: ChangeContext) async throws -> Report {
        let now = Timestamp.string(context.at)
        try await write { db in
            guard let row = try await db.select().column("*").from("reports").where("id", .equal, reportID).first() else {
                throw DomainError.notFound("report \(reportID) does not exist")
            }
            let report = try Self.report(row)
            guard report.version == expectedVersion else {
                throw DomainError.stale("the report was changed by someone else (now version \(report.version), your request was based on version \(expectedVersion)); reload it and try again")
            }
            var number = report.snapshots
            if let snapshot {
                number += 1
                try await db.insert(into: "report_snapshots").columns("report_id", "number", "created_at", "content_json")
                    .values(SQLBind(reportID), SQLBind(number), SQLBind(now), SQLBind(String(decoding: snapshot, as: UTF8.self))).run()
            }
            try await db.update("reports")
                .set("state", to: SQLBind(state.rawValue)).set("version", to: SQLBind(report.version + 1))
                .set("snapshots", to: SQLBind(number)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, reportID).run()
            try await Self.audit(db, reportID: reportID, key: nil, action: action, context: context,
                                 old: try JSONCoding.string(AnswerValue.string(report.state.rawValue)),
                                 new: try JSONCoding.string(AnswerValue.string(state.rawValue)), note: note)
        }
        return try await report(id: reportID)!
    }

    public func addComment(reportID: Int64, key: AnswerKey, body: String, requestsChange: Bool, context: ChangeContext) async throws -> ReportComment {
        try ReportComment.checkBody(body)
        let id: Int64 = try await write { db in
            let id = try await db.insertReturningID(db.insert(into: "comments")
                .columns("report_id", "answer_key", "user_id", "body", "requests_change", "at")
                .values(SQLBind(reportID), SQLBind(key.description), SQLBind(context.userID), SQLBind(body), SQLBind(requestsChange ? 1 : 0), SQLBind(Timestamp.string(context.at))))
            try await Self.audit(db, reportID: reportID, key: key.description, action: requestsChange ? "request_change" : "comment", context: context, old: nil, new: nil, note: body)
            return id
        }
        return ReportComment(id: id, reportID: reportID, key: key.description, userID: context.userID, body: body, requestsChange: requestsChange, at: Timestamp.date(Timestamp.string(context.at)))
    }

    public func comments(reportID: Int64) async throws -> [ReportComment] {
        try await read { db in
            try await db.select().column("*").from("comments").where("report_id", .equal, reportID).orderBy("id").all().map { row in
                ReportComment(id: try row.int64("id"), reportID: reportID, key: try row.string("answer_key"),
                              userID: try row.decode(column: "user_id", as: Int64?.self), body: try row.string("body"),
                              requestsChange: try row.int("requests_change") != 0, at: Timestamp.date(try row.string("at")))
            }
        }
    }

    public func audit(reportID: Int64) async throws -> [AuditEntry] {
        try await read { db in
            try await db.select().column("*").from("audit_entries").where("report_id", .equal, reportID).orderBy("id").all().map { row in
                AuditEntry(id: try row.int64("id"), reportID: reportID, key: try row.optionalString("answer_key"),
                           action: try row.string("action"), channel: AnswerChannel(rawValue: try row.string("channel")) ?? .api,
                           userID: try row.decode(column: "user_id", as: Int64?.self),
                           oldValue: try row.optionalString("old_json").map { try JSONCoding.decode(AnswerValue.self, $0) },
                           newValue: try row.optionalString("new_json").map { try JSONCoding.decode(AnswerValue.self, $0) },
                           note: try row.optionalString("note"), at: Timestamp.date(try row.string("at")))
            }
        }
    }

    public func assign(reportID: Int64, section: String, userID: Int64?, context: ChangeContext) async throws {
        try await write { db in
            try await db.delete(from: "section_assignments").where("report_id", .equal, reportID).where("section_id", .equal, section).run()
            if let userID {
                try await db.insert(into: "section_assignments").columns("report_id", "section_id", "user_id")
                    .values(SQLBind(reportID), SQLBind(section), SQLBind(userID)).run()
            }
            try await Self.audit(db, reportID: reportID, key: nil, action: "assign", context: context, old: nil, new: nil,
                                 note: "section \(section) → \(userID.map { "user \($0)" } ?? "nobody")")
        }
    }

    public func assignments(reportID: Int64) async throws -> [String: Int64] {
        try await read { db in
            var result: [String: Int64] = [:]
            for row in try await db.select().columns("section_id", "user_id").from("section_assignments").where("report_id", .equal, reportID).all() {
                result[try row.string("section_id")] = try row.int64("user_id")
            }
            return result
        }
    }

    public func snapshot(reportID: Int64, number: Int) async throws -> Data? {
        try await read { db in
            try await db.select().column("content_json").from("report_snapshots")
                .where("report_id", .equal, reportID).where("number", .equal, number).first()
                .map { Data(try $0.string("content_json").utf8) }
        }
    }

    /// A random secret of this installation, created on first use.
    public func installationSecret(_ name: String) async throws -> Data {
        try await write { db in
            if let row = try await db.select().column("value").from("installation_secrets").where("name", .equal, name).first() {
                return Data(base64Encoded: try row.string("value")) ?? Data()
            }
            let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            try await db.insert(into: "installation_secrets").columns("name", "value")
                .values(SQLBind(name), SQLBind(secret.base64EncodedString())).run()
            return secret
        }
    }

    // MARK: rows

    static func audit(_ db: any SQLDatabase, reportID: Int64, key: String?, action: String, context: ChangeContext, old: String?, new: String?, note: String?) async throws {
        try await db.insert(into: "audit_entries")
            .columns("report_id", "answer_key", "action", "channel", "user_id", "old_json", "new_json", "note", "at")
            .values(SQLBind(reportID), SQLBind(key), SQLBind(action), SQLBind(context.channel.rawValue), SQLBind(context.userID),
                    SQLBind(old), SQLBind(new), SQLBind(note), SQLBind(Timestamp.string(context.at)))
            .run()
    }

    static func report(_ row: any SQLRow) throws -> Report {
        Report(id: try row.int64("id"), workspaceID: try row.int64("workspace_id"), templateID: try row.string("template_id"),
               templateVersion: try row.int("template_version"), state: ReportState(rawValue: try row.string("state")) ?? .draft,
               createdAt: Timestamp.date(try row.string("created_at")), updatedAt: Timestamp.date(try row.string("updated_at")),
               version: try row.int("version"), snapshots: try row.int("snapshots"))
    }

    private static let decodedValues = DecodedTextCache<AnswerValue>()
    private static let decodedProvenances = DecodedTextCache<AnswerProvenance>()

    static func answer(_ row: any SQLRow) throws -> Answer {
        let keyText = try row.string("answer_key")
        guard let key = AnswerKey(keyText) else { throw DomainError.invalid("stored answer key '\(keyText)' is malformed") }
        return Answer(key: key, value: try decodedValues.value(try row.string("value_json")),
                      toConfirm: try row.int("to_confirm") != 0,
                      provenance: try decodedProvenances.value(try row.string("provenance_json")),
                      version: try row.int("version"))
    }
}

/// JSON text for values kept in text columns: stable key order, ISO 8601 dates.
public enum JSONCoding {
    // Foundation's coders may be shared between threads once configured; a page decodes every answer of a report.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }
}

extension SQLStore {
    /// Reports of every workspace in one state (the secretariat's view of submitted reports).
    public func reports(state: ReportState) async throws -> [Report] {
        try await read { db in
            try await db.select().column("*").from("reports").where("state", .equal, state.rawValue).orderBy("id").all().map(Self.report)
        }
    }
}
