import SynergiaCore
import SynergiaReporting

/// A search snippet in a page: the text escaped, each matched range in `<mark>`.
/// The ranges come with the snippet (`SearchSnippet`), so no text of a
/// document is ever taken for markup.
enum SnippetHTML {
    static func html(_ snippet: SearchSnippet) -> String {
        snippet.segments.map { segment in
            let text = HTML.escape(String(segment.text))
            return segment.isMatch ? "<mark>" + text + "</mark>" : text
        }.joined()
    }
}
