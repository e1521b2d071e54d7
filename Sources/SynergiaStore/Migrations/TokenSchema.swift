import SQLKit

extension Migrator {
    static let tokenSchema = Migration(version: 3, name: "API tokens") { db in
        try await db.create(table: "api_tokens")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("token_sha256", type: .text, .notNull, .unique)
            .column("label", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .run()
    }
}
