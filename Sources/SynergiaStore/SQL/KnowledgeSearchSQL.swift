import SQLKit
import SynergiaCore

/// The three statements of a knowledge-base search, for one dialect: the page
/// of hits with the words they matched and score, the facet counts over every match, and the
/// counts by thesaurus term and global target of the matches' tags. User text
/// only ever travels as bound parameters; on SQLite it is also quoted as FTS5
/// strings, so it cannot act as query syntax.
struct KnowledgeSearchSQL {
    var hits: SQLQueryString
    var facets: SQLQueryString
    var tagFacets: SQLQueryString
    /// The hits' scores still lack the query's inverse document frequency, which
    /// the facets give through their `matches` and `paragraphs` rows.
    var scoresNeedFrequency = false

    static let hitColumns = "p.id, p.document_id, p.ordinal, p.label, p.kind, p.page, p.language, p.text, d.symbol, d.title"
    /// The language code in a facet key `g.facet_key`: its last two bytes.
    static let facetLanguage = "char((g.facet_key >> 8) & 255, g.facet_key & 255)"

    /// The page is chosen first from row ids and scores alone, and only its rows
    /// are then read and highlighted: SQLite would otherwise highlight
    /// every match before sorting (25,000 for a common word). Scores, filters
    /// and facet keys come from the functions of `CSQLiteSearch` (bm25's score,
    /// a paragraph's document and language) without reading each match's row;
    /// the facets count the matches by that one key before documents are joined.
    static func sqlite(_ request: KnowledgeSearchRequest) -> KnowledgeSearchSQL {
        let match = request.query.terms.map(sqliteMatch).joined(separator: " AND ")
        var conditions: [SQLQueryString] = ["kb_paragraph_fts MATCH \(bind: match)"]
        let documentFilters = documentConditions(request.filters)
        if !documentFilters.isEmpty {
            conditions.append("kb_document(kb_paragraph_fts) IN (SELECT d.id FROM kb_documents d WHERE " + documentFilters.joined(separator: " AND ") + ")")
        }
        if let language = request.filters.language { conditions.append("kb_language(kb_paragraph_fts) = \(bind: language.rawValue)") }
        if let tagged = taggedCondition(request.filters, id: "kb_paragraph_fts.rowid") { conditions.append(tagged) }
        let matched: SQLQueryString = "FROM kb_paragraph_fts WHERE " + conditions.joined(separator: " AND ")
        // One phrase and the counts made without a tag filter: the phrase's
        // frequency comes from those counts, which run beside the page, instead
        // of a pass over its matches before the page is ranked (bm25 of one
        // phrase is that frequency times a score that alone decides the order).
        let scoresNeedFrequency = request.query.terms.count == 1 && request.filters.taggedTerms.isEmpty
        // Not called `rank`: that is FTS5's own column, which would rank with bm25() again.
        let page: SQLQueryString = "SELECT kb_paragraph_fts.rowid AS id, kb_rank(kb_paragraph_fts\(unsafeRaw: scoresNeedFrequency ? ", 0" : "")) AS relevance " + matched
            + " ORDER BY relevance, id LIMIT \(bind: request.limit) OFFSET \(bind: request.offset)"
        // The words each hit matched come from FTS5's highlight of its text (stemmed
        // forms included), and the snippet is then made from them (`SearchSnippet`).
        // Highlighted with every word of the query on its own, not its phrases: as
        // PostgreSQL's ts_headline does, so both mark the same words. Chinese pairs
        // match the second column, which highlight does not show: a query of Chinese
        // terms alone needs no matching again, the terms are the words.
        // Otherwise the page comes first (CROSS JOIN): FTS5 then finds each of its
        // rows by id instead of running the whole query again (12.5 → 7.2 ms).
        let words = request.query.terms.filter { $0.script == .alphabetic }.flatMap { $0.text.split(whereSeparator: \.isWhitespace) }
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
        let anyWord = words.map { "text : " + sqliteQuoted(String($0)) }.joined(separator: " OR ")
        let hits: SQLQueryString = "WITH page AS MATERIALIZED (" + page + ") " + (!words.isEmpty
            ? """
            SELECT \(unsafeRaw: hitColumns), \
            highlight(kb_paragraph_fts, 0, \(bind: String(SnippetMarkers.open)), \(bind: String(SnippetMarkers.close))) AS highlighted, \
            -page.relevance AS score \
            FROM page CROSS JOIN kb_paragraph_fts ON kb_paragraph_fts.rowid = page.id JOIN kb_paragraphs p ON p.id = page.id \
            JOIN kb_documents d ON d.id = p.document_id \
            WHERE kb_paragraph_fts MATCH \(bind: anyWord) ORDER BY page.relevance, page.id
            """
            : "SELECT \(unsafeRaw: hitColumns), '' AS highlighted, -page.relevance AS score FROM page JOIN kb_paragraphs p ON p.id = page.id "
                + "JOIN kb_documents d ON d.id = p.document_id ORDER BY page.relevance, page.id")
        // Matches counted by kb_facet_key (document id × 65,536 + the two letters of
        // the language): by kb_match_counts, which counts runs of equal keys without
        // SQLite's sorter, and the document and language filters applied to the
        // counts; a tag filter concerns each paragraph, so then by GROUP BY.
        var grouped: SQLQueryString
        var groupFilters = documentFilters
        if request.filters.taggedTerms.isEmpty {
            grouped = "SELECT facet_key, n FROM kb_match_counts(\(bind: match))"
            if let language = request.filters.language { groupFilters.append("\(unsafeRaw: facetLanguage) = \(bind: language.rawValue)") }
        } else {
            grouped = "SELECT kb_facet_key(kb_paragraph_fts) AS facet_key, COUNT(*) AS n " + matched + " GROUP BY facet_key"
            groupFilters = []
        }
        var counts: SQLQueryString = "SELECT d.convention, d.body, d.year, d.kind, \(unsafeRaw: facetLanguage) AS language, SUM(g.n) AS n "
            + "FROM grouped AS g JOIN kb_documents d ON d.id = g.facet_key >> 16"
        if !groupFilters.isEmpty { counts += " WHERE " + groupFilters.joined(separator: " AND ") }
        counts += " GROUP BY d.convention, d.body, d.year, d.kind, 5"
        // bm25's figures for the phrase: its matches in every paragraph (the
        // filters apply after counting) and the paragraphs indexed.
        let frequencyRows: SQLQueryString? = scoresNeedFrequency
            ? "SELECT 'matches', NULL, CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM grouped UNION ALL SELECT 'paragraphs', NULL, "
                + "COALESCE((SELECT kb_row_count(kb_paragraph_fts) FROM kb_paragraph_fts WHERE kb_paragraph_fts MATCH \(bind: match) LIMIT 1), 0)"
            : nil
        return KnowledgeSearchSQL(hits: hits, facets: facets(counts: counts, from: "grouped AS MATERIALIZED (" + grouped + "), ", extraRows: frequencyRows),
                                  tagFacets: tagFacets(ids: "SELECT kb_paragraph_fts.rowid " + matched, request.termTargets),
                                  scoresNeedFrequency: scoresNeedFrequency)
    }

