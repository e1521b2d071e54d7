import SQLKit

extension Migrator {
    /// The tables an engine run computed, kept with the run (one JSON document per
    /// table) so a report can be filled from the run without its output folder.
    static let runTablesSchema = Migration(version: 12, name: "run tables") { db in
        try await db.create(table: "run_tables")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("run_id", type: .bigint, .notNull, .references("computation_runs", "id", onDelete: .cascade))
            .column("name", type: .text, .notNull)
            .column("table_json", type: .text, .notNull)
            .run()
        try await db.create(index: "run_tables_by_run_and_name").on("run_tables").column("run_id").column("name").unique().run()
    }
}
