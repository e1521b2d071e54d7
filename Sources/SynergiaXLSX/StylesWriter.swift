/// Assigns a `cellXfs` index to every distinct `CellStyle` and renders xl/styles.xml.
/// Index 0 is always the plain style so unstyled cells need no `s` attribute.
struct StyleTable {
    private(set) var styles: [CellStyle] = [.plain]
    private var indexByStyle: [CellStyle: Int] = [.plain: 0]

    /// Indices are handed out in first-use order, which the writer keeps deterministic.
    mutating func index(for style: CellStyle) -> Int {
        if let i = indexByStyle[style] { return i }
        styles.append(style)
        indexByStyle[style] = styles.count - 1
        return styles.count - 1
    }

    // Fonts are a fixed set so the font id is a pure function of bold/italic.
    private static func fontId(_ s: CellStyle) -> Int { (s.bold ? 1 : 0) + (s.italic ? 2 : 0) }
    private static let shadedFillId = 2
    static let shadeColor = "FFE7E6E6"

    func xml() -> String {
        var x = XMLBuilder()
        x.open("styleSheet", [("xmlns", OOXML.mainNS)])
        x.open("fonts", [("count", "4")])
        for (bold, italic) in [(false, false), (true, false), (false, true), (true, true)] {
            x.open("font")
            if bold { x.leaf("b") }
            if italic { x.leaf("i") }
            x.leaf("sz", [("val", "11")])
            x.leaf("name", [("val", "Calibri")])
            x.leaf("family", [("val", "2")])
            x.close("font")
        }
        x.close("fonts")
        // Fill 1 (gray125) is required by Excel even though nothing uses it.
        x.raw("<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
              + "<fill><patternFill patternType=\"gray125\"/></fill>"
              + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\(Self.shadeColor)\"/>"
              + "<bgColor indexed=\"64\"/></patternFill></fill></fills>")
        x.raw("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>")
        x.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        x.open("cellXfs", [("count", String(styles.count))])
        for style in styles {
            var attributes = [("numFmtId", "0"), ("fontId", String(Self.fontId(style))),
                              ("fillId", style.shaded ? String(Self.shadedFillId) : "0"),
                              ("borderId", "0"), ("xfId", "0")]
            if style.bold || style.italic { attributes.append(("applyFont", "1")) }
            if style.shaded { attributes.append(("applyFill", "1")) }
            if style.wrap { attributes.append(("applyAlignment", "1")) }
            if !style.locked { attributes.append(("applyProtection", "1")) }
            if !style.wrap && style.locked {
                x.leaf("xf", attributes)
                continue
            }
            x.open("xf", attributes)
            if style.wrap { x.leaf("alignment", [("wrapText", "1")]) }
            if !style.locked { x.leaf("protection", [("locked", "0")]) }
            x.close("xf")
        }
        x.close("cellXfs")
        x.raw("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        x.close("styleSheet")
        return x.output
    }
}

/// Deduplicated strings in first-use order for xl/sharedStrings.xml.
struct SharedStringTable {
    private(set) var strings: [String] = []
    private var indexByString: [String: Int] = [:]
    private(set) var references = 0

    mutating func index(for s: String) -> Int {
        references += 1
        if let i = indexByString[s] { return i }
        strings.append(s)
        indexByString[s] = strings.count - 1
        return strings.count - 1
    }

    func xml() -> String {
        var x = XMLBuilder()
        x.open("sst", [("xmlns", OOXML.mainNS), ("count", String(references)), ("uniqueCount", String(strings.count))])
        for s in strings {
            x.open("si")
            // Without xml:space="preserve" Excel trims leading and trailing blanks.
            let needsPreserve = s.first.map(\.isWhitespace) == true || s.last.map(\.isWhitespace) == true
            x.element("t", needsPreserve ? [("xml:space", "preserve")] : [], text: s, mode: .cellText)
            x.close("si")
        }
        x.close("sst")
        return x.output
    }
}

/// Namespaces and relationship types shared by writer and reader.
enum OOXML {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let relTypeBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
}
