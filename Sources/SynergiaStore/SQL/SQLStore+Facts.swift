import Foundation
import SQLKit
import SynergiaCore

/// The register of facts: reads, the first filling from existing answers, and
/// a value set directly (facts page, API, CLI). What a change does to the
/// reports that ask the fact is in `SQLStore+FactFollowing.swift`.
extension SQLStore {
    public func facts(workspaceID: Int64) async throws -> [Fact] {
        try await read { db in
            try await db.select().column("*").from("facts").where("workspace_id", .equal, workspaceID)
                .orderBy("concept_id").orderBy("entry_key").all().map(Self.fact)
        }
    }

    public func fact(workspaceID: Int64, key: FactKey) async throws -> Fact? {
        try await read { db in try await Self.factRow(db, workspaceID: workspaceID, key: key, locking: false).map(Self.fact) }
    }

    /// Every change of one fact, oldest first.
    public func factHistory(workspaceID: Int64, key: FactKey) async throws -> [FactChange] {
        try await read { db in
            guard let row = try await Self.factRow(db, workspaceID: workspaceID, key: key, locking: false) else { return [] }
            return try await Self.factChanges(db, keys: [try row.int64("id"): key])
        }
    }

    /// Every change of every fact of the workspace, oldest first.
    public func factHistory(workspaceID: Int64) async throws -> [FactChange] {
        try await read { db in
            var keys: [Int64: FactKey] = [:]
            for row in try await db.select().columns("id", "concept_id", "entry_key").from("facts").where("workspace_id", .equal, workspaceID).all() {
                keys[try row.int64("id")] = FactKey(concept: try row.string("concept_id"), entry: try row.string("entry_key"))
            }
            return try await Self.factChanges(db, keys: keys)
        }
    }

    /// The history rows of the facts given (register id → key), with who made each change.
    private static func factChanges(_ db: any SQLDatabase, keys: [Int64: FactKey]) async throws -> [FactChange] {
        guard !keys.isEmpty else { return [] }
        let rows = try await db.select().column("*").from("fact_history").where("fact_id", .in, SQLBind.group(Array(keys.keys))).orderBy("id").all()
        let emails = try await Self.emailsOfAuthors(db, of: rows)
        return try rows.compactMap { row in
            guard let key = keys[try row.int64("fact_id")] else { return nil }
            var change = FactChange(id: try row.int64("id"), key: key, action: FactChange.Action(rawValue: try row.string("action")) ?? .set,
                                    oldValue: try row.optionalString("old_json").map { try JSONCoding.decode(AnswerValue.self, $0) },
                                    newValue: try JSONCoding.decode(AnswerValue.self, try row.string("new_json")),
                                    userID: try row.decode(column: "user_id", as: Int64?.self),
                                    channel: AnswerChannel(rawValue: try row.string("channel")) ?? .api,
                                    sourceReportID: try row.decode(column: "source_report_id", as: Int64?.self),
                                    at: Timestamp.date(try row.string("at")))
            change.user = change.userID.flatMap { emails[$0] }
            return change
        }
    }

    /// The answers of a report that stand apart from the register.
    public func factMarks(reportID: Int64) async throws -> [AnswerKey: FactMark] {
        try await read { db in
            var marks: [AnswerKey: FactMark] = [:]
            for row in try await db.select().columns("answer_key", "mark").from("fact_marks").where("report_id", .equal, reportID).all() {
                if let key = AnswerKey(try row.string("answer_key")), let mark = FactMark(rawValue: try row.string("mark")) { marks[key] = mark }
            }
            return marks
        }
    }