    /// `text : "word"` for words and phrases (folded and stemmed by the tokenizer),
    /// `cjk_bigrams : "土地 地退"` for Chinese, `cjk_bigrams : "地" *` for one character.
    static func sqliteMatch(_ term: SearchQuery.Term) -> String {
        switch term.script {
        case .alphabetic:
            return "text : " + sqliteQuoted(term.text)
        case .cjk:
            let tokens = CJKText.queryTokens(term.text)
            return "cjk_bigrams : " + sqliteQuoted(tokens.joined(separator: " ")) + (tokens.count == 1 ? " *" : "")
        }
    }

    /// An FTS5 string: whatever it holds is words, never query syntax.
    static func sqliteQuoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Each paragraph is matched with the query built in its own language's
    /// configuration (a CASE on the paragraph's language), so "degraded" is
    /// stemmed as English for English paragraphs and "dégradées" as French for
    /// French ones. The CASE is opaque to the GIN index and to the planner's
    /// estimates, so the paragraphs are first found with every language's query
    /// OR-ed together — a constant the index answers and the statistics estimate —
    /// and the CASE then keeps those that match in their own language.
    static func postgres(_ request: KnowledgeSearchRequest) -> KnowledgeSearchSQL {
        // Chinese terms are character pairs in every language's configuration: one
        // query then serves all paragraphs, and the planner sees it as it is.
        let everyTermChinese = request.query.terms.allSatisfy { $0.script == .cjk }
        let languages = request.filters.language.map { [$0] } ?? (everyTermChinese ? [.zh] : KnowledgeLanguage.allCases)
        let perLanguage = languages.map { language -> (KnowledgeLanguage, SQLQueryString) in
            let configuration = PostgresTextSearch.configuration(language)
            let query = request.query.terms.map { term -> SQLQueryString in
                switch term.script {
                case .alphabetic:
                    "phraseto_tsquery(\(literal: configuration)::regconfig, \(bind: term.text))"
                case .cjk:
                    "\(bind: PostgresTextSearch.queryLiteral(CJKText.queryTokens(term.text)))::tsquery"
                }
            }.joined(separator: " && ")
            return (language, "(" + query + ")")
        }
        func byLanguage(_ value: (KnowledgeLanguage, SQLQueryString) -> SQLQueryString) -> SQLQueryString {
            // One language (a filter): its query alone, which keeps the planner's estimates right.
            if perLanguage.count == 1 { return value(perLanguage[0].0, perLanguage[0].1) }
            return "CASE p.language " + perLanguage.map { "WHEN \(literal: $0.0.rawValue) THEN " + value($0.0, $0.1) }.joined(separator: " ") + " END"
        }
        let query = byLanguage { _, query in query }
        let configuration = byLanguage { language, _ in "\(literal: PostgresTextSearch.configuration(language))::regconfig" }
        let anyLanguage = perLanguage.map(\.1).joined(separator: " || ")
        var from: SQLQueryString = """
            FROM kb_paragraphs p JOIN kb_documents d ON d.id = p.document_id \
            CROSS JOIN LATERAL (SELECT
            """ + " " + query + " AS query, " + configuration + " AS config) AS q WHERE p.search_vector @@ (" + anyLanguage + ")"
        if perLanguage.count > 1 { from += " AND p.search_vector @@ q.query" }
        from += filters(request.filters)
        // Every match of the whole text marked: only the words are used (ts_headline
        // drops whatever looks like an HTML tag), and the snippet is made from them.
        let headline = "StartSel=\"\(SnippetMarkers.open)\", StopSel=\"\(SnippetMarkers.close)\", HighlightAll=true"
        // ts_rank's normalisation 1 divides by the log of the paragraph's length, as bm25 weighs length on SQLite.
        let hits: SQLQueryString = """
            SELECT \(unsafeRaw: hitColumns), ts_headline(q.config, p.text, q.query, \(bind: headline)) AS highlighted, \
            ts_rank(p.search_vector, q.query, 1)::float8 AS score
            """ + " " + from + " ORDER BY score DESC, p.id LIMIT \(bind: request.limit) OFFSET \(bind: request.offset)"
        return KnowledgeSearchSQL(hits: hits, facets: facets(counts: "SELECT d.convention, d.body, d.year, d.kind, p.language, COUNT(*) AS n " + from
            + " GROUP BY d.convention, d.body, d.year, d.kind, p.language"), tagFacets: tagFacets(ids: "SELECT p.id " + from, request.termTargets))
    }

