import SQLKit

extension Migrator {
    /// Engine runs started from the web application run as background jobs;
    /// their progress is kept here so every page (and every server instance)
    /// sees the same state, and a restart can tell which ones it interrupted.
    static let jobsSchema = Migration(version: 5, name: "computation jobs") { db in
        try await db.create(table: "computation_jobs")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("workspace_id", type: .bigint, .notNull, .references("workspaces", "id", onDelete: .cascade))
            .column("engine", type: .text, .notNull)
            .column("state", type: .text, .notNull)
            .column("stage", type: .text, .notNull)
            .column("done", type: .bigint, .notNull)
            .column("total", type: .bigint)
            .column("message", type: .text, .notNull)
            .column("run_id", type: .bigint, .references("computation_runs", "id", onDelete: .setNull))
            .column("folder", type: .text, .notNull)
            .column("created_by", type: .bigint, .references("users", "id", onDelete: .setNull))
            .column("created_at", type: .text, .notNull)
            .column("updated_at", type: .text, .notNull)
            .run()
        try await db.create(index: "computation_jobs_workspace").on("computation_jobs").column("workspace_id").run()
    }
}
