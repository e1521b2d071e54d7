import Foundation
import SQLKit
import SynergiaCore

/// A file to record against an answer, its content already staged on disk.
public struct NewAttachment: Sendable {
    public var key: String
    public var name: String
    public var kind: AttachmentKind
    public var size: Int
    public var sha256: String

    public init(key: String, name: String, kind: AttachmentKind, size: Int, sha256: String) {
        self.key = key; self.name = name; self.kind = kind; self.size = size; self.sha256 = sha256
    }
}

extension SQLStore {
    /// Records the attachment and its audit row in one transaction, refusing a
    /// report that no longer allows edits or an answer with no room left; `place`
    /// moves the staged file under its checksum before the transaction commits,
    /// so a row never names a file that is not there.
    public func addAttachment(reportID: Int64, _ file: NewAttachment, context: ChangeContext,
                              place: @escaping @Sendable () throws -> Void) async throws -> Attachment {
        let now = Timestamp.string(context.at)
        let id: Int64 = try await write { db in
            try await Self.lockEditableReport(db, reportID: reportID)
            let attached = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("attachments")
                .where("report_id", .equal, reportID).where("answer_key", .equal, file.key).first()?.int("n") ?? 0
            try AttachmentRules.checkRoom(key: file.key, attached: attached)
            try await db.insert(into: "attachment_files").columns("sha256", "size", "stored_at")
                .values(SQLBind(file.sha256), SQLBind(file.size), SQLBind(now))
                .ignoringConflicts(with: ["sha256"]).run()
            // Held until commit: a detach of the same content elsewhere waits, so it cannot remove the file placed here.
            _ = try await db.select().column("sha256").from("attachment_files").where("sha256", .equal, file.sha256).for(.update).first()
            let id = try await db.insertReturningID(db.insert(into: "attachments")
                .columns("report_id", "answer_key", "name", "kind", "size", "sha256", "uploaded_by", "uploaded_at")
                .values(SQLBind(reportID), SQLBind(file.key), SQLBind(file.name), SQLBind(file.kind.rawValue), SQLBind(file.size),
                        SQLBind(file.sha256), SQLBind(context.userID), SQLBind(now)))
            try await Self.audit(db, reportID: reportID, key: file.key, action: "attach", context: context, old: nil,
                                 new: try JSONCoding.string(Self.auditValue(name: file.name, kind: file.kind, size: file.size, sha256: file.sha256)),
                                 note: file.name)
            try await db.update("reports").set("updated_at", to: SQLBind(now)).where("id", .equal, reportID).run()
            try place()
            return id
        }
        return try await attachment(reportID: reportID, id: id)!
    }

    /// Removes the attachment and audits it in one transaction; when no answer
    /// carries its content any more, `remove` deletes the file before the commit.
    public func removeAttachment(reportID: Int64, id: Int64, context: ChangeContext,
                                 remove: @escaping @Sendable (_ sha256: String) -> Void) async throws -> Attachment {
        try await write { db in
            try await Self.lockEditableReport(db, reportID: reportID)
            guard let row = try await db.select().column("*").from("attachments")
                .where("id", .equal, id).where("report_id", .equal, reportID).first() else {
                throw DomainError.notFound("report \(reportID) has no attachment \(id); list them with their numbers first")
            }
            let attachment = try Self.attachment(row)
            _ = try await db.select().column("sha256").from("attachment_files").where("sha256", .equal, attachment.sha256).for(.update).first()
            try await db.delete(from: "attachments").where("id", .equal, id).run()
            let remaining = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("attachments")
                .where("sha256", .equal, attachment.sha256).first()?.int("n") ?? 0
            if remaining == 0 {
                try await db.delete(from: "attachment_files").where("sha256", .equal, attachment.sha256).run()
            }
            let now = Timestamp.string(context.at)
            try await Self.audit(db, reportID: reportID, key: attachment.key, action: "detach", context: context,
                                 old: try JSONCoding.string(Self.auditValue(name: attachment.name, kind: attachment.kind, size: attachment.size, sha256: attachment.sha256)),
                                 new: nil, note: attachment.name)
            try await db.update("reports").set("updated_at", to: SQLBind(now)).where("id", .equal, reportID).run()
            if remaining == 0 { remove(attachment.sha256) }
            return attachment
        }
    }

    public func attachments(reportID: Int64) async throws -> [Attachment] {
        try await read { db in
            try await db.select().column("*").from("attachments").where("report_id", .equal, reportID).orderBy("id").all().map(Self.attachment)
        }
    }

    public func attachment(reportID: Int64, id: Int64) async throws -> Attachment? {
        try await read { db in
            try await db.select().column("*").from("attachments").where("id", .equal, id).where("report_id", .equal, reportID).first().map(Self.attachment)
        }
    }

    /// Checksums of every stored file, for checks of the attachments folder.
    public func attachmentFileChecksums() async throws -> [String] {
        try await read { db in
            try await db.select().column("sha256").from("attachment_files").orderBy("sha256").all().map { try $0.string("sha256") }
        }
    }

    /// Locks the report row (PostgreSQL; SQLite's writer is already alone) and refuses a frozen report.
    static func lockEditableReport(_ db: any SQLDatabase, reportID: Int64) async throws {
        guard let state = try await db.select().column("state").from("reports").where("id", .equal, reportID).for(.update).first() else {
            throw DomainError.notFound("report \(reportID) does not exist")
        }
        try (ReportState(rawValue: try state.string("state")) ?? .draft).checkAllowsEditing()
    }

    static func auditValue(name: String, kind: AttachmentKind, size: Int, sha256: String) -> AnswerValue {
        .object(["name": .string(name), "type": .string(kind.mediaType), "size": .number(Double(size)), "sha256": .string(sha256)])
    }

    static func attachment(_ row: any SQLRow) throws -> Attachment {
        let kindText = try row.string("kind")
        guard let kind = AttachmentKind(rawValue: kindText) else { throw DomainError.invalid("stored attachment kind '\(kindText)' is unknown") }
        return Attachment(id: try row.int64("id"), reportID: try row.int64("report_id"), key: try row.string("answer_key"),
                          name: try row.string("name"), kind: kind, size: try row.int("size"), sha256: try row.string("sha256"),
                          uploadedBy: try row.decode(column: "uploaded_by", as: Int64?.self),
                          uploadedAt: Timestamp.date(try row.string("uploaded_at")))
    }
}
