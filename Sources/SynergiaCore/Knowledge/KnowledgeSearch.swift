/// Narrows a search.
public struct KnowledgeSearchFilters: Sendable, Equatable {
    public var convention: String?
    public var body: String?
    /// Inclusive; a document without a date has no year and is left out when either bound is set.
    public var fromYear: Int?
    public var toYear: Int?
    /// Empty means every kind.
    public var kinds: [DocumentKind]
    public var language: KnowledgeLanguage?
    /// Only paragraphs tagged with one of these thesaurus terms (empty: no such
    /// filter). A term filter includes its narrower terms, a target filter the
    /// terms about the target: `Thesaurus.terms(filter:)` expands them.
    public var taggedTerms: [String]

    public init(convention: String? = nil, body: String? = nil, fromYear: Int? = nil, toYear: Int? = nil,
                kinds: [DocumentKind] = [], language: KnowledgeLanguage? = nil, taggedTerms: [String] = []) {
        self.convention = convention
        self.body = body
        self.fromYear = fromYear
        self.toYear = toYear
        self.kinds = kinds
        self.language = language
        self.taggedTerms = taggedTerms
    }
}

public struct KnowledgeSearchRequest: Sendable, Equatable {
    public var query: SearchQuery
    public var filters: KnowledgeSearchFilters
    public var limit: Int
    public var offset: Int
    /// The global targets each thesaurus term is about, for the target facet
    /// (empty: no target facet).
    public var termTargets: [String: [String]] = [:]

    public static let maximumLimit = 200

    public init(query: SearchQuery, filters: KnowledgeSearchFilters = .init(), limit: Int = 20, offset: Int = 0) throws {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw DomainError.invalid("limit \(limit) is out of range; ask for 1 to \(Self.maximumLimit) results per page")
        }
        guard offset >= 0 else { throw DomainError.invalid("offset \(offset) is negative; start at 0") }
        self.query = query
        self.filters = filters
        self.limit = limit
        self.offset = offset
    }
}

/// One matching paragraph, with what is needed to show it and link to it in context.
public struct KnowledgeSearchHit: Codable, Sendable, Equatable {
    public var paragraphID: Int64
    public var documentID: Int64
    public var ordinal: Int
    public var symbol: String?
    public var title: String
    public var label: String?
    public var kind: ParagraphKind
    public var page: Int?
    public var language: KnowledgeLanguage
    /// Plain text and the ranges the query matched; each adapter marks them.
    public var snippet: SearchSnippet
    /// Higher is better; comparable within one result list only.
    public var score: Double

    public init(paragraphID: Int64, documentID: Int64, ordinal: Int, symbol: String?, title: String, label: String?,
                kind: ParagraphKind, page: Int?, language: KnowledgeLanguage, snippet: SearchSnippet, score: Double) {
        self.paragraphID = paragraphID
        self.documentID = documentID
        self.ordinal = ordinal
        self.symbol = symbol
        self.title = title
        self.label = label
        self.kind = kind
        self.page = page
        self.language = language
        self.snippet = snippet
        self.score = score
    }
}

public struct FacetCount: Codable, Sendable, Equatable {
    public var value: String
    public var count: Int

    public init(_ value: String, _ count: Int) {
        self.value = value
        self.count = count
    }
}

/// Counts of matching paragraphs by each dimension, over all matches (not one page).
public struct KnowledgeFacets: Codable, Sendable, Equatable {
    public var convention: [FacetCount] = []
    public var body: [FacetCount] = []
    public var year: [FacetCount] = []
    public var kind: [FacetCount] = []
    public var language: [FacetCount] = []
    /// Matches by thesaurus term of their tags, and by the global targets of those terms.
    public var term: [FacetCount] = []
    public var target: [FacetCount] = []

    public init() {}
}

public struct KnowledgeSearchResults: Codable, Sendable, Equatable {
    public var total: Int
    public var hits: [KnowledgeSearchHit]
    public var facets: KnowledgeFacets

    public init(total: Int, hits: [KnowledgeSearchHit], facets: KnowledgeFacets) {
        self.total = total
        self.hits = hits
        self.facets = facets
    }
}

/// Search results with the paragraphs found through their tags rather than
/// their words (`taggedTerms` names the terms the query matched).
public struct KnowledgeSearchAnswer: Codable, Sendable, Equatable {
    public var total: Int
    public var hits: [KnowledgeSearchHit]
    public var facets: KnowledgeFacets
    public var taggedTerms: [String]
    public var tagged: [KnowledgeSearchHit]

    public init(total: Int, hits: [KnowledgeSearchHit], facets: KnowledgeFacets, taggedTerms: [String], tagged: [KnowledgeSearchHit]) {
        self.total = total; self.hits = hits; self.facets = facets; self.taggedTerms = taggedTerms; self.tagged = tagged
    }
}
