import Foundation
import SQLKit
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// The SQLite search functions keep each paragraph's length, document and
/// language in memory; these tests hold them, and kb_match_counts, to what the
/// database says: FTS5's own bm25() and the paragraph rows, also after
/// deletions reuse ids and inside a transaction that is rolled back.
@Suite struct SQLiteSearchFunctionTests {
    static let words = ["restoration", "land", "degradation", "wetlands", "parties", "targets", "species", "invasive", "finance", "report"]
    static let chinese = ["土地退化", "湿地", "恢复", "缔约方"]

    /// Paragraphs of 3 to 40 words drawn from a small vocabulary, so every word
    /// matches many paragraphs of many lengths.
    func documents(_ count: Int, seed: UInt64, language: KnowledgeLanguage = .en, prefix: String = "D", words: [String] = Self.words) -> [NewKnowledgeDocument] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let paragraphs = (0..<random.int(5...20)).map { _ -> NewParagraph in
                let text = language == .zh
                    ? (0..<random.int(2...12)).map { _ in Self.chinese[random.int(0...Self.chinese.count - 1)] }.joined(separator: "，")
                    : (0..<random.int(3...40)).map { _ in words[random.int(0...words.count - 1)] }.joined(separator: " ")
                return NewParagraph(text: text, language: random.chance(0.2) ? .fr : nil)
            }
            let symbol = "\(prefix)/\(index)"
            return NewKnowledgeDocument(kind: .decision, symbol: symbol, title: symbol, date: "2022-12-19", language: language,
                                        contentSHA256: "\(symbol)-\(seed)", convention: index % 2 == 0 ? "CBD" : "UNCCD", body: "COP",
                                        meeting: Meeting(convention: "CBD", body: "COP", session: 15), paragraphs: paragraphs)
        }
    }

    func importAll(_ store: SQLStore, _ documents: [NewKnowledgeDocument]) async throws -> [Int64] {
        var ids: [Int64] = []
        for document in documents {
            guard case .imported(let stored) = try await store.importKnowledgeDocument(document) else { throw DomainError.conflict("not imported") }
            ids.append(stored.id)
        }
        return ids
    }

    /// Rows where a function disagrees with bm25() or the paragraph row, for
    /// `match`; the number of matches checked is returned beside them.
    static func disagreements(_ db: any SQLDatabase, _ match: String) async throws -> (checked: Int, wrong: [String]) {
        let rows = try await db.raw("""
            SELECT f.rowid AS id, bm25(kb_paragraph_fts) AS bm25, kb_rank(kb_paragraph_fts) AS ours, \
            kb_document(kb_paragraph_fts) AS document, kb_language(kb_paragraph_fts) AS language, kb_facet_key(kb_paragraph_fts) AS facet_key, \
            p.document_id AS row_document, p.language AS row_language \
            FROM kb_paragraph_fts AS f JOIN kb_paragraphs p ON p.id = f.rowid WHERE kb_paragraph_fts MATCH \(bind: match)
            """).all()
        var wrong: [String] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let bm25 = try row.decode(column: "bm25", as: Double.self), ours = try row.decode(column: "ours", as: Double.self)
            let document = try row.decode(column: "row_document", as: Int64.self), language = try row.decode(column: "row_language", as: String.self)
            let letters = Array(language.utf8).map(Int64.init)
            if abs(bm25 - ours) > 1e-12 * abs(bm25) { wrong.append("\(id): score \(ours) ≠ bm25 \(bm25)") }
            if try row.decode(column: "document", as: Int64.self) != document { wrong.append("\(id): document") }
            if try row.decode(column: "language", as: String.self) != language { wrong.append("\(id): language") }
            if try row.decode(column: "facet_key", as: Int64.self) != document * 65536 + letters[0] * 256 + letters[1] { wrong.append("\(id): facet key") }
        }
        // kb_match_counts against the same counts grouped from the rows.
        let counted = try await db.raw("SELECT facet_key, n FROM kb_match_counts(\(bind: match)) ORDER BY facet_key").all()
        let grouped = try await db.raw("""
            SELECT p.document_id * 65536 + unicode(substr(p.language, 1, 1)) * 256 + unicode(substr(p.language, 2, 1)) AS facet_key, COUNT(*) AS n \
            FROM kb_paragraph_fts AS f JOIN kb_paragraphs p ON p.id = f.rowid WHERE kb_paragraph_fts MATCH \(bind: match) GROUP BY 1 ORDER BY 1
            """).all()
        func pairs(_ rows: [any SQLRow]) throws -> [[Int64]] {
            try rows.map { [try $0.decode(column: "facet_key", as: Int64.self), try $0.decode(column: "n", as: Int64.self)] }
        }
        if try pairs(counted) != pairs(grouped) { wrong.append("kb_match_counts: \(try pairs(counted).prefix(3)) ≠ \(try pairs(grouped).prefix(3))") }
        return (rows.count, wrong)
    }

    static let matches = ["text : \"restoration\"", "text : \"land degradation\"", "text : \"finance\" AND text : \"report\""]
    static let chineseMatch = "cjk_bigrams : \"湿地\""

    /// Checks every query on as many connections as the pool opens, so each
    /// connection's memory is loaded (or reloaded) and compared.
    func expectAgreement(_ store: SQLStore, minimumMatches: Int, matches: [String] = Self.matches) async throws {
        try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for _ in 0..<6 {
                for match in matches {
                    group.addTask { try await store.provider.withDatabase { db in try await Self.disagreements(db, match) } }
                }
            }
            for try await (checked, wrong) in group {
                #expect(checked >= minimumMatches)
                #expect(wrong.isEmpty, "\(wrong.prefix(5))")
            }
        }
    }

    @Test func theSearchFunctionsAgreeWithBm25AndTheParagraphRows() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            _ = try await importAll(store, documents(30, seed: 1) + documents(10, seed: 2, language: .zh, prefix: "Z"))
            try await expectAgreement(store, minimumMatches: 20, matches: Self.matches + [Self.chineseMatch])
            // The page ranks as bm25() ranks.
            let results = try await store.searchKnowledge(try KnowledgeSearchRequest(query: try SearchQuery.parse("restoration"), limit: 10))
            let expected = try await store.provider.withDatabase { db in
                try await db.raw("""
                    SELECT rowid AS id, bm25(kb_paragraph_fts) AS score FROM kb_paragraph_fts WHERE kb_paragraph_fts MATCH 'text : "restoration"' \
                    ORDER BY score, rowid LIMIT 10
                    """).all().map { try $0.decode(column: "id", as: Int64.self) }
            }
            #expect(results.hits.map(\.paragraphID) == expected)
        }
    }

    @Test func deletedParagraphsWhoseIdsAreReusedAreNotRememberedWrongly() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let kept = try await importAll(store, documents(10, seed: 3))
            let removed = try await importAll(store, documents(10, seed: 4, prefix: "R"))
            try await expectAgreement(store, minimumMatches: 10)
            let firstRemovedParagraph = try #require(try await store.knowledgeParagraphs(documentID: removed[0]).first?.id)
            try await store.provider.withDatabase { db in
                try await db.raw("DELETE FROM kb_documents WHERE id IN (\(binds: removed))").run()
            }
            // Spanish documents with other lengths now take the same paragraph ids.
            let added = try await importAll(store, documents(10, seed: 5, language: .es, prefix: "S"))
            #expect(try await store.knowledgeParagraphs(documentID: added[0]).first?.id == firstRemovedParagraph, "ids are reused")
            try await expectAgreement(store, minimumMatches: 10)
            let languages = try await store.searchKnowledge(try KnowledgeSearchRequest(query: try SearchQuery.parse("restoration"))).facets.language
            #expect(Set(languages.map(\.value)) == ["en", "es", "fr"])
            #expect(kept.count == 10)
        }
    }

    @Test func insideATransactionTheRowsAreRead() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            _ = try await importAll(store, documents(5, seed: 6))
            try await expectAgreement(store, minimumMatches: 5)
            struct RolledBack: Error {}
            await #expect(throws: RolledBack.self) {
                try await store.provider.transaction { db in
                    try await db.raw("""
                        INSERT INTO kb_paragraphs (document_id, ordinal, kind, text, language, cjk_bigrams) \
                        SELECT id, 999, 'paragraph', 'restoration restoration', 'ru', '' FROM kb_documents ORDER BY id LIMIT 1
                        """).run()
                    let (checked, wrong) = try await Self.disagreements(db, "text : \"restoration\"")
                    #expect(checked > 5)
                    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
                    throw RolledBack()
                }
            }
            try await expectAgreement(store, minimumMatches: 5)
            let languages = try await store.searchKnowledge(try KnowledgeSearchRequest(query: try SearchQuery.parse("restoration"))).facets.language
            #expect(!languages.map(\.value).contains("ru"))
        }
    }

    /// A query of one phrase is ranked without the phrase's document frequency,
    /// which the facet counts give beside it; the scores are still bm25's, with
    /// or without filters, and compacting the index changes none of them. Other
    /// documents make the words rarer than half the paragraphs, so the frequency
    /// is not bm25's floor.
    @Test func scoresOfOnePhraseAreBm25sWithTheFrequencyFromTheCounts() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            _ = try await importAll(store, documents(20, seed: 7) + documents(8, seed: 8, language: .zh, prefix: "Z")
                + documents(40, seed: 9, prefix: "F", words: ["alpha", "beta", "gamma", "delta"]))
            let cases: [(String, String, KnowledgeSearchFilters)] = [
                ("restoration", "text : \"restoration\"", .init()),
                ("\"land degradation\"", "text : \"land degradation\"", .init()),
                ("湿地", Self.chineseMatch, .init()),
                ("restoration", "text : \"restoration\"", .init(convention: "UNCCD", language: .fr)),
                ("finance report", "text : \"finance\" AND text : \"report\"", .init()),
            ]
            for compacted in [false, true] {
                if compacted { try await store.compactKnowledgeIndex() }
                for (text, match, filters) in cases {
                    let results = try await store.searchKnowledge(try KnowledgeSearchRequest(query: try SearchQuery.parse(text), filters: filters, limit: 10))
                    let rows = try await store.provider.withDatabase { db in
                        try await db.raw("SELECT rowid AS id, -bm25(kb_paragraph_fts) AS score FROM kb_paragraph_fts WHERE kb_paragraph_fts MATCH \(bind: match)").all()
                    }
                    var bm25: [Int64: Double] = [:]
                    for row in rows { bm25[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "score", as: Double.self) }
                    #expect(results.hits.count >= 3, "\(text)")
                    #expect(results.hits.allSatisfy { (bm25[$0.paragraphID] ?? 0) > 0.01 }, "\(text): a frequency above bm25's floor")
                    for hit in results.hits {
                        let expected = try #require(bm25[hit.paragraphID])
                        #expect(abs(hit.score - expected) <= 1e-9 * expected, "\(text): paragraph \(hit.paragraphID) scored \(hit.score), bm25 \(expected)")
                    }
                    #expect(results.hits.map(\.score) == results.hits.map(\.score).sorted(by: >))
                }
            }
            // Without the frequency, several phrases would be ranked wrongly: refused.
            let message = try await store.provider.withDatabase { db -> String in
                do {
                    _ = try await db.raw("SELECT kb_rank(kb_paragraph_fts, 0) AS r FROM kb_paragraph_fts WHERE kb_paragraph_fts MATCH 'text : \"finance\" AND text : \"report\"'").all()
                    return ""
                } catch { return String(describing: error) }
            }
            #expect(message.contains("kb_rank(fts, 0) ranks a query of one phrase only"), "\(message)")
        }
    }
}
