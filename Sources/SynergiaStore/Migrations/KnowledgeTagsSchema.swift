import SQLKit

extension Migrator {
    /// Tags of knowledge-base paragraphs: one row per paragraph and term. A tag
    /// given by hand is never replaced by a suggestion.
    static let knowledgeTagsSchema = Migration(version: 7, name: "knowledge base tags") { db in
        try await db.create(table: "kb_paragraph_tags")
            .column("paragraph_id", type: .bigint, .notNull, .references("kb_paragraphs", "id", onDelete: .cascade))
            .column("term", type: .text, .notNull)
            .column("source", type: .text, .notNull)
            .column("reason", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .primaryKey("paragraph_id", "term")
            .run()
        try await db.create(index: "kb_paragraph_tags_term").on("kb_paragraph_tags").column("term").run()
    }
}
