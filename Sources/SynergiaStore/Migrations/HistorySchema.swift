import SQLKit

extension Migrator {
    /// Every change to a national target, an alignment or a series value, kept
    /// with who made it, when, through which channel, and the values before and
    /// after (JSON; `before_json` empty for something added, `after_json` for
    /// something removed). `scope` groups a subject's rows: a target's code for
    /// the target and its alignments, `indicator|disaggregation` for a series.
    static let changeHistorySchema = Migration(version: 15, name: "change history") { db in
        try await db.create(table: "change_history")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("workspace_id", type: .bigint, .notNull, .references("workspaces", "id", onDelete: .cascade))
            .column("entity_kind", type: .text, .notNull)
            .column("entity_key", type: .text, .notNull)
            .column("scope", type: .text, .notNull)
            .column("user_id", type: .bigint, .references("users", "id", onDelete: .setNull))
            .column("channel", type: .text, .notNull)
            .column("at", type: .text, .notNull)
            .column("before_json", type: .text)
            .column("after_json", type: .text)
            .column("note", type: .text)
            .run()
        try await db.create(index: "change_history_by_scope").on("change_history").column("workspace_id").column("scope").run()
        try await db.create(index: "change_history_by_key").on("change_history").column("workspace_id").column("entity_key").run()
    }
}
