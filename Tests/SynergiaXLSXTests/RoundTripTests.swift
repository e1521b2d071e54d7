import Foundation
import Testing
@testable import SynergiaXLSX

@Suite("Write then read")
struct RoundTripTests {
    private func roundTrip(_ workbook: Workbook) throws -> Workbook {
        try XLSXReader.read(try XLSXWriter.write(workbook))
    }

    @Test func everyCellKindSurvives() throws {
        var sheet = Worksheet(name: "Kinds")
        let values: [CellValue] = [
            .string("text"), .number(42), .number(3.141592653589793), .number(-1e-9), .number(1e20),
            .bool(true), .bool(false), .formula("A2*2", cached: "84"), .formula("B1&\"x\"", cached: "textx"),
            .formula("A2>1", cached: "TRUE"), .formula("NOW()", cached: nil), .string(""),
        ]
        for (i, v) in values.enumerated() { sheet[i + 1, 1] = v }
        let read = try roundTrip(Workbook(sheets: [sheet]))["Kinds"]!
        for (i, v) in values.enumerated() where v != .string("") {
            #expect(read[i + 1, 1] == v, "row \(i + 1)")
        }
        #expect(read.nonEmptyCells.count == values.count)
    }

    @Test func richWorkbookSurvivesCompletely() throws {
        let original = Fixture.richWorkbook()
        let read = try roundTrip(original)
        #expect(read.sheetNames == ["Report", "Codes", XLSXWriter.listSheetName])
        let report = read["Report"]!
        let expected = original["Report"]!
        #expect(report.allCells == expected.allCells)
        #expect(report.columnWidths == expected.columnWidths)
        #expect(report.frozenRows == 1)
        #expect(report.protection == SheetProtection())
        #expect(report.style(row: 4, column: 2) == .input, "a styled empty input cell is kept")
        #expect(read["Codes"]?.visibility == .hidden)
        #expect(read[XLSXWriter.listSheetName]?.visibility == .veryHidden)
        #expect(read["Codes"]?[2, 2] == .number(42))

        #expect(report.validations.count == 5)
        #expect(report.validations[0] == expected.validations[0])
        #expect(report.validations[1].kind == .list(["Yes", "No", "Unknown"]))
        #expect(report.validations[1].prompt == "Pick one")
        #expect(report.validations[2].kind == .listFormula("'_lists'!$A$1:$A$60"))
        #expect(read[XLSXWriter.listSheetName]?[60, 1] == .string("Country option 60"))
        #expect(report.validations[3].kind == .whole(min: 1990, max: 2030))
        #expect(report.validations[4].kind == .textLength(max: 500))
    }

    @Test(arguments: [
        "中文：国家森林资源清查", "العربية: مساحة الغابات", "emoji 🌲🌳 and combining é",
        "<tag attr=\"v\">&amp; 'q'</tag>", "  leading and trailing  ", "tab\tand\nnewline\r\nCRLF",
        "literal _x0041_ stays", "control \u{01}\u{1F} chars", "\u{FFFE} non-character",
    ])
    func textSurvives(_ text: String) throws {
        var sheet = Worksheet(name: "T")
        sheet[1, 1] = .string(text)
        sheet[1, 2] = .formula("\"x\"", cached: text)
        let read = try roundTrip(Workbook(sheets: [sheet]))["T"]!
        #expect(read[1, 1] == .string(text))
        #expect(read[1, 2] == .formula("\"x\"", cached: text))
    }

    @Test func unicodeSheetNamesAndValidationTexts() throws {
        var sheet = Worksheet(name: "تقرير 报告")
        sheet[1, 1] = .number(1)
        sheet.validations = [DataValidation(range: CellRange("A1")!, kind: .list(["是", "否", "\"quoted\""]),
                                            promptTitle: "اختر", prompt: "Line 1\nLine 2 & <more>")]
        let read = try roundTrip(Workbook(sheets: [sheet]))
        let v = try #require(read["تقرير 报告"]?.validations.first)
        #expect(v.kind == .list(["是", "否", "\"quoted\""]))
        #expect(v.promptTitle == "اختر")
        #expect(v.prompt == "Line 1\nLine 2 & <more>")
    }

    @Test func tenThousandRows() throws {
        var sheet = Worksheet(name: "Big")
        for r in 1...10_000 {
            sheet.appendRow([.number(Double(r)), .string("Row \(r)"), .number(Double(r) / 7), .bool(r % 2 == 0)])
        }
        let data = try XLSXWriter.write(Workbook(sheets: [sheet]))
        let read = try XLSXReader.read(data)["Big"]!
        #expect(read.rowCount == 10_000)
        #expect(read.columnCount == 4)
        #expect(read.row(9_999) == [.number(9_999), .string("Row 9999"), .number(9_999.0 / 7), .bool(false)])
        #expect(read.nonEmptyCells.count == 40_000)
    }

    @Test func nonFiniteNumbersBecomeNumErrors() throws {
        var sheet = Worksheet(name: "N")
        sheet[1, 1] = .number(.nan)
        sheet[1, 2] = .number(.infinity)
        let read = try roundTrip(Workbook(sheets: [sheet]))["N"]!
        #expect(read.row(1) == [.string("#NUM!"), .string("#NUM!")])
    }

    @Test func frozenColumnsValidationBoundsAndPassword() throws {
        var sheet = Worksheet(name: "S")
        sheet[1, 1] = .string("x")
        sheet.frozenRows = 2
        sheet.frozenColumns = 1
        sheet.protection = SheetProtection(password: "secret", allowFormattingColumns: false, allowSelectingLockedCells: false)
        sheet.validations = [
            DataValidation(range: CellRange("A1")!, kind: .decimal(min: nil, max: 100)),
            DataValidation(range: CellRange("B1")!, kind: .decimal(min: 0.5, max: nil)),
            DataValidation(range: CellRange("C1")!, kind: .whole(min: nil, max: nil), allowBlank: false),
            DataValidation(ranges: [CellRange("D1:D5")!, CellRange("F1")!], kind: .date(min: 36526, max: 73051)),
            DataValidation(range: CellRange("G1")!, kind: .listFormula("=Codes!$A$2:$A$9")),
        ]
        let read = try roundTrip(Workbook(sheets: [sheet]))["S"]!
        #expect(read.frozenRows == 2 && read.frozenColumns == 1)
        #expect(read.protection == sheet.protection)
        #expect(read.protection?.passwordHash == SheetProtection.legacyHash("secret"))
        #expect(read.validations.map(\.kind) == [
            .decimal(min: nil, max: 100), .decimal(min: 0.5, max: nil), .whole(min: nil, max: nil),
            .date(min: 36526, max: 73051), .listFormula("Codes!$A$2:$A$9"),
        ])
        #expect(read.validations[2].allowBlank == false)
        #expect(read.validations[3].ranges.map(\.a1) == ["D1:D5", "F1"])
    }

    @Test func listWithCommaInsideAChoiceGoesToTheListSheet() throws {
        var sheet = Worksheet(name: "S")
        sheet.validations = [DataValidation(range: CellRange("A1:A5")!, kind: .list(["Yes, fully", "No"]))]
        sheet[1, 2] = .number(1)
        var taken = Worksheet(name: "_lists")
        taken[1, 1] = .string("user data")
        let read = try roundTrip(Workbook(sheets: [sheet, taken]))
        #expect(read.sheetNames == ["S", "_lists", "_lists2"])
        #expect(read["S"]?.validations.first?.kind == .listFormula("'_lists2'!$A$1:$A$2"))
        #expect(read["_lists2"]?.row(1) == [.string("Yes, fully")])
    }
}