    static func filters(_ filters: KnowledgeSearchFilters) -> SQLQueryString {
        var conditions = documentConditions(filters)
        if let language = filters.language { conditions.append("p.language = \(bind: language.rawValue)") }
        if let tagged = taggedCondition(filters, id: "p.id") { conditions.append(tagged) }
        return conditions.map { " AND " + $0 }.joined()
    }

    /// Paragraphs (their id is `id`) tagged with one of the filter's terms.
    static func taggedCondition(_ filters: KnowledgeSearchFilters, id: String) -> SQLQueryString? {
        guard !filters.taggedTerms.isEmpty else { return nil }
        return "\(unsafeRaw: id) IN (SELECT paragraph_id FROM kb_paragraph_tags WHERE term IN (\(binds: filters.taggedTerms)))"
    }

    /// Rows of (facet, value, n): matches by tag term, and by global target
    /// through `termTargets` (a paragraph counts once per target however many of
    /// its terms lead there).
    static func tagFacets(ids: SQLQueryString, _ termTargets: [String: [String]]) -> SQLQueryString {
        var sql: SQLQueryString = "WITH tagged AS MATERIALIZED (SELECT DISTINCT t.paragraph_id, t.term FROM kb_paragraph_tags t WHERE t.paragraph_id IN ("
            + ids + "))"
        let pairs = termTargets.sorted { $0.key < $1.key }.flatMap { term, targets in targets.map { (term, $0) } }
        if !pairs.isEmpty {
            sql += ", term_targets(term, target) AS (VALUES " + pairs.map { "(\(bind: $0.0), \(bind: $0.1))" as SQLQueryString }.joined(separator: ", ") + ")"
        }
        sql += " SELECT 'term' AS facet, term AS value, COUNT(*) AS n FROM tagged GROUP BY term"
        if !pairs.isEmpty {
            sql += " UNION ALL SELECT 'target', tt.target, COUNT(DISTINCT tagged.paragraph_id) FROM tagged JOIN term_targets tt ON tt.term = tagged.term GROUP BY tt.target"
        }
        return sql
    }

