import Foundation
import SQLKit
import SynergiaCore

extension SQLStore: KnowledgeRepository {
    public func importKnowledgeDocument(_ new: NewKnowledgeDocument) async throws -> KnowledgeImportOutcome {
        let isPostgres = provider.kind == .postgres
        return try await write { db in
            if let existing = try await Self.knowledgeDocument(db, "content_sha256", new.contentSHA256) {
                return .duplicate(of: existing)
            }
            var meetingID: Int64?
            if let meeting = new.meeting { meetingID = try await Self.meetingID(db, meeting) }
            let id = try await db.insertReturningID(db.insert(into: "kb_documents")
                .columns("kind", "symbol", "title", "date", "year", "status", "language", "source", "content_sha256",
                         "convention", "body", "meeting_id", "paragraph_count", "imported_at")
                .values(SQLBind(new.kind.rawValue), SQLBind(new.symbol), SQLBind(new.title), SQLBind(new.date),
                        SQLBind(new.date.flatMap(CalendarDay.year)), SQLBind(new.status), SQLBind(new.language.rawValue),
                        SQLBind(new.source), SQLBind(new.contentSHA256), SQLBind(new.convention?.uppercased()),
                        SQLBind(new.body?.uppercased()), SQLBind(meetingID), SQLBind(new.paragraphs.count), SQLBind(Timestamp.now())))
            for start in stride(from: 0, to: new.paragraphs.count, by: Self.paragraphBatch) {
                let batch = new.paragraphs[start..<min(start + Self.paragraphBatch, new.paragraphs.count)]
                let rows = batch.enumerated().map { offset, paragraph in
                    Self.paragraphRow(documentID: id, ordinal: start + offset + 1, paragraph,
                                      language: paragraph.language ?? new.language, isPostgres: isPostgres)
                }
                let columns = "document_id, ordinal, label, kind, page, text, language, cjk_bigrams" + (isPostgres ? ", search_vector" : "")
                try await db.raw("INSERT INTO kb_paragraphs (\(unsafeRaw: columns)) VALUES " + rows.joined(separator: ", ")).run()
            }
            guard let stored = try await Self.knowledgeDocument(db, "id", id) else {
                throw DomainError.conflict("the document just stored cannot be read back")
            }
            return .imported(stored)
        }
    }

    /// SQLite: FTS5 merges every segment of the index into one (0.6 s for
    /// 200,000 paragraphs; searches 1–3 ms faster, docs/benchmarks.md).
    /// PostgreSQL: fresh planner statistics; its GIN index needs nothing.
    public func compactKnowledgeIndex() async throws {
        let statement: SQLQueryString = provider.kind == .postgres
            ? "ANALYZE kb_paragraphs" : "INSERT INTO kb_paragraph_fts(kb_paragraph_fts) VALUES ('optimize')"
        try await write { db in try await db.raw(statement).run() }
    }

    public func knowledgeDocument(id: Int64) async throws -> KnowledgeDocument? {
        try await read { db in try await Self.knowledgeDocument(db, "id", id) }
    }

    public func knowledgeDocument(contentSHA256: String) async throws -> KnowledgeDocument? {
        try await read { db in try await Self.knowledgeDocument(db, "content_sha256", contentSHA256) }
    }

    public func knowledgeDocuments() async throws -> [KnowledgeDocument] {
        try await read { db in
            try await db.select().column("*").from("kb_documents").orderBy("id").all().map(Self.knowledgeDocument)
        }
    }

    public func knowledgeParagraphs(documentID: Int64) async throws -> [KnowledgeParagraph] {
        try await read { db in
            try await db.select().columns("id", "document_id", "ordinal", "label", "kind", "page", "text", "language")
                .from("kb_paragraphs").where("document_id", .equal, documentID).orderBy("ordinal").all()
                .map { row in
                    KnowledgeParagraph(id: try row.int64("id"), documentID: try row.int64("document_id"), ordinal: try row.int("ordinal"),
                                       label: try row.optionalString("label"),
                                       kind: ParagraphKind(rawValue: try row.string("kind")) ?? .paragraph,
                                       page: try row.optionalInt("page"), text: try row.string("text"),
                                       language: KnowledgeLanguage(rawValue: try row.string("language")) ?? .en)
                }
        }
    }

