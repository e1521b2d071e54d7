import Foundation

/// Readers for the package-level parts: relationships, the sheet list, shared strings
/// and the cell styles.
enum PackageParts {
    struct Relationship {
        let id: String
        let type: String
        let target: String
    }

    struct SheetEntry {
        let name: String
        let visibility: Worksheet.Visibility
        let path: String
    }

    /// The relationships of `part`, with targets resolved to ZIP paths. A missing
    /// relationships part is not an error: it just means there are none.
    static func relationships(of part: String, in zip: ZipParts) throws(XLSXError) -> [Relationship] {
        let directory = (part as NSString).deletingLastPathComponent
        let relsPath = (directory.isEmpty ? "" : directory + "/") + "_rels/" + (part as NSString).lastPathComponent + ".rels"
        guard zip.contains(relsPath) else { return [] }
        let root = try XMLNode.parse(try zip.read(relsPath), part: relsPath, limits: zip.limits)
        return root.children("Relationship").compactMap { r in
            guard let id = r["Id"], let type = r["Type"], let target = r["Target"] else { return nil }
            if r["TargetMode"] == "External" { return nil }
            return Relationship(id: id, type: type, target: resolve(target, relativeTo: directory))
        }
    }

    /// Matches on the last path component of the type, which is the same in transitional
    /// ("schemas.openxmlformats.org") and strict ("purl.oclc.org") files.
    static func isType(_ rel: Relationship, _ suffix: String) -> Bool {
        rel.type.hasSuffix("/" + suffix)
    }

    static func resolve(_ target: String, relativeTo directory: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var components: [Substring] = decoded.hasPrefix("/") ? [] : directory.split(separator: "/")
        for c in decoded.split(separator: "/") {
            switch c {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(c)
            }
        }
        return components.joined(separator: "/")
    }

    static func sheets(workbook: XMLNode, rels: [Relationship], workbookPath: String) throws(XLSXError) -> [SheetEntry] {
        let byId = Dictionary(rels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [SheetEntry] = []
        for sheet in workbook.child("sheets")?.children("sheet") ?? [] {
            guard let name = sheet["name"] else {
                throw XLSXError(.malformedXML(part: workbookPath, line: 1, message: "a sheet has no name"))
            }
            // The id attribute is r:id; its prefix was stripped by the parser.
            guard let id = sheet["id"], let rel = byId[id] else {
                throw XLSXError(.missingPart("the contents of sheet \"\(name)\""))
            }
            // Chart sheets and dialog sheets have no cell grid to import.
            guard isType(rel, "worksheet") else { continue }
            let visibility = Worksheet.Visibility(rawValue: sheet["state"] ?? "visible") ?? .visible
            result.append(SheetEntry(name: name, visibility: visibility, path: rel.target))
        }
        return result
    }

    /// One CellStyle per `cellXfs` entry, reduced to the attributes CellStyle models.
    static func cellStyles(_ root: XMLNode) -> [CellStyle] {
        func flag(_ node: XMLNode?) -> Bool {
            guard let node else { return false }
            return XMLBool.parse(node["val"], default: true)
        }
        let fonts = (root.child("fonts")?.children("font") ?? []).map { (bold: flag($0.child("b")), italic: flag($0.child("i"))) }
        let fills = (root.child("fills")?.children("fill") ?? []).map {
            $0.child("patternFill")?["patternType"] == "solid"
        }
        return (root.child("cellXfs")?.children("xf") ?? []).map { xf in
            var style = CellStyle()
            if let f = Int(xf["fontId"] ?? ""), fonts.indices.contains(f) {
                style.bold = fonts[f].bold
                style.italic = fonts[f].italic
            }
            if let f = Int(xf["fillId"] ?? ""), fills.indices.contains(f) { style.shaded = fills[f] }
            style.wrap = XMLBool.parse(xf.child("alignment")?["wrapText"])
            style.locked = XMLBool.parse(xf.child("protection")?["locked"], default: true)
            return style
        }
    }
}
