/// Headings, numbered or unnumbered paragraphs and footnotes are kept apart so
/// a search can show a paragraph with its numbering and skip running headers.
public enum ParagraphKind: String, Codable, Sendable, CaseIterable {
    case heading, paragraph, footnote
}

/// One paragraph of a stored document, the unit the knowledge base searches.
public struct KnowledgeParagraph: Codable, Sendable, Equatable {
    public var id: Int64
    public var documentID: Int64
    /// 1-based position in the document.
    public var ordinal: Int
    /// The numbering as written: `1.`, `(a)`, `第 X/2 号决定第 5 段`; nil when unnumbered.
    public var label: String?
    public var kind: ParagraphKind
    public var page: Int?
    /// The text without its label.
    public var text: String
    public var language: KnowledgeLanguage

    public init(id: Int64, documentID: Int64, ordinal: Int, label: String?, kind: ParagraphKind, page: Int?, text: String,
                language: KnowledgeLanguage) {
        self.id = id
        self.documentID = documentID
        self.ordinal = ordinal
        self.label = label
        self.kind = kind
        self.page = page
        self.text = text
        self.language = language
    }
}

/// A paragraph as read from a file, before it is stored.
public struct NewParagraph: Codable, Sendable, Equatable {
    public var label: String?
    public var kind: ParagraphKind
    public var page: Int?
    public var text: String
    /// Nil means the document's language.
    public var language: KnowledgeLanguage?

    public init(label: String? = nil, kind: ParagraphKind = .paragraph, page: Int? = nil, text: String,
                language: KnowledgeLanguage? = nil) {
        self.label = label
        self.kind = kind
        self.page = page
        self.text = text
        self.language = language
    }
}
