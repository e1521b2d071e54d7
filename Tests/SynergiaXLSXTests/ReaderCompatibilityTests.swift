import Foundation
import Testing
@testable import SynergiaXLSX

/// Hand-made parts in the shapes Excel and LibreOffice actually write.
@Suite("Reading files from other producers")
struct ReaderCompatibilityTests {
    private func read(_ sheet: String, strings: String? = nil, styles: String? = nil) throws -> Worksheet {
        try XLSXReader.read(try Fixture.package(sheetXML: sheet, sharedStrings: strings, styles: styles)).sheets[0]
    }

    @Test func prefixedNamespacesAndCustomPartNames() throws {
        let sheet = Fixture.sheet("""
            <x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2"><x:v>2.5</x:v></x:c></x:row></x:sheetData>
            """, prefix: "x")
        let strings = """
            <?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <x:si><x:t>zero</x:t></x:si><x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">Rich </x:t></x:r>\
            <x:r><x:t>text</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ignored</x:t></x:rPh></x:si></x:sst>
            """
        let ws = try read(sheet, strings: strings)
        #expect(ws.name == "Data")
        #expect(ws[2, 2] == .string("Rich text"))
        #expect(ws["C2"] == .number(2.5))
    }

    @Test func cellTypesInlineBooleansErrorsAndMissingReferences() throws {
        let ws = try read(Fixture.sheet("""
            <sheetData><row><c t="inlineStr"><is><t>inline</t></is></c><c t="b"><v>1</v></c>\
            <c t="e"><v>#DIV/0!</v></c><c/><c><v>7</v></c></row>\
            <row><c t="str"><v>plain str</v></c><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>\
            <row r="5"><c r="C5" t="b"><v>0</v></c><c><v>1e3</v></c></row></sheetData>
            """))
        #expect(ws.row(1) == [.string("inline"), .bool(true), .string("#DIV/0!"), .empty, .number(7)])
        #expect(ws[2, 1] == .string("plain str"))
        #expect(ws[2, 2] == .string("ab"))
        #expect(ws[5, 3] == .bool(false))
        #expect(ws[5, 4] == .number(1000))
    }

    @Test func formulasWithCachedValuesAndSharedFormulas() throws {
        let ws = try read(Fixture.sheet("""
            <sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+SUM(A1:A2)</f><v>5</v></c></row>\
            <row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>7</v></c></row>\
            <row r="3"><c r="B3"><f t="shared" si="0"/></c><c r="C3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>\
            <c r="D3" t="b"><f>A1&gt;0</f><v>1</v></c><c r="F3" t="b"><f aca="false">TRUE()</f><v>1</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>
            """))
        #expect(ws[1, 2] == .formula("A1*2+$A$1+SUM(A1:A2)", cached: "5"))
        #expect(ws[2, 2] == .formula("A2*2+$A$1+SUM(A2:A3)", cached: "7"))
        #expect(ws[3, 2] == .formula("A3*2+$A$1+SUM(A3:A4)", cached: nil))
        #expect(ws[3, 3] == .formula("\"a\"&\"b\"", cached: "ab"))
        #expect(ws[3, 4] == .formula("A1>0", cached: "TRUE"))
        #expect(ws[3, 5] == .formula("1/0", cached: "#DIV/0!"))
        #expect(ws[3, 6] == .bool(true), "LibreOffice writes booleans as TRUE()")
    }

