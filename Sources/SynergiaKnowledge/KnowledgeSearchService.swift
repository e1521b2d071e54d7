import SynergiaCore
import SynergiaStore

/// Searching and reading the knowledge base, the one path the search page, the
/// JSON API and `synergia kb search`/`show` share: the input read and checked,
/// the words and phrases found by the store, and the paragraphs tagged with a
/// thesaurus term the query names (in any language) added. Hits carry their
/// snippet as plain text with match ranges; each adapter marks them.
///
///     let answer = try await KnowledgeSearchService(store: store, thesaurus: thesaurus)
///         .search(KnowledgeSearchInput(query: #""land degradation""#, convention: "CBD"))
public struct KnowledgeSearchService: Sendable {
    public let store: SQLStore
    /// Nil: no thesaurus file; tag filters are then refused and no tagged paragraphs added.
    public let thesaurus: Thesaurus?

    public init(store: SQLStore, thesaurus: Thesaurus?) {
        self.store = store
        self.thesaurus = thesaurus
    }

    public func search(_ input: KnowledgeSearchInput) async throws -> KnowledgeSearchAnswer {
        let tagged = input.term == nil && input.target == nil ? []
            : try Self.loaded(thesaurus).taggedTerms(term: input.term, target: input.target)
        let filters = KnowledgeSearchFilters(convention: input.convention, body: input.body, fromYear: input.fromYear, toYear: input.toYear,
                                             kinds: try input.kinds.map(DocumentKind.parse),
                                             language: try input.language.map(KnowledgeLanguage.parse), taggedTerms: tagged)
        let request = try KnowledgeSearchRequest(query: try SearchQuery.parse(input.query), filters: filters, limit: input.limit, offset: input.offset)
        return try await search(request, query: input.query)
    }

    /// A search with cross-lingual recall: the words and phrases as the store
    /// finds them, plus the paragraphs tagged with a thesaurus term the query
    /// names in any language (or a narrower term) that the words missed.
    public func search(_ request: KnowledgeSearchRequest, query: String) async throws -> KnowledgeSearchAnswer {
        guard let thesaurus else {
            let results = try await store.searchKnowledge(request)
            return KnowledgeSearchAnswer(total: results.total, hits: results.hits, facets: results.facets, taggedTerms: [], tagged: [])
        }
        var request = request
        if request.termTargets.isEmpty { request.termTargets = thesaurus.termTargets }
        let results = try await store.searchKnowledge(request)
        let named = thesaurus.terms(namedBy: query)
        let found = Set(results.hits.map(\.paragraphID))
        let ids = try await store.paragraphIDs(taggedWith: named.flatMap { thesaurus.withNarrower($0.id) })
        return KnowledgeSearchAnswer(total: results.total, hits: results.hits, facets: results.facets, taggedTerms: named.map(\.id),
                                     tagged: try await store.knowledgeHits(paragraphIDs: ids.filter { !found.contains($0) }))
    }

    /// The tags of the paragraphs, by paragraph id.
    public func tags(paragraphIDs: [Int64]) async throws -> [Int64: [KnowledgeTag]] {
        try await store.tags(paragraphIDs: paragraphIDs)
    }

    /// A document with its paragraphs and their tags; nil when there is no such document.
    public func document(id: Int64) async throws -> KnowledgeDocumentContents? {
        guard let document = try await store.knowledgeDocument(id: id) else { return nil }
        let paragraphs = try await store.knowledgeParagraphs(documentID: id)
        return KnowledgeDocumentContents(document: document, paragraphs: paragraphs, tags: try await store.tags(paragraphIDs: paragraphs.map(\.id)))
    }

    static func loaded(_ thesaurus: Thesaurus?) throws -> Thesaurus {
        guard let thesaurus else {
            throw DomainError.invalid("no thesaurus is loaded, so nothing can be found or tagged by thesaurus term; put data/thesaurus/biodiversity.yaml in the data directory and start Synergia again")
        }
        return thesaurus
    }
}

/// A document as it is read: its paragraphs in order and each one's tags.
public struct KnowledgeDocumentContents: Sendable {
    public var document: KnowledgeDocument
    public var paragraphs: [KnowledgeParagraph]
    public var tags: [Int64: [KnowledgeTag]]
}
