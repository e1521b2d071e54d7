import Foundation
@testable import SynergiaXLSX

/// Helpers to look inside written files and to build hand-made packages that imitate
/// what Excel and LibreOffice produce.
enum Fixture {
    static func partText(_ xlsx: Data, _ path: String) throws -> String {
        let zip = try ZipParts(data: xlsx, limits: XLSXLimits())
        return String(decoding: try zip.read(path), as: UTF8.self)
    }

    static func part(_ xlsx: Data, _ path: String) throws -> XMLNode {
        let zip = try ZipParts(data: xlsx, limits: XLSXLimits())
        return try XMLNode.parse(try zip.read(path), part: path)
    }

    static func zip(_ parts: [(String, String)]) throws -> Data {
        try XLSXWriter.zip(parts.map { ($0.0, Data($0.1.utf8)) })
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """

    static let rootRels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    /// A one-sheet package whose sheet part has a non-default name, as Excel sometimes does.
    static func package(sheetXML: String, sharedStrings: String? = nil, styles: String? = nil,
                        sheetPath: String = "worksheets/data.xml") throws -> Data {
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="Data" sheetId="7" r:id="rIdSheet"/></sheets></workbook>
            """
        var rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rIdSheet" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="\(sheetPath)"/>
            """
        var parts = [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels), ("xl/workbook.xml", workbook),
                     ("xl/" + sheetPath, sheetXML)]
        if let sharedStrings {
            rels += "<Relationship Id=\"rIdSS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/strings.xml\"/>"
            parts.append(("xl/strings.xml", sharedStrings))
        }
        if let styles {
            rels += "<Relationship Id=\"rIdSt\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            parts.append(("xl/styles.xml", styles))
        }
        parts.append(("xl/_rels/workbook.xml.rels", rels + "</Relationships>"))
        return try zip(parts)
    }

    static func sheet(_ body: String, prefix: String = "") -> String {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let ns = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <\(p)worksheet \(ns)="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\(body)</\(p)worksheet>
            """
    }

    /// A workbook touching every feature, shared by the round-trip and LibreOffice tests.
    static func richWorkbook() -> Workbook {
        var report = Worksheet(name: "Report")
        report.set(.string("Indicator"), row: 1, column: 1, style: CellStyle(bold: true, shaded: true))
        report.set(.string("Value"), row: 1, column: 2, style: CellStyle(bold: true, shaded: true))
        report.set(.string("Notes"), row: 1, column: 3, style: CellStyle(bold: true, shaded: true))
        report[2, 1] = .string("Forest area (ha)")
        report.set(.number(1234.5), row: 2, column: 2, style: .input)
        report.set(.string("森林面积 — مساحة الغابات"), row: 2, column: 3, style: CellStyle(wrap: true, locked: false))
        report[3, 1] = .string("Reported")
        report.set(.bool(true), row: 3, column: 2, style: .input)
        report[4, 1] = .string("Escapes <&>\"' and\nnew line")
        report.set(.empty, row: 4, column: 2, style: .input)
        report[5, 1] = .string("Total")
        report[5, 2] = .formula("SUM(B2:B3)", cached: "1235.5")
        report[6, 1] = .string("Ratio")
        report[6, 2] = .number(-0.000123)
        report[6, 3] = .string("italic note")
        report.set(.string("italic note"), row: 6, column: 3, style: CellStyle(italic: true))
        report.columnWidths = [1: 30, 2: 14, 3: 40]
        report.frozenRows = 1
        report.protection = SheetProtection()
        report.validations = [
            DataValidation(range: CellRange("B2")!, kind: .decimal(min: 0, max: 1e9), promptTitle: "Area",
                           prompt: "Hectares, 0 or more", errorTitle: "Invalid", error: "Enter a number of hectares"),
            DataValidation(range: CellRange("C2:C10")!, kind: .list(["Yes", "No", "Unknown"]), prompt: "Pick one"),
            DataValidation(range: CellRange("D2:D10")!, kind: .list((1...60).map { "Country option \($0)" })),
            DataValidation(range: CellRange("E2:E10")!, kind: .whole(min: 1990, max: 2030)),
            DataValidation(range: CellRange("F2:F10")!, kind: .textLength(max: 500)),
        ]
        var hidden = Worksheet(name: "Codes", visibility: .hidden)
        hidden[1, 1] = .string("ISO3")
        hidden[2, 1] = .string("KEN")
        hidden[2, 2] = .number(42)
        return Workbook(sheets: [report, hidden])
    }
}
