import SQLKit

extension Migrator {
    /// Web accounts: sessions kept in the database (a restart or a second
    /// server keeps people signed in), one-time password links, and the
    /// security log that also drives login rate limiting.
    static let accountsSchema = Migration(version: 4, name: "accounts and sessions") { db in
        try await db.alter(table: "users").column("is_secretariat", type: .int, .notNull, .default(0)).run()
        try await db.create(table: "sessions")
            .column("token_sha256", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("last_seen_at", type: .text, .notNull)
            .column("expires_at", type: .text, .notNull)
            .column("address", type: .text)
            .run()
        try await db.create(index: "sessions_user").on("sessions").column("user_id").run()
        try await db.create(table: "password_links")
            .column("token_sha256", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("purpose", type: .text, .notNull)
            .column("created_by", type: .bigint, .references("users", "id", onDelete: .setNull))
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .text, .notNull)
            .column("used_at", type: .text)
            .run()
        try await db.create(table: "security_events")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("at", type: .text, .notNull)
            .column("event", type: .text, .notNull)
            .column("user_id", type: .bigint, .references("users", "id", onDelete: .setNull))
            .column("email", type: .text)
            .column("address", type: .text)
            .column("actor_id", type: .bigint, .references("users", "id", onDelete: .setNull))
            .column("workspace_id", type: .bigint, .references("workspaces", "id", onDelete: .cascade))
            .column("detail", type: .text, .notNull)
            .run()
        try await db.create(index: "security_events_email").on("security_events").column("email").column("at").run()
        try await db.create(index: "security_events_address").on("security_events").column("address").column("at").run()
    }
}
