import Foundation
import ZIPFoundation

/// Writes a `Workbook` as an .xlsx file. The output is deterministic: the same workbook
/// always gives the same bytes (fixed ZIP timestamps, sorted cells, first-use tables).
public enum XLSXWriter {
    /// Name of the very hidden sheet that holds drop-down lists too long to be inline.
    public static let listSheetName = "_lists"

    public static func write(_ workbook: Workbook) throws(XLSXError) -> Data {
        try WorkbookRules.check(workbook)
        let sheets = ListSpill.apply(to: workbook.sheets)
        let activeTab = sheets.firstIndex { $0.visibility == .visible } ?? 0

        var sheetWriter = SheetWriter(strings: SharedStringTable(), styles: StyleTable())
        var parts: [(String, String)] = []
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", sheetWriter.xml(for: sheet, selected: i == activeTab)))
        }
        let hasStrings = !sheetWriter.strings.strings.isEmpty
        let hasFormulas = sheets.contains { $0.nonEmptyCells.contains { if case .formula = $0.value { true } else { false } } }

        var all: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count, hasStrings: hasStrings)),
            ("_rels/.rels", rootRelationships()),
            ("xl/workbook.xml", workbookXML(sheets, activeTab: activeTab, hasFormulas: hasFormulas)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count, hasStrings: hasStrings)),
            ("xl/styles.xml", sheetWriter.styles.xml()),
        ]
        if hasStrings { all.append(("xl/sharedStrings.xml", sheetWriter.strings.xml())) }
        all += parts
        return try zip(all.map { ($0.0, Data($0.1.utf8)) })
    }

    private static func contentTypes(sheetCount: Int, hasStrings: Bool) -> String {
        let base = "application/vnd.openxmlformats-officedocument.spreadsheetml."
        var x = XMLBuilder()
        x.open("Types", [("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")])
        x.leaf("Default", [("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")])
        x.leaf("Default", [("Extension", "xml"), ("ContentType", "application/xml")])
        x.leaf("Override", [("PartName", "/xl/workbook.xml"), ("ContentType", base + "sheet.main+xml")])
        for i in 0..<sheetCount {
            x.leaf("Override", [("PartName", "/xl/worksheets/sheet\(i + 1).xml"), ("ContentType", base + "worksheet+xml")])
        }
        x.leaf("Override", [("PartName", "/xl/styles.xml"), ("ContentType", base + "styles+xml")])
        if hasStrings {
            x.leaf("Override", [("PartName", "/xl/sharedStrings.xml"), ("ContentType", base + "sharedStrings+xml")])
        }
        x.close("Types")
        return x.output
    }

    private static func rootRelationships() -> String {
        var x = XMLBuilder()
        x.open("Relationships", [("xmlns", OOXML.packageRelNS)])
        x.leaf("Relationship", [("Id", "rId1"), ("Type", OOXML.relTypeBase + "officeDocument"), ("Target", "xl/workbook.xml")])
        x.close("Relationships")
        return x.output
    }

    private static func workbookRelationships(sheetCount: Int, hasStrings: Bool) -> String {
        var x = XMLBuilder()
        x.open("Relationships", [("xmlns", OOXML.packageRelNS)])
        for i in 0..<sheetCount {
            x.leaf("Relationship", [("Id", "rId\(i + 1)"), ("Type", OOXML.relTypeBase + "worksheet"),
                                    ("Target", "worksheets/sheet\(i + 1).xml")])
        }
        x.leaf("Relationship", [("Id", "rId\(sheetCount + 1)"), ("Type", OOXML.relTypeBase + "styles"), ("Target", "styles.xml")])
        if hasStrings {
            x.leaf("Relationship", [("Id", "rId\(sheetCount + 2)"), ("Type", OOXML.relTypeBase + "sharedStrings"),
                                    ("Target", "sharedStrings.xml")])
        }
        x.close("Relationships")
        return x.output
    }

    private static func workbookXML(_ sheets: [Worksheet], activeTab: Int, hasFormulas: Bool) -> String {
        var x = XMLBuilder()
        x.open("workbook", [("xmlns", OOXML.mainNS), ("xmlns:r", OOXML.relNS)])
        x.leaf("workbookPr")
        x.open("bookViews")
        x.leaf("workbookView", [("activeTab", String(activeTab))])
        x.close("bookViews")
        x.open("sheets")
        for (i, sheet) in sheets.enumerated() {
            var attributes = [("name", sheet.name), ("sheetId", String(i + 1))]
            if sheet.visibility != .visible { attributes.append(("state", sheet.visibility.rawValue)) }
            attributes.append(("r:id", "rId\(i + 1)"))
            x.leaf("sheet", attributes)
        }
        x.close("sheets")
        // Formulas written without a cached value must be computed when the file opens.
        if hasFormulas { x.leaf("calcPr", [("calcId", "191029"), ("fullCalcOnLoad", "1")]) }
        x.close("workbook")
        return x.output
    }

    /// Internal rather than private so tests can build damaged or hostile archives.
    static func zip(_ parts: [(String, Data)]) throws(XLSXError) -> Data {
        // A fixed date keeps the bytes identical from one export to the next.
        let fixedDate = Date(timeIntervalSince1970: 946_728_000)
        do {
            let archive = try Archive(accessMode: .create)
            for (path, data) in parts {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: fixedDate, permissions: 0o644,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else { throw XLSXError(.unsupported("the ZIP archive could not be produced")) }
            return data
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError(.unsupported("the ZIP archive could not be produced: \(error)"))
        }
    }
}
