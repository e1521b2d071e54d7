import SQLKit

extension Migrator {
    /// Files carried by report answers. The content is stored once per checksum
    /// (`attachment_files`, a row per file on disk) however many answers carry it,
    /// so a file is removed from disk only when its last answer lets it go.
    static let attachmentsSchema = Migration(version: 11, name: "report attachments") { db in
        try await db.create(table: "attachment_files")
            .column("sha256", type: .text, .primaryKey(autoIncrement: false))
            .column("size", type: .bigint, .notNull)
            .column("stored_at", type: .text, .notNull)
            .run()
        try await db.create(table: "attachments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("report_id", type: .bigint, .notNull, .references("reports", "id", onDelete: .cascade))
            .column("answer_key", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("sha256", type: .text, .notNull, .references("attachment_files", "sha256"))
            .column("uploaded_by", type: .bigint, .references("users", "id", onDelete: .setNull))
            .column("uploaded_at", type: .text, .notNull)
            .run()
        try await db.create(index: "attachments_by_report").on("attachments").column("report_id").run()
        try await db.create(index: "attachments_by_file").on("attachments").column("sha256").run()
    }
}
