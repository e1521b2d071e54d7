import Foundation

/// A document of the knowledge base as stored: a decision, a resolution, a
/// national report, … with where it came from and the hash that detects a
/// second import of the same file.
public struct KnowledgeDocument: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: DocumentKind
    /// As normalised by `DocumentSymbol`, e.g. `CBD/COP/DEC/15/4`.
    public var symbol: String?
    public var title: String
    /// `YYYY-MM-DD`.
    public var date: String?
    /// Free text such as `adopted`, `final`, `draft`, `superseded`.
    public var status: String?
    public var language: KnowledgeLanguage
    /// A URL or a note on where the file came from.
    public var source: String?
    /// Lower-case hex SHA-256 of the imported bytes.
    public var contentSHA256: String
    public var convention: String?
    public var body: String?
    public var meetingID: Int64?
    public var paragraphCount: Int
    public var importedAt: Date

    public init(id: Int64, kind: DocumentKind, symbol: String?, title: String, date: String?, status: String?,
                language: KnowledgeLanguage, source: String?, contentSHA256: String, convention: String?, body: String?,
                meetingID: Int64?, paragraphCount: Int, importedAt: Date) {
        self.id = id
        self.kind = kind
        self.symbol = symbol
        self.title = title
        self.date = date
        self.status = status
        self.language = language
        self.source = source
        self.contentSHA256 = contentSHA256
        self.convention = convention
        self.body = body
        self.meetingID = meetingID
        self.paragraphCount = paragraphCount
        self.importedAt = importedAt
    }
}

/// A document ready to be stored with all its paragraphs in one transaction.
public struct NewKnowledgeDocument: Sendable, Equatable {
    public var kind: DocumentKind
    public var symbol: String?
    public var title: String
    public var date: String?
    public var status: String?
    public var language: KnowledgeLanguage
    public var source: String?
    public var contentSHA256: String
    public var convention: String?
    public var body: String?
    /// Found or created by (convention, body, session) when stored.
    public var meeting: Meeting?
    public var paragraphs: [NewParagraph]

    public init(kind: DocumentKind, symbol: String? = nil, title: String, date: String? = nil, status: String? = nil,
                language: KnowledgeLanguage, source: String? = nil, contentSHA256: String, convention: String? = nil,
                body: String? = nil, meeting: Meeting? = nil, paragraphs: [NewParagraph]) {
        self.kind = kind
        self.symbol = symbol
        self.title = title
        self.date = date
        self.status = status
        self.language = language
        self.source = source
        self.contentSHA256 = contentSHA256
        self.convention = convention
        self.body = body
        self.meeting = meeting
        self.paragraphs = paragraphs
    }
}

/// What storing a document did: stored it, or found the same bytes already there.
public enum KnowledgeImportOutcome: Sendable, Equatable {
    case imported(KnowledgeDocument)
    case duplicate(of: KnowledgeDocument)
}