    @Test func formulaShifterLeavesNamesStringsAndSheetsAlone() {
        #expect(FormulaShifter.shift("LOG10(A1)+'My Sheet'!B2&\"C3\"", rows: 1, columns: 1)
                == "LOG10(B2)+'My Sheet'!C3&\"C3\"")
        #expect(FormulaShifter.shift("A$1+$A1+XFD1", rows: 2, columns: 1) == "B$1+$A3+#REF!")
    }

    @Test func libreOfficeStyleBooleansStylesAndValidations() throws {
        let styles = """
            <?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2"><font><sz val="10"/></font><font><b val="true"/><i val="false"/></font></fonts>\
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
            <fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>\
            <cellXfs count="3"><xf fontId="0" fillId="0"><protection locked="true" hidden="false"/></xf>\
            <xf fontId="1" fillId="2" applyProtection="true"><alignment wrapText="true"/><protection locked="false"/></xf>\
            <xf fontId="9" fillId="9"/></cellXfs></styleSheet>
            """
        let ws = try read(Fixture.sheet("""
            <sheetViews><sheetView><pane xSplit="0" ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <cols><col min="1" max="2" width="20.7" customWidth="true"/><col min="3" max="1024" width="11.5" customWidth="false"/></cols>\
            <sheetData><row r="1"><c r="A1" s="1" t="n"/><c r="B1" s="2"><v>1</v></c></row></sheetData>\
            <sheetProtection sheet="true" objects="true" scenarios="true" formatColumns="false"/>\
            <dataValidations count="2"><dataValidation type="list" operator="equal" allowBlank="true" showDropDown="false" \
            showInputMessage="true" promptTitle="T" prompt="P" sqref="A1:A5"><formula1>"x,y"</formula1><formula2>0</formula2>\
            </dataValidation><dataValidation type="custom" sqref="B1"><formula1>ISNUMBER(B1)</formula1></dataValidation></dataValidations>\
            <extLst><ext uri="{CCE6A557-97BC-4b89-ADB8-A1A8F49F3A8C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">\
            <x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">\
            <x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$1:$A$9</xm:f></x14:formula1>\
            <xm:sqref>C1:C9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>
            """), styles: styles)
        #expect(ws.style(row: 1, column: 1) == CellStyle(bold: true, wrap: true, locked: false, shaded: true))
        #expect(ws[1, 1] == .empty && ws.cell(row: 1, column: 1) != nil)
        #expect(ws.style(row: 1, column: 2) == .plain)
        #expect(ws.frozenRows == 3)
        #expect(ws.columnWidths == [1: 20.7, 2: 20.7])
        #expect(ws.protection == SheetProtection(allowFormattingColumns: true))
        #expect(ws.validations.count == 2, "custom rules are skipped")
        #expect(ws.validations[0].kind == .list(["x", "y"]) && ws.validations[0].promptTitle == "T")
        #expect(ws.validations[1].kind == .listFormula("Lists!$A$1:$A$9"))
        #expect(ws.validations[1].range == CellRange("C1:C9"))
    }

    @Test func strictNamespaceRelationshipsAndHiddenStates() throws {
        let strict = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
        let workbook = """
            <?xml version="1.0"?><workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="\(strict.dropLast())">\
            <sheets><sheet name="Visible" sheetId="1" r:id="a"/><sheet name="Secret" sheetId="2" state="veryHidden" r:id="b"/>\
            <sheet name="Chart" sheetId="3" r:id="c"/></sheets></workbook>
            """
        let rels = """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="a" Type="\(strict)worksheet" Target="sheets/one.xml"/>\
            <Relationship Id="b" Type="\(strict)worksheet" Target="../xl/sheets/two.xml"/>\
            <Relationship Id="c" Type="\(strict)chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>
            """
        let root = Fixture.rootRels.replacingOccurrences(of: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/", with: strict)
            .replacingOccurrences(of: "xl/workbook.xml", with: "/xl/book.xml")
        let sheet = Fixture.sheet("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>")
        let data = try Fixture.zip([("[Content_Types].xml", Fixture.contentTypes), ("_rels/.rels", root),
                                    ("xl/book.xml", workbook), ("xl/_rels/book.xml.rels", rels),
                                    ("xl/sheets/one.xml", sheet), ("xl/sheets/two.xml", sheet)])
        let wb = try XLSXReader.read(data)
        #expect(wb.sheetNames == ["Visible", "Secret"])
        #expect(wb["secret"]?.visibility == .veryHidden)
        #expect(wb["Visible"]?[1, 1] == .number(1))
    }

    @Test func cellAddressParsing() {
        #expect(CellAddress("AB12") == CellAddress(row: 12, column: 28))
        #expect(CellAddress("$XFD$1048576") == CellAddress(row: 1_048_576, column: 16_384))
        #expect(CellAddress("XFE1") == nil && CellAddress("A0") == nil && CellAddress("1A") == nil && CellAddress("") == nil)
        #expect(CellAddress.columnName(703) == "AAA")
        #expect(CellRange("B3:A1")?.a1 == "A1:B3")
    }

    @Test func excelDateConversion() {
        let date = ExcelDate.date(fromSerial: 45_658)
        #expect(date == ISO8601DateFormatter().date(from: "2025-01-01T00:00:00Z"))
        #expect(ExcelDate.serial(from: date) == 45_658)
    }
}
