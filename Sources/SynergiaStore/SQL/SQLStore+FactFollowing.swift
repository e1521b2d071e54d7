import Foundation
import SQLKit
import SynergiaCore

/// What a change of the register does to the reports that ask the fact
/// (`FactFollowing`): a draft takes the value, a report in review or approved
/// gets the notice "changed since you reviewed", a submitted report and a value
/// kept for one report are passed by. Everything runs in the caller's transaction.
extension SQLStore {
    /// Takes the register's value into a report whose answer shows the notice, if
    /// the register is still at `factVersion` (the version the notice showed).
    public func acceptFact(reportID: Int64, key: AnswerKey, fact factKey: FactKey, workspaceID: Int64, factVersion: Int, context: ChangeContext) async throws -> Answer {
        try await write { db in
            try await Self.lockEditableReport(db, reportID: reportID)
            guard try await Self.mark(db, reportID: reportID, key: key) == .changed else {
                throw DomainError.conflict("\(key) of report \(reportID) has no change of the fact register waiting; reload the report")
            }
            guard let row = try await Self.factRow(db, workspaceID: workspaceID, key: factKey, locking: true) else {
                throw DomainError.notFound("fact \(factKey) is not in the register of this workspace")
            }
            let fact = try Self.fact(row)
            guard fact.version == factVersion else {
                throw DomainError.stale("fact \(factKey) changed again in the register (now version \(fact.version), the notice showed version \(factVersion)); nothing was saved; reload the report to see the new value")
            }
            try await Self.putAnswer(db, reportID: reportID, key: key, concept: factKey.concept, value: fact.value,
                                     provenance: AnswerProvenance(kind: .entered, channel: context.channel, userID: context.userID, at: context.at,
                                                                  origin: .register, sourceReportID: fact.provenance.sourceReportID,
                                                                  sourceTemplateID: fact.provenance.sourceTemplateID),
                                     action: "fact_accept", note: "accepted the fact register's value (version \(fact.version))", context: context)
            try await Self.removeMark(db, reportID: reportID, key: key)
        }
        return try await answers(reportID: reportID).first { $0.key == key }!
    }

    /// Keeps a report's own value for a fact: register changes pass it by from now on.
    public func keepFactLocal(reportID: Int64, key: AnswerKey, fact factKey: FactKey, context: ChangeContext) async throws {
        try await write { db in
            guard let row = try await db.select().column("state").from("reports").where("id", .equal, reportID).for(.update).first() else {
                throw DomainError.notFound("report \(reportID) does not exist")
            }
            if try row.string("state") == ReportState.submitted.rawValue {
                throw DomainError.conflict("the report is submitted; a submitted report and its snapshots never change")
            }
            try await Self.setMark(db, reportID: reportID, key: key, fact: factKey, mark: .local, at: context.at)
            try await Self.audit(db, reportID: reportID, key: key.description, action: "fact_keep", context: context, old: nil, new: nil,
                                 note: "kept this report's value of \(factKey); the fact register no longer changes it")
        }
    }

    // MARK: inside a transaction

    /// The register's part of `saveAnswers`: marks answers kept local, writes the facts and lets the other reports follow.
    static func saveFacts(_ db: any SQLDatabase, reportID: Int64, _ saving: FactSaving, context: ChangeContext) async throws {
        for (key, fact) in saving.keptLocal.sorted(by: { $0.key < $1.key }) {
            try await setMark(db, reportID: reportID, key: key, fact: fact, mark: .local, at: context.at)
        }
        for write in saving.writes {
            if let source = write.source { try await removeMark(db, reportID: source.reportID, key: source.key) }
            _ = try await writeFact(db, write, context: context)
        }
    }

    static func writeFact(_ db: any SQLDatabase, _ write: FactWrite, context: ChangeContext) async throws -> Fact {
        let existing = try await factRow(db, workspaceID: write.workspaceID, key: write.key, locking: true)
        let current = try existing.map(fact)
        if let expected = write.expectedVersion, (current?.version ?? 0) != expected {
            throw DomainError.stale("fact \(write.key) was changed by someone else (now version \(current?.version ?? 0), your change was based on version \(expected)); nothing was saved. Current value: \(current.map { (try? JSONCoding.string($0.value)) ?? "" } ?? "none")")
        }
        let provenance = AnswerProvenance(kind: .entered, channel: context.channel, userID: context.userID, at: context.at,
                                          origin: write.source == nil ? .register : .report,
                                          sourceReportID: write.source?.reportID, sourceTemplateID: write.source?.templateID)
        let valueJSON = try JSONCoding.string(write.value)
        let now = Timestamp.string(context.at)
        if let existing, let current {
            if current.value != write.value {
                try await db.update("facts").set("value_json", to: SQLBind(valueJSON))
                    .set("provenance_json", to: SQLBind(try JSONCoding.string(provenance)))
                    .set("version", to: SQLBind(current.version + 1)).set("updated_at", to: SQLBind(now))
                    .where("id", .equal, try existing.int64("id")).run()
                try await factHistory(db, factID: try existing.int64("id"), action: .set, old: try JSONCoding.string(current.value), new: valueJSON,
                                      context: context, sourceReportID: write.source?.reportID)
            }
        } else {
            let id = try await db.insertReturningID(db.insert(into: "facts")
                .columns("workspace_id", "concept_id", "entry_key", "value_json", "provenance_json", "version", "updated_at")
                .values(SQLBind(write.workspaceID), SQLBind(write.key.concept), SQLBind(write.key.entry), SQLBind(valueJSON),
                        SQLBind(try JSONCoding.string(provenance)), SQLBind(1), SQLBind(now)))
            try await factHistory(db, factID: id, action: .set, old: nil, new: valueJSON, context: context, sourceReportID: write.source?.reportID)
        }
        let origin = write.source.map { "saved in report \($0.reportID) (\($0.templateID))" } ?? "set in the register"
        for follower in write.followers where follower.reportID != write.source?.reportID {
            try await follow(db, follower, fact: write.key, value: write.value, provenance: provenance, origin: origin, context: context)
        }
        guard let row = try await factRow(db, workspaceID: write.workspaceID, key: write.key, locking: false) else {
            throw DomainError.notFound("fact \(write.key) is not in the register")
        }
        return try fact(row)
    }

