/// A run of text as a reader found it in a file, before it is classified as a
/// heading, a paragraph or a footnote. Readers that know the structure (HTML
/// headings, DOCX footnotes) say so in `role`; plain text and PDF leave it to
/// `ParagraphSplitter`.
public struct TextBlock: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        /// Left to `ParagraphSplitter` to tell from the text.
        case unknown
        /// The format marks it as a paragraph: never guessed to be a heading or footnote.
        case paragraph
        case heading, footnote
    }

    public var text: String
    public var page: Int?
    public var role: Role
    /// A footnote's number when the format keeps it apart from the text.
    public var label: String?
    /// Source lines joined into this block: a one-line block may be a heading.
    public var lineCount: Int

    public init(text: String, page: Int? = nil, role: Role = .unknown, label: String? = nil, lineCount: Int = 1) {
        self.text = text
        self.page = page
        self.role = role
        self.label = label
        self.lineCount = lineCount
    }
}
