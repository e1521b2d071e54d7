import Foundation

/// Turns extracted text into the paragraphs the knowledge base stores: lines
/// are joined into blocks, numbering is kept as a label, headings and footnotes
/// are told apart from paragraphs, and page furniture (page numbers, running
/// headers repeated on several pages) is dropped.
///
///     let blocks = ParagraphSplitter.blocks(pages: pdfPages, paged: true)
///     let paragraphs = ParagraphSplitter.paragraphs(blocks)
public enum ParagraphSplitter {
    /// Blocks from lines of text, one string per page. A blank line ends a block,
    /// and a line that starts with a numbering label starts a new one.
    public static func blocks(pages: [String], paged: Bool) -> [TextBlock] {
        var blocks: [TextBlock] = []
        for (index, page) in pages.enumerated() {
            let number = paged ? index + 1 : nil
            var current: [String] = []
            func flush() {
                if !current.isEmpty {
                    blocks.append(TextBlock(text: joinLines(current), page: number, lineCount: current.count))
                    current = []
                }
            }
            let unixLines = page.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            for rawLine in unixLines.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = rawLine.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if line.isEmpty {
                    flush()
                } else {
                    if ParagraphNumbering.split(line).label != nil { flush() }
                    current.append(line)
                }
            }
            flush()
        }
        return withoutPageFurniture(blocks)
    }

    /// Classifies blocks into headings, numbered or unnumbered paragraphs and footnotes.
    public static func paragraphs(_ blocks: [TextBlock]) -> [NewParagraph] {
        blocks.compactMap { block in
            let text = cleaned(block.text)
            guard !text.isEmpty else { return nil }
            switch block.role {
            case .footnote:
                let marked = block.label == nil ? footnote(text) : nil
                return NewParagraph(label: block.label ?? marked?.label, kind: .footnote, page: block.page, text: marked?.text ?? text)
            case .paragraph:
                let numbered = ParagraphNumbering.split(text)
                return NewParagraph(label: numbered.label, kind: .paragraph, page: block.page, text: numbered.text)
            case .heading:
                let numbered = ParagraphNumbering.split(text)
                return NewParagraph(label: numbered.label, kind: .heading, page: block.page, text: numbered.text)
            case .unknown:
                if let footnote = footnote(text) {
                    return NewParagraph(label: footnote.label, kind: .footnote, page: block.page, text: footnote.text)
                }
                let numbered = ParagraphNumbering.split(text)
                let kind: ParagraphKind = looksLikeHeading(numbered, lineCount: block.lineCount) ? .heading : .paragraph
                return NewParagraph(label: numbered.label, kind: kind, page: block.page, text: numbered.text)
            }
        }
    }

    /// Lines of one block: a word hyphenated at the line end is rejoined, and
    /// Chinese lines join without a space.
    static func joinLines(_ lines: [String]) -> String {
        var text = ""
        for line in lines {
            guard let last = text.last, let first = line.first else {
                text += line
                continue
            }
            if last == "-", text.dropLast().last?.isLetter == true, first.isLowercase {
                text.removeLast()
            } else if !(CJKText.isCJK(last) && CJKText.isCJK(first)) {
                text += " "
            }
            text += line
        }
        return text
    }

    /// `12 See decision XI/16.` at the foot of a page: a bare number (no full
    /// stop, which numbered paragraphs have) or an asterisk or dagger, then text.
    static func footnote(_ text: String) -> ParagraphNumbering.Numbered? {
        guard let space = text.firstIndex(where: \.isWhitespace) else { return nil }
        let marker = text[..<space]
        let isMarker = (1...3).contains(marker.count) && marker.allSatisfy { $0.isASCII && $0.isNumber }
            || ["*", "†", "‡"].contains(marker)
        let rest = text[space...].trimmingCharacters(in: .whitespaces)
        guard isMarker, !rest.isEmpty else { return nil }
        return .init(label: String(marker), text: rest)
    }

    private static let closingPunctuation: Set<Character> = [".", ";", ":", ",", "!", "?", "。", "；", "：", "，", "！", "？", "؛", "،", "؟"]

    /// One short line that does not end a sentence: `A. Land degradation`,
    /// `Annex`, `第十五届会议通过的决定`.
    static func looksLikeHeading(_ numbered: ParagraphNumbering.Numbered, lineCount: Int) -> Bool {
        guard lineCount == 1, let last = numbered.text.last, numbered.text.count <= 150,
              numbered.text.contains(where: \.isLetter), !closingPunctuation.contains(last) else { return false }
        guard let label = numbered.label else { return true }
        return !label.hasPrefix("(") && !label.hasSuffix(")")
    }

    /// Page numbers alone on a line, and lines repeated on two or more pages
    /// (running headers and footers), are not content.
    static func withoutPageFurniture(_ blocks: [TextBlock]) -> [TextBlock] {
        var pagesOf: [String: Set<Int>] = [:]
        for block in blocks where block.lineCount == 1 && block.text.count < 100 {
            if let page = block.page { pagesOf[block.text, default: []].insert(page) }
        }
        return blocks.filter { block in
            if isPageNumber(block.text) { return false }
            return (pagesOf[block.text]?.count ?? 0) < 2
        }
    }

    private static func isPageNumber(_ text: String) -> Bool {
        let core = text.trimmingCharacters(in: CharacterSet(charactersIn: "-–— ").union(.whitespaces))
        let digits = core.lowercased().hasPrefix("page ") ? String(core.dropFirst(5)) : core
        return !digits.isEmpty && digits.count <= 4 && digits.allSatisfy(\.isNumber)
    }

    /// Whitespace collapsed, control characters and the snippet markers removed,
    /// so stored text can never fake a highlight.
    public static func cleaned(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar.properties.generalCategory == .control || SnippetMarkers.markers.contains(scalar) ? " " : scalar
        }
        return String(String.UnicodeScalarView(scalars)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
