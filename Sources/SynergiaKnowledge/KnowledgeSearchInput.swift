import SynergiaCore

/// A search as a person gives it, in the search form or as CLI options: the
/// query and filters as typed, read and checked by `KnowledgeSearchService`.
public struct KnowledgeSearchInput: Sendable, Equatable {
    public var query: String
    public var convention: String?
    public var body: String?
    /// Kind names (`DocumentKind`); empty: every kind.
    public var kinds: [String]
    /// A language code (`KnowledgeLanguage`).
    public var language: String?
    public var fromYear: Int?
    public var toYear: Int?
    /// A thesaurus term (its id or a label in any language); narrower terms count too.
    public var term: String?
    /// A global target, e.g. GBF-2: the paragraphs tagged with a term about it.
    public var target: String?
    public var limit: Int
    public var offset: Int

    public init(query: String, convention: String? = nil, body: String? = nil, kinds: [String] = [], language: String? = nil,
                fromYear: Int? = nil, toYear: Int? = nil, term: String? = nil, target: String? = nil, limit: Int = 20, offset: Int = 0) {
        self.query = query
        self.convention = convention
        self.body = body
        self.kinds = kinds
        self.language = language
        self.fromYear = fromYear
        self.toYear = toYear
        self.term = term
        self.target = target
        self.limit = limit
        self.offset = offset
    }
}