    private static func follow(_ db: any SQLDatabase, _ follower: FactFollower, fact: FactKey, value: AnswerValue, provenance: AnswerProvenance,
                               origin: String, context: ChangeContext) async throws {
        guard let reportRow = try await db.select().column("state").from("reports").where("id", .equal, follower.reportID).for(.update).first(),
              let state = ReportState(rawValue: try reportRow.string("state")) else { return }
        let mark = try await mark(db, reportID: follower.reportID, key: follower.key)
        let answerRow = try await db.select().column("value_json").from("answers")
            .where("report_id", .equal, follower.reportID).where("answer_key", .equal, follower.key.description).first()
        let current = try answerRow.map { try JSONCoding.decode(AnswerValue.self, try $0.string("value_json")) }
        switch FactFollowing(state: state, mark: mark) {
        case .unchanged:
            return
        case _ where current == value:
            if mark == .changed { try await removeMark(db, reportID: follower.reportID, key: follower.key) }
        case .takesValue:
            var taken = provenance
            taken.origin = .register
            try await putAnswer(db, reportID: follower.reportID, key: follower.key, concept: fact.concept, value: value, provenance: taken,
                                action: "fact", note: "from the fact register: \(fact), \(origin)", context: context)
            if mark == .changed { try await removeMark(db, reportID: follower.reportID, key: follower.key) }
        case .notice:
            try await setMark(db, reportID: follower.reportID, key: follower.key, fact: fact, mark: .changed, at: context.at)
            try await audit(db, reportID: follower.reportID, key: follower.key.description, action: "fact_changed", context: context,
                            old: try current.map(JSONCoding.string), new: try JSONCoding.string(value),
                            note: "the fact register changed \(fact) (\(origin)) after this report went to review; accept or keep")
        }
    }

    /// Writes an answer (a new one, or the next version of the existing one) with its audit row.
    private static func putAnswer(_ db: any SQLDatabase, reportID: Int64, key: AnswerKey, concept: String, value: AnswerValue,
                                  provenance: AnswerProvenance, action: String, note: String, context: ChangeContext) async throws {
        let valueJSON = try JSONCoding.string(value)
        let provenanceJSON = try JSONCoding.string(provenance)
        let now = Timestamp.string(context.at)
        let row = try await db.select().column("*").from("answers")
            .where("report_id", .equal, reportID).where("answer_key", .equal, key.description).first()
        if let row {
            let old = try answer(row)
            try await db.update("answers").set("value_json", to: SQLBind(valueJSON)).set("to_confirm", to: SQLBind(0))
                .set("provenance_json", to: SQLBind(provenanceJSON)).set("version", to: SQLBind(old.version + 1))
                .set("updated_at", to: SQLBind(now))
                .where("report_id", .equal, reportID).where("answer_key", .equal, key.description).run()
            try await audit(db, reportID: reportID, key: key.description, action: action, context: context,
                            old: try JSONCoding.string(old.value), new: valueJSON, note: note)
        } else {
            try await db.insert(into: "answers")
                .columns("report_id", "answer_key", "concept_id", "value_json", "to_confirm", "provenance_json", "version", "updated_at")
                .values(SQLBind(reportID), SQLBind(key.description), SQLBind(concept), SQLBind(valueJSON), SQLBind(0),
                        SQLBind(provenanceJSON), SQLBind(1), SQLBind(now))
                .run()
            try await audit(db, reportID: reportID, key: key.description, action: action, context: context, old: nil, new: valueJSON, note: note)
        }
        try await db.update("reports").set("updated_at", to: SQLBind(now)).where("id", .equal, reportID).run()
    }

    static func mark(_ db: any SQLDatabase, reportID: Int64, key: AnswerKey) async throws -> FactMark? {
        try await db.select().column("mark").from("fact_marks").where("report_id", .equal, reportID)
            .where("answer_key", .equal, key.description).first().flatMap { FactMark(rawValue: try $0.string("mark")) }
    }

    static func setMark(_ db: any SQLDatabase, reportID: Int64, key: AnswerKey, fact: FactKey, mark: FactMark, at: Date) async throws {
        try await removeMark(db, reportID: reportID, key: key)
        try await db.insert(into: "fact_marks").columns("report_id", "answer_key", "concept_id", "entry_key", "mark", "at")
            .values(SQLBind(reportID), SQLBind(key.description), SQLBind(fact.concept), SQLBind(fact.entry), SQLBind(mark.rawValue),
                    SQLBind(Timestamp.string(at)))
            .run()
    }

    static func removeMark(_ db: any SQLDatabase, reportID: Int64, key: AnswerKey) async throws {
        try await db.delete(from: "fact_marks").where("report_id", .equal, reportID).where("answer_key", .equal, key.description).run()
    }
}
