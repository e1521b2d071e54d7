import SQLKit

extension Migrator {
    /// The register of facts: one current value per shared fact of a workspace
    /// (concept, and the entry for a concept inside a repeat group), the history
    /// of its changes, and the answers of a report that stand apart from it
    /// (kept for the report only, or changed since the report was reviewed).
    static let factRegisterSchema = Migration(version: 13, name: "fact register") { db in
        try await db.create(table: "facts")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("workspace_id", type: .bigint, .notNull, .references("workspaces", "id", onDelete: .cascade))
            .column("concept_id", type: .text, .notNull)
            .column("entry_key", type: .text, .notNull)
            .column("value_json", type: .text, .notNull)
            .column("provenance_json", type: .text, .notNull)
            .column("version", type: .int, .notNull)
            .column("updated_at", type: .text, .notNull)
            .run()
        try await db.create(index: "facts_by_workspace_concept_entry").on("facts")
            .column("workspace_id").column("concept_id").column("entry_key").unique().run()
        try await db.create(table: "fact_history")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("fact_id", type: .bigint, .notNull, .references("facts", "id", onDelete: .cascade))
            .column("action", type: .text, .notNull)
            .column("old_json", type: .text)
            .column("new_json", type: .text, .notNull)
            .column("user_id", type: .bigint)
            .column("channel", type: .text, .notNull)
            .column("source_report_id", type: .bigint)
            .column("at", type: .text, .notNull)
            .run()
        try await db.create(index: "fact_history_by_fact").on("fact_history").column("fact_id").run()
        try await db.create(table: "fact_marks")
            .column("report_id", type: .bigint, .notNull, .references("reports", "id", onDelete: .cascade))
            .column("answer_key", type: .text, .notNull)
            .column("concept_id", type: .text, .notNull)
            .column("entry_key", type: .text, .notNull)
            .column("mark", type: .text, .notNull)
            .column("at", type: .text, .notNull)
            .run()
        try await db.create(index: "fact_marks_by_report_key").on("fact_marks").column("report_id").column("answer_key").unique().run()
    }
}
