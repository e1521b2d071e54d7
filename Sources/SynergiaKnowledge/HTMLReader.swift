import Foundation
import SynergiaCore

/// Blocks of an HTML page: one per paragraph-level element, `<h1>`–`<h6>` as
/// headings, elements whose class mentions "footnote" as footnotes; scripts,
/// styles and the head are skipped. Enough for decisions saved from a web page,
/// not a browser.
enum HTMLReader {
    struct Page {
        var title: String?
        var blocks: [TextBlock]
    }

    private static let blockElements: Set<String> = [
        "p", "div", "li", "br", "tr", "td", "th", "table", "ul", "ol", "dd", "dt", "blockquote", "section", "article",
        "header", "footer", "aside", "pre", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "main", "nav",
    ]
    private static let skippedElements: Set<String> = ["script", "style", "head", "noscript", "template"]

    static func read(_ html: String) -> Page {
        var blocks: [TextBlock] = []
        var text = "", role = TextBlock.Role.paragraph
        var title: String?
        func flush() {
            let content = decodeEntities(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !content.isEmpty { blocks.append(TextBlock(text: content, role: role)) }
            text = ""
            role = .paragraph
        }
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                rest = rest.range(of: "-->").map { rest[$0.upperBound...] } ?? ""
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let isEnd = tag.hasPrefix("/")
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if !isEnd, skippedElements.contains(name) {
                let end = rest.range(of: "</\(name)", options: .caseInsensitive)
                // The title is looked for inside this head only: searching the rest of the page
                // for each of many heads would take quadratic time.
                if name == "head", let end {
                    let head = rest[..<end.lowerBound]
                    if let titleStart = head.range(of: "<title", options: .caseInsensitive),
                       let titleOpenEnd = head[titleStart.upperBound...].firstIndex(of: ">"),
                       let titleEnd = head[titleOpenEnd...].range(of: "</title", options: .caseInsensitive) {
                        title = decodeEntities(String(head[head.index(after: titleOpenEnd)..<titleEnd.lowerBound]))
                            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    }
                }
                rest = end.map { rest[$0.upperBound...].drop { $0 != ">" }.dropFirst() } ?? ""
                continue
            }
            guard blockElements.contains(name) else { continue }
            flush()
            if !isEnd {
                if name.count == 2, name.hasPrefix("h"), name.last!.isNumber { role = .heading }
                if tag.range(of: "footnote", options: .caseInsensitive) != nil { role = .footnote }
            }
        }
        text += rest
        flush()
        return Page(title: title.flatMap { $0.isEmpty ? nil : $0 }, blocks: blocks)
    }

    /// The `charset` a page declares in its first bytes, if any and not UTF-8.
    static func declaredCharset(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let name = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" }.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name.isEmpty || name == "utf-8" || name == "utf8" ? nil : String(name)
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—", "hellip": "…",
        "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "eacute": "é", "egrave": "è",
        "agrave": "à", "ccedil": "ç", "ntilde": "ñ", "oacute": "ó", "aacute": "á", "iacute": "í", "uacute": "ú", "ecirc": "ê",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = "", rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: ampersand)..<semicolon]
            var decoded: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = namedEntities[String(name)]
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
