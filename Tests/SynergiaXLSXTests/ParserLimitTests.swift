import Foundation
import Testing
@testable import SynergiaXLSX

@Suite("Structural limits of the XML parts")
struct ParserLimitTests {
    private func kind(_ data: Data, limits: XLSXLimits = .init()) -> XLSXError.Kind? {
        do { _ = try XLSXReader.read(data, limits: limits); return nil } catch { return error.kind }
    }

    private static let plainSheet = Fixture.sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>")

    private static func sharedStrings(nested depth: Int) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>ok</t></si>"
            + String(repeating: "<si>", count: depth) + String(repeating: "</si>", count: depth) + "</sst>"
    }

    /// 50,000 nested elements in the shared strings once overflowed the stack while the
    /// element tree was released; now the part is refused at the 101st level.
    @Test func fiftyThousandNestedSharedStringsAreRefusedWithTheLimit() throws {
        let data = try Fixture.package(sheetXML: Self.plainSheet, sharedStrings: Self.sharedStrings(nested: 50_000))
        #expect(data.count < 60_000)
        let refusal = kind(data)
        #expect(refusal == .limitExceeded(part: "xl/strings.xml", detail: "nests elements more than 100 deep"))
        #expect(XLSXError(refusal!).description == "The workbook cannot be imported: the part \"xl/strings.xml\" nests elements more than 100 deep. Excel and LibreOffice never write such a part; open the file in one of them, save it again as .xlsx and upload the new file.")
    }

    @Test func depthIsCountedFromTheRootInEveryKindOfPart() throws {
        // sst + 99 = 100 levels pass; one more is refused.
        let atLimit = try Fixture.package(sheetXML: Self.plainSheet, sharedStrings: Self.sharedStrings(nested: 99))
        #expect(kind(atLimit) == nil)
        #expect(try XLSXReader.read(atLimit).sheets[0][1, 1] == .string("ok"))
        let over = try Fixture.package(sheetXML: Self.plainSheet, sharedStrings: Self.sharedStrings(nested: 100))
        #expect(kind(over) == .limitExceeded(part: "xl/strings.xml", detail: "nests elements more than 100 deep"))

        let deepSheet = Fixture.sheet(String(repeating: "<extLst>", count: 20_000) + String(repeating: "</extLst>", count: 20_000))
        #expect(kind(try Fixture.package(sheetXML: deepSheet)) == .limitExceeded(part: "xl/worksheets/data.xml", detail: "nests elements more than 100 deep"))
        let deepStyles = "<styleSheet>" + String(repeating: "<a>", count: 50_000) + String(repeating: "</a>", count: 50_000) + "</styleSheet>"
        #expect(kind(try Fixture.package(sheetXML: Self.plainSheet, sharedStrings: Self.sharedStrings(nested: 0), styles: deepStyles))
            == .limitExceeded(part: "xl/styles.xml", detail: "nests elements more than 100 deep"))
    }

    @Test func elementCountTextAndAttributeSizesHaveLimits() throws {
        let manyStrings = "<sst>" + String(repeating: "<si><t>x</t></si>", count: 600) + "</sst>"
        let data = try Fixture.package(sheetXML: Self.plainSheet, sharedStrings: manyStrings)
        #expect(kind(data) == nil)
        #expect(kind(data, limits: XLSXLimits(maxElementsPerPart: 1_000)) == .limitExceeded(part: "xl/strings.xml", detail: "has more than 1000 elements"))

        let styles = "<styleSheet><cellXfs>" + String(repeating: "<xf/>", count: 50) + "</cellXfs></styleSheet>"
        let styled = try Fixture.package(sheetXML: Self.plainSheet, sharedStrings: Self.sharedStrings(nested: 0), styles: styles)
        // styleSheet, cellXfs and 50 xf.
        #expect(kind(styled, limits: XLSXLimits(maxTreeElements: 52)) == nil)
        #expect(kind(styled, limits: XLSXLimits(maxTreeElements: 51)) == .limitExceeded(part: "xl/styles.xml", detail: "has more than 51 elements"))

        let long = "<sst><si><t>" + String(repeating: "é", count: 600) + "</t></si></sst>"
        let longData = try Fixture.package(sheetXML: Self.plainSheet, sharedStrings: long)
        #expect(kind(longData, limits: XLSXLimits(maxTextBytes: 1_200)) == nil)
        #expect(kind(longData, limits: XLSXLimits(maxTextBytes: 1_000)) == .limitExceeded(part: "xl/strings.xml", detail: "has a text longer than 1000 bytes near line 1"))
        #expect(kind(data, limits: XLSXLimits(maxTextBytesPerPart: 500)) == .limitExceeded(part: "xl/strings.xml", detail: "has more than 500 bytes of text"))

        let attribute = Fixture.sheet("<sheetData><row r=\"1\" spans=\"\(String(repeating: "1", count: 300))\"/></sheetData>")
        let attributeData = try Fixture.package(sheetXML: attribute)
        #expect(kind(attributeData) == nil)
        #expect(kind(attributeData, limits: XLSXLimits(maxAttributeBytes: 299))
            == .limitExceeded(part: "xl/worksheets/data.xml", detail: "has an attribute \"spans\" longer than 299 bytes"))
    }

    @Test func descendantsWalkInDocumentOrderWithoutRecursion() throws {
        let xml = "<a><b id=\"1\"><b id=\"2\"/></b><c><b id=\"3\"/></c></a>"
        let root = try XMLNode.parse(Data(xml.utf8), part: "test.xml")
        #expect(root.descendants("b").map { $0["id"] } == ["1", "2", "3"])
        let deep = String(repeating: "<b>", count: 100) + String(repeating: "</b>", count: 100)
        #expect(try XMLNode.parse(Data(deep.utf8), part: "deep.xml").descendants("b").count == 99)
    }

    @Test func sharedStringsKeepRichTextAndDropPhoneticGuides() throws {
        let strings = "<sst><si><r><t>Rich </t></r><r><t>text</t></r><rPh><t>ルビ</t></rPh></si><si><t>_x0041_</t></si></sst>"
        let sheet = Fixture.sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row></sheetData>")
        let read = try XLSXReader.read(try Fixture.package(sheetXML: sheet, sharedStrings: strings)).sheets[0]
        #expect(read[1, 1] == .string("Rich text"))
        #expect(read[1, 2] == .string("A"))
    }
}
