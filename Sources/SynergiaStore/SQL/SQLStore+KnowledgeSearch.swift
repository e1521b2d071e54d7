import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    public func searchKnowledge(_ request: KnowledgeSearchRequest) async throws -> KnowledgeSearchResults {
        let statements = provider.kind == .postgres ? KnowledgeSearchSQL.postgres(request) : KnowledgeSearchSQL.sqlite(request)
        // Two connections: the page and the counts are found at the same time.
        async let pageRows = read { db in try await db.raw(statements.hits).all() }
        async let countRows = read { db in try await db.raw(statements.facets).all() }
        // Counting by tag costs a pass over the matches; without any tag there is nothing to count.
        async let tagRows = read { db -> [any SQLRow] in
            guard try await db.raw("SELECT 1 AS tagged FROM kb_paragraph_tags LIMIT 1").first() != nil else { return [] }
            return try await db.raw(statements.tagFacets).all()
        }
        let (hitRows, facetRows, tagFacetRows) = try await (pageRows, countRows, tagRows)
        var total = 0, phraseMatches = 0, paragraphs = 0
        var facets = KnowledgeFacets()
        for row in facetRows + tagFacetRows {
            let count = try row.int("n")
            let facet = try row.string("facet")
            guard let value = try row.optionalString("value") else {
                switch facet {
                case "matches": phraseMatches = count
                case "paragraphs": paragraphs = count
                default: total = count
                }
                continue
            }
            switch facet {
            case "convention": facets.convention.append(FacetCount(value, count))
            case "body": facets.body.append(FacetCount(value, count))
            case "year": facets.year.append(FacetCount(value, count))
            case "kind": facets.kind.append(FacetCount(value, count))
            case "term": facets.term.append(FacetCount(value, count))
            case "target": facets.target.append(FacetCount(value, count))
            default: facets.language.append(FacetCount(value, count))
            }
        }
        let frequency = statements.scoresNeedFrequency ? Self.inverseDocumentFrequency(matches: phraseMatches, paragraphs: paragraphs) : 1
        let cjkTerms = request.query.terms.filter { $0.script == .cjk }.map(\.text)
        let hits = try hitRows.map { row in
            // The words the database matched, found again in the paragraph's own text
            // with the Chinese terms (which neither database's highlight shows).
            let text = try row.string("text"), words = SnippetMarkers.markedWords(try row.string("highlighted"))
            let snippet = SearchSnippet.excerpt(text, terms: words + cjkTerms) ?? .plain(text)
            return try Self.knowledgeHit(row, snippet: snippet, score: try row.double("score") * frequency)
        }
        let ordered: ([FacetCount]) -> [FacetCount] = { counts in counts.sorted { ($0.count, $1.value) > ($1.count, $0.value) } }
        facets.convention = ordered(facets.convention)
        facets.body = ordered(facets.body)
        facets.year = ordered(facets.year)
        facets.kind = ordered(facets.kind)
        facets.language = ordered(facets.language)
        facets.term = ordered(facets.term)
        facets.target = ordered(facets.target)
        return KnowledgeSearchResults(total: total, hits: hits, facets: facets)
    }

    /// bm25's inverse document frequency of a phrase, as FTS5 computes it (a
    /// phrase in more than half the paragraphs weighs 1e-6, not less than nothing).
    static func inverseDocumentFrequency(matches: Int, paragraphs: Int) -> Double {
        let frequency = log((Double(paragraphs) - Double(matches) + 0.5) / (Double(matches) + 0.5))
        return frequency <= 0 ? 1e-6 : frequency
    }

    /// A hit from a row of `KnowledgeSearchSQL.hitColumns`.
    static func knowledgeHit(_ row: any SQLRow, snippet: SearchSnippet, score: Double) throws -> KnowledgeSearchHit {
        KnowledgeSearchHit(
            paragraphID: try row.int64("id"), documentID: try row.int64("document_id"), ordinal: try row.int("ordinal"),
            symbol: try row.optionalString("symbol"), title: try row.string("title"), label: try row.optionalString("label"),
            kind: ParagraphKind(rawValue: try row.string("kind")) ?? .paragraph, page: try row.optionalInt("page"),
            language: KnowledgeLanguage(rawValue: try row.string("language")) ?? .en, snippet: snippet, score: score)
    }
}
