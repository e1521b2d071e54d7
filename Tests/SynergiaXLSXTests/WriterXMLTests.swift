import Foundation
import Testing
@testable import SynergiaXLSX

@Suite("What the writer puts in the package")
struct WriterXMLTests {
    let data: Data

    init() throws {
        data = try XLSXWriter.write(Fixture.richWorkbook())
    }

    @Test func packageHasTheStandardParts() throws {
        let types = try Fixture.part(data, "[Content_Types].xml")
        let overrides = Set(types.children("Override").compactMap { $0["PartName"] })
        #expect(overrides == ["/xl/workbook.xml", "/xl/styles.xml", "/xl/sharedStrings.xml",
                              "/xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml", "/xl/worksheets/sheet3.xml"])
        let rels = try Fixture.part(data, "xl/_rels/workbook.xml.rels").children("Relationship")
        #expect(rels.count == 5)
        let workbook = try Fixture.part(data, "xl/workbook.xml")
        let sheets = workbook.child("sheets")!.children("sheet")
        #expect(sheets.map { $0["state"] } == [nil, "hidden", "veryHidden"])
        #expect(workbook.child("calcPr")?["fullCalcOnLoad"] == "1")
    }

    @Test func stylesDeclareUnlockedBoldWrapAndShading() throws {
        let styles = try Fixture.part(data, "xl/styles.xml")
        let fonts = styles.child("fonts")!.children("font")
        let xfs = styles.child("cellXfs")!.children("xf")
        #expect(styles.child("cellXfs")?["count"] == String(xfs.count))
        #expect(xfs[0]["fontId"] == "0" && xfs[0].children.isEmpty, "index 0 is the plain style")
        let unlocked = xfs.filter { $0.child("protection")?["locked"] == "0" }
        #expect(unlocked.count == 2, "input style and wrapped unlocked style")
        #expect(xfs.contains { $0.child("alignment")?["wrapText"] == "1" })
        let bold = xfs.first { fonts[Int($0["fontId"]!)!].child("b") != nil }
        #expect(bold?["fillId"] == "2")
        let fills = styles.child("fills")!.children("fill")
        #expect(fills[2].child("patternFill")?["patternType"] == "solid")
        #expect(fills[1].child("patternFill")?["patternType"] == "gray125")
        #expect(xfs.contains { fonts[Int($0["fontId"]!)!].child("i") != nil })
    }

    @Test func sheetCarriesLayoutProtectionAndValidations() throws {
        let sheet = try Fixture.part(data, "xl/worksheets/sheet1.xml")
        // Excel rejects a worksheet whose children are out of schema order.
        let order = sheet.children.map(\.name)
        #expect(order == ["dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
                          "sheetProtection", "dataValidations", "pageMargins"])
        #expect(sheet.child("dimension")?["ref"] == "A1:C6")
        let pane = sheet.descendants("pane").first
        #expect(pane?["ySplit"] == "1" && pane?["state"] == "frozen" && pane?["topLeftCell"] == "A2")
        let cols = sheet.child("cols")!.children("col")
        #expect(cols.map { $0["width"] } == ["30", "14", "40"])
        #expect(sheet.child("sheetProtection")?["sheet"] == "1")
        let validations = sheet.child("dataValidations")!.children("dataValidation")
        #expect(validations.count == 5)
        #expect(validations[0]["type"] == "decimal" && validations[0]["operator"] == "between")
        #expect(validations[0]["prompt"] == "Hectares, 0 or more" && validations[0]["showInputMessage"] == "1")
        #expect(validations[0].child("formula2")?.text == "1000000000")
        #expect(validations[1].child("formula1")?.text == "\"Yes,No,Unknown\"")
        #expect(validations[2].child("formula1")?.text == "'_lists'!$A$1:$A$60")
        let b4 = sheet.descendants("c").first { $0["r"] == "B4" }
        #expect(b4 != nil && b4?.children.isEmpty == true, "styled empty input cell is written")
        let formulaCell = sheet.descendants("c").first { $0["r"] == "B5" }
        #expect(formulaCell?.child("f")?.text == "SUM(B2:B3)")
        #expect(formulaCell?.child("v")?.text == "1235.5")
    }

    @Test func sharedStringsAreDeduplicatedAndEscaped() throws {
        let text = try Fixture.partText(data, "xl/sharedStrings.xml")
        #expect(text.contains("Escapes &lt;&amp;&gt;\"' and\nnew line"))
        let sst = try Fixture.part(data, "xl/sharedStrings.xml")
        let strings = sst.children("si").map { $0.child("t")!.text }
        #expect(Set(strings).count == strings.count)
        #expect(sst["uniqueCount"] == String(strings.count))
    }

    @Test func controlCharactersNeverReachTheXML() throws {
        var sheet = Worksheet(name: "C")
        sheet[1, 1] = .string("a\u{0}b\u{7}c")
        sheet[1, 2] = .formula("\"\u{1}\"", cached: nil)
        sheet.validations = [DataValidation(range: CellRange("A1")!, kind: .textLength(max: 3), prompt: "p\u{2}q")]
        let data = try XLSXWriter.write(Workbook(sheets: [sheet]))
        for part in ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"] {
            let bytes = Array(try Fixture.partText(data, part).utf8)
            #expect(!bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }, "\(part)")
        }
        #expect(try Fixture.partText(data, "xl/sharedStrings.xml").contains("a_x0000_b_x0007_c"))
        #expect(try XLSXReader.read(data)["C"]?.validations.first?.prompt == "pq")
    }

    @Test func outputIsDeterministic() throws {
        let again = try XLSXWriter.write(Fixture.richWorkbook())
        #expect(again == data)
        // Same content built in a different order must give the same bytes.
        var a = Worksheet(name: "S"), b = Worksheet(name: "S")
        for i in 1...50 { a[i, i % 5 + 1] = .string("v\(i)") }
        for i in (1...50).reversed() { b[i, i % 5 + 1] = .string("v\(i)") }
        #expect(try XLSXWriter.write(Workbook(sheets: [a])) == XLSXWriter.write(Workbook(sheets: [b])))
    }

    @Test(arguments: ["", "A name that is longer than 31 chars", "a/b", "Q1?", "[x]", "x:y", "a*b", "back\\slash",
                      "'quoted'", "History"])
    func invalidSheetNamesAreRejected(_ name: String) {
        #expect(throws: XLSXError.self) { try XLSXWriter.write(Workbook(sheets: [Worksheet(name: name)])) }
    }

    @Test func otherWorkbookRulesAreChecked() {
        func kind(_ wb: Workbook) -> XLSXError.Kind? {
            do { _ = try XLSXWriter.write(wb); return nil } catch { return error.kind }
        }
        #expect(kind(Workbook()) == .invalidWorkbook("a workbook needs at least one sheet"))
        #expect(kind(Workbook(sheets: [Worksheet(name: "A", visibility: .hidden)])) != nil)
        #expect(kind(Workbook(sheets: [Worksheet(name: "Data"), Worksheet(name: "DATA")])) != nil)
        var long = Worksheet(name: "L")
        long.validations = [DataValidation(range: CellRange("A1")!, kind: .textLength(max: 1),
                                           prompt: String(repeating: "x", count: 256))]
        #expect(kind(Workbook(sheets: [long])) != nil)
        #expect(kind(Workbook(sheets: [Worksheet(name: String(repeating: "é", count: 31))])) == nil)
    }
}
