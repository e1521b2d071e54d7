import SQLKit

extension Migrator {
    /// Per workspace, the implementation status of decision paragraphs.
    static let decisionTrackingSchema = Migration(version: 8, name: "decision tracking") { db in
        try await db.create(table: "kb_tracking")
            .column("workspace_id", type: .bigint, .notNull, .references("workspaces", "id", onDelete: .cascade))
            .column("paragraph_id", type: .bigint, .notNull, .references("kb_paragraphs", "id", onDelete: .cascade))
            .column("status", type: .text, .notNull)
            .column("responsible", type: .text, .notNull)
            .column("note", type: .text, .notNull)
            .column("national_targets_json", type: .text, .notNull)
            .column("version", type: .int, .notNull)
            .column("updated_at", type: .text, .notNull)
            .column("updated_by", type: .bigint, .references("users", "id", onDelete: .setNull))
            .primaryKey("workspace_id", "paragraph_id")
            .run()
    }
}

extension Migrator {
    /// The report answers a tracked decision paragraph is cited in.
    static let decisionAnswerLinks = Migration(version: 9, name: "decision tracking: report answers") { db in
        try await db.raw("ALTER TABLE kb_tracking ADD COLUMN report_answers_json TEXT NOT NULL DEFAULT '[]'").run()
    }
}