    /// The filters that concern a whole document (`d`), not one paragraph.
    static func documentConditions(_ filters: KnowledgeSearchFilters) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let convention = filters.convention { conditions.append("d.convention = \(bind: convention.uppercased())") }
        if let body = filters.body { conditions.append("d.body = \(bind: body.uppercased())") }
        if let fromYear = filters.fromYear { conditions.append("d.year >= \(bind: fromYear)") }
        if let toYear = filters.toYear { conditions.append("d.year <= \(bind: toYear)") }
        if !filters.kinds.isEmpty { conditions.append("d.kind IN (\(binds: filters.kinds.map(\.rawValue)))") }
        return conditions
    }

    /// Rows of (facet, value, n); the `total` row counts every match. `counts`
    /// yields (convention, body, year, kind, language, n) rows that partition the
    /// matches; `from` names common tables it reads (each followed by a comma),
    /// and `extraRows` are rows added as they are.
    static func facets(counts: SQLQueryString, from: SQLQueryString = "", extraRows: SQLQueryString? = nil) -> SQLQueryString {
        let dimensions = [("convention", "convention"), ("body", "body"), ("year", "CAST(year AS TEXT)"), ("kind", "kind"), ("language", "language")]
        var sql: SQLQueryString = "WITH " + from + "matched AS MATERIALIZED (" + counts + ") "
        sql += "SELECT 'total' AS facet, NULL AS value, CAST(COALESCE(SUM(n), 0) AS BIGINT) AS n FROM matched"
        for (facet, expression) in dimensions {
            sql += " UNION ALL SELECT \(literal: facet), \(unsafeRaw: expression), CAST(SUM(n) AS BIGINT) FROM matched WHERE \(unsafeRaw: expression) IS NOT NULL GROUP BY \(unsafeRaw: expression)"
        }
        if let extraRows { sql += " UNION ALL " + extraRows }
        return sql
    }
}
