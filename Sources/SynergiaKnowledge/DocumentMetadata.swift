import SynergiaCore

/// What is known about a document besides its text: from the command line,
/// from the file itself (an HTML title, the interchange format's fields), or
/// both, the command line winning.
public struct DocumentMetadata: Sendable, Equatable {
    public var kind: DocumentKind?
    public var symbol: String?
    public var title: String?
    /// `YYYY-MM-DD`.
    public var date: String?
    public var status: String?
    public var language: KnowledgeLanguage?
    public var source: String?
    public var convention: String?
    public var body: String?
    public var meeting: Meeting?

    public init(kind: DocumentKind? = nil, symbol: String? = nil, title: String? = nil, date: String? = nil, status: String? = nil,
                language: KnowledgeLanguage? = nil, source: String? = nil, convention: String? = nil, body: String? = nil,
                meeting: Meeting? = nil) {
        self.kind = kind
        self.symbol = symbol
        self.title = title
        self.date = date
        self.status = status
        self.language = language
        self.source = source
        self.convention = convention
        self.body = body
        self.meeting = meeting
    }

    /// These values where set, `fallback`'s elsewhere.
    func over(_ fallback: DocumentMetadata) -> DocumentMetadata {
        DocumentMetadata(kind: kind ?? fallback.kind, symbol: symbol ?? fallback.symbol, title: title ?? fallback.title,
                         date: date ?? fallback.date, status: status ?? fallback.status, language: language ?? fallback.language,
                         source: source ?? fallback.source, convention: convention ?? fallback.convention,
                         body: body ?? fallback.body, meeting: meeting ?? fallback.meeting)
    }
}