    public func meeting(id: Int64) async throws -> Meeting? {
        try await read { db in
            try await db.select().column("*").from("meetings").where("id", .equal, id).first().map { row in
                Meeting(id: try row.int64("id"), convention: try row.string("convention"), body: try row.string("body"),
                        session: try row.optionalInt("session"), place: try row.optionalString("place"),
                        startDate: try row.optionalString("start_date"), endDate: try row.optionalString("end_date"))
            }
        }
    }

    /// Large enough to keep round trips few, small enough for either database's
    /// limit on bound parameters.
    static let paragraphBatch = 200

    /// One `(…)` of the paragraph insert. On PostgreSQL the tsvector is built here,
    /// with the paragraph language's configuration, plus the Chinese character
    /// pairs given positions so phrase queries over them work.
    static func paragraphRow(documentID: Int64, ordinal: Int, _ paragraph: NewParagraph, language: KnowledgeLanguage, isPostgres: Bool) -> SQLQueryString {
        let pairs = CJKText.indexTokens(paragraph.text)
        var row: SQLQueryString = """
            (\(bind: documentID), \(bind: ordinal), \(bind: paragraph.label), \(bind: paragraph.kind.rawValue), \(bind: paragraph.page), \
            \(bind: paragraph.text), \(bind: language.rawValue), \(bind: pairs.joined(separator: " "))
            """
        if isPostgres {
            row += ", to_tsvector(\(literal: PostgresTextSearch.configuration(language))::regconfig, \(bind: paragraph.text)) || \(bind: PostgresTextSearch.vectorLiteral(pairs))::tsvector"
        }
        return row + ")"
    }

    /// Finds the meeting by convention, body and session, or creates it.
    static func meetingID(_ db: any SQLDatabase, _ meeting: Meeting) async throws -> Int64 {
        let convention = meeting.convention.uppercased(), body = meeting.body.uppercased()
        if let session = meeting.session,
           let row = try await db.select().column("id").from("meetings").where("convention", .equal, convention)
            .where("body", .equal, body).where("session", .equal, session).first() {
            return try row.int64("id")
        }
        return try await db.insertReturningID(db.insert(into: "meetings")
            .columns("convention", "body", "session", "place", "start_date", "end_date")
            .values(SQLBind(convention), SQLBind(body), SQLBind(meeting.session), SQLBind(meeting.place),
                    SQLBind(meeting.startDate), SQLBind(meeting.endDate)))
    }

    static func knowledgeDocument(_ db: any SQLDatabase, _ column: String, _ value: some Encodable & Sendable) async throws -> KnowledgeDocument? {
        try await db.select().column("*").from("kb_documents").where(SQLIdentifier(column), .equal, SQLBind(value)).first()
            .map(knowledgeDocument)
    }

    static func knowledgeDocument(_ row: any SQLRow) throws -> KnowledgeDocument {
        KnowledgeDocument(id: try row.int64("id"), kind: DocumentKind(rawValue: try row.string("kind")) ?? .other,
                          symbol: try row.optionalString("symbol"), title: try row.string("title"), date: try row.optionalString("date"),
                          status: try row.optionalString("status"), language: KnowledgeLanguage(rawValue: try row.string("language")) ?? .en,
                          source: try row.optionalString("source"), contentSHA256: try row.string("content_sha256"),
                          convention: try row.optionalString("convention"), body: try row.optionalString("body"),
                          meetingID: try row.decode(column: "meeting_id", as: Int64?.self), paragraphCount: try row.int("paragraph_count"),
                          importedAt: Timestamp.date(try row.string("imported_at")))
    }
}
