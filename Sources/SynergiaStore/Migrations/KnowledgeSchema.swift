import SQLKit

extension Migrator {
    /// The knowledge base: meetings, their decisions and other documents, and
    /// paragraphs with a full-text index. The index is where the two databases
    /// truly differ: SQLite keeps an FTS5 table over the paragraphs (words with
    /// diacritics folded and English endings stemmed by Porter's algorithm, plus
    /// Chinese character pairs in a second column), and PostgreSQL a tsvector per
    /// paragraph built with its language's text search configuration, under a GIN
    /// index. Porter leaves non-ASCII words (Cyrillic, Arabic, the Chinese pairs) as they are.
    static let knowledgeSchema = Migration(version: 6, name: "knowledge base") { db in
        try await db.create(table: "meetings")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("convention", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("session", type: .int)
            .column("place", type: .text)
            .column("start_date", type: .text)
            .column("end_date", type: .text)
            .run()
        try await db.create(index: "meetings_session").on("meetings").column("convention").column("body").column("session").run()

        try await db.create(table: "kb_documents")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("kind", type: .text, .notNull)
            .column("symbol", type: .text)
            .column("title", type: .text, .notNull)
            .column("date", type: .text)
            .column("year", type: .int)
            .column("status", type: .text)
            .column("language", type: .text, .notNull)
            .column("source", type: .text)
            .column("content_sha256", type: .text, .notNull)
            .column("convention", type: .text)
            .column("body", type: .text)
            .column("meeting_id", type: .bigint, .references("meetings", "id", onDelete: .setNull))
            .column("paragraph_count", type: .int, .notNull)
            .column("imported_at", type: .text, .notNull)
            .run()
        // Unique as well as fast: two imports of the same bytes racing each other cannot both win.
        try await db.create(index: "kb_documents_content_sha256").on("kb_documents").column("content_sha256").unique().run()
        try await db.create(index: "kb_documents_symbol").on("kb_documents").column("symbol").run()

        try await db.create(table: "kb_paragraphs")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("document_id", type: .bigint, .notNull, .references("kb_documents", "id", onDelete: .cascade))
            .column("ordinal", type: .int, .notNull)
            .column("label", type: .text)
            .column("kind", type: .text, .notNull)
            .column("page", type: .int)
            .column("text", type: .text, .notNull)
            .column("language", type: .text, .notNull)
            .column("cjk_bigrams", type: .text, .notNull)
            .run()
        try await db.create(index: "kb_paragraphs_document").on("kb_paragraphs").column("document_id").column("ordinal").run()

        if db.dialect.name == "postgresql" {
            try await db.raw("ALTER TABLE kb_paragraphs ADD COLUMN search_vector tsvector NOT NULL").run()
            try await db.raw("CREATE INDEX kb_paragraphs_search ON kb_paragraphs USING GIN (search_vector)").run()
        } else {
            try await db.raw("""
                CREATE VIRTUAL TABLE kb_paragraph_fts USING fts5(text, cjk_bigrams, content='kb_paragraphs', content_rowid='id',
                    tokenize='porter unicode61 remove_diacritics 2')
                """).run()
            try await db.raw("""
                CREATE TRIGGER kb_paragraphs_fts_insert AFTER INSERT ON kb_paragraphs BEGIN
                    INSERT INTO kb_paragraph_fts(rowid, text, cjk_bigrams) VALUES (new.id, new.text, new.cjk_bigrams);
                END
                """).run()
            try await db.raw("""
                CREATE TRIGGER kb_paragraphs_fts_delete AFTER DELETE ON kb_paragraphs BEGIN
                    INSERT INTO kb_paragraph_fts(kb_paragraph_fts, rowid, text, cjk_bigrams) VALUES ('delete', old.id, old.text, old.cjk_bigrams);
                END
                """).run()
        }
    }
}

extension Migrator {
    /// SQLite connections keep each paragraph's length, document and language in
    /// memory for the search (`CSQLiteSearch`); paragraph ids are reused after a
    /// deletion, so deletions are counted and a changed count reloads that memory.
    static let knowledgeDeletionCounter = Migration(version: 10, name: "knowledge base: paragraph deletion counter") { db in
        guard db.dialect.name != "postgresql" else { return }
        try await db.raw("CREATE TABLE kb_paragraph_changes (deletions INTEGER NOT NULL)").run()
        try await db.raw("INSERT INTO kb_paragraph_changes (deletions) VALUES (0)").run()
        try await db.raw("""
            CREATE TRIGGER kb_paragraphs_count_deletion AFTER DELETE ON kb_paragraphs BEGIN
                UPDATE kb_paragraph_changes SET deletions = deletions + 1;
            END
            """).run()
    }
}