    /// Every answer bound to a concept in the reports of a workspace, with its report and concept.
    public func conceptAnswers(workspaceID: Int64) async throws -> [(report: Report, concept: String, answer: Answer)] {
        let reports = Dictionary(uniqueKeysWithValues: try await reports(workspaceID: workspaceID).map { ($0.id, $0) })
        guard !reports.isEmpty else { return [] }
        return try await read { db in
            var result: [(report: Report, concept: String, answer: Answer)] = []
            for row in try await db.select().column("*").from("answers").where("concept_id", .isNot, SQLLiteral.null)
                .where("report_id", .in, Array(reports.keys)).orderBy("id").all() {
                if let report = reports[try row.int64("report_id")] { result.append((report, try row.string("concept_id"), try Self.answer(row))) }
            }
            return result
        }
    }

    /// Fills the register with facts it does not hold yet (the answers the
    /// caller chose, `FactSeeding`); a fact already there is left as it is.
    /// Returns how many facts were added.
    @discardableResult
    public func seedFacts(workspaceID: Int64, _ seeds: [(key: FactKey, value: AnswerValue, provenance: AnswerProvenance)], at: Date = Date()) async throws -> Int {
        guard !seeds.isEmpty else { return 0 }
        let encoded = try seeds.map { ($0.key, try JSONCoding.string($0.value), try JSONCoding.string($0.provenance), $0.provenance) }
        let now = Timestamp.string(at)
        return try await write { db in
            var added = 0
            for (key, value, provenance, source) in encoded {
                if try await Self.factRow(db, workspaceID: workspaceID, key: key, locking: true) != nil { continue }
                try await db.insert(into: "facts")
                    .columns("workspace_id", "concept_id", "entry_key", "value_json", "provenance_json", "version", "updated_at")
                    .values(SQLBind(workspaceID), SQLBind(key.concept), SQLBind(key.entry), SQLBind(value), SQLBind(provenance), SQLBind(1), SQLBind(now))
                    .ignoringConflicts(with: ["workspace_id", "concept_id", "entry_key"]).run()
                guard let row = try await Self.factRow(db, workspaceID: workspaceID, key: key, locking: false), try row.int("version") == 1,
                      try await db.select().column("id").from("fact_history").where("fact_id", .equal, try row.int64("id")).first() == nil else { continue }
                try await Self.factHistory(db, factID: try row.int64("id"), action: .seeded, old: nil, new: value,
                                           context: ChangeContext(userID: source.userID, channel: source.channel, at: at), sourceReportID: source.sourceReportID)
                added += 1
            }
            return added
        }
    }

    /// Sets a fact to a value (the register version the person saw must be
    /// current) and applies it to every report that asks it, in one transaction.
    public func setFact(_ write: FactWrite, context: ChangeContext) async throws -> Fact {
        try await self.write { db in try await Self.writeFact(db, write, context: context) }
    }

    // MARK: rows

    static func factRow(_ db: any SQLDatabase, workspaceID: Int64, key: FactKey, locking: Bool) async throws -> (any SQLRow)? {
        let query = db.select().column("*").from("facts").where("workspace_id", .equal, workspaceID)
            .where("concept_id", .equal, key.concept).where("entry_key", .equal, key.entry)
        return try await (locking ? query.for(.update) : query).first()
    }

    static func fact(_ row: any SQLRow) throws -> Fact {
        Fact(key: FactKey(concept: try row.string("concept_id"), entry: try row.string("entry_key")),
             value: try JSONCoding.decode(AnswerValue.self, try row.string("value_json")), version: try row.int("version"),
             provenance: try JSONCoding.decode(AnswerProvenance.self, try row.string("provenance_json")))
    }

    static func factHistory(_ db: any SQLDatabase, factID: Int64, action: FactChange.Action, old: String?, new: String,
                            context: ChangeContext, sourceReportID: Int64?) async throws {
        try await db.insert(into: "fact_history")
            .columns("fact_id", "action", "old_json", "new_json", "user_id", "channel", "source_report_id", "at")
            .values(SQLBind(factID), SQLBind(action.rawValue), SQLBind(old), SQLBind(new), SQLBind(context.userID),
                    SQLBind(context.channel.rawValue), SQLBind(sourceReportID), SQLBind(Timestamp.string(context.at)))
            .run()
    }
}
