/// The two private-use characters the databases put around the words they
/// matched (FTS5's `highlight`, PostgreSQL's `ts_headline`). Imported text is
/// stripped of them (`ParagraphSplitter`), so a document cannot fake a match.
/// They never leave the store: it reads the matched words from them and
/// builds a `SearchSnippet` from the paragraph's own text.
public enum SnippetMarkers {
    public static let open: Unicode.Scalar = "\u{E000}"
    public static let close: Unicode.Scalar = "\u{E001}"
    public static let markers: Set<Unicode.Scalar> = [open, close]

    /// The distinct texts between markers, in order.
    public static func markedWords(_ marked: String) -> [String] {
        var words: [String] = []
        var current: String.UnicodeScalarView?
        for scalar in marked.unicodeScalars {
            if scalar == open {
                current = .init()
            } else if scalar == close {
                if let word = current.map(String.init), !word.isEmpty, !words.contains(word) { words.append(word) }
                current = nil
            } else {
                current?.append(scalar)
            }
        }
        return words
    }
}
