import Foundation
import Testing
@testable import SynergiaXLSX

@Suite("Damaged, foreign and hostile files")
struct ReaderErrorTests {
    private func kind(_ data: Data, limits: XLSXLimits = .init()) -> XLSXError.Kind? {
        do { _ = try XLSXReader.read(data, limits: limits); return nil } catch { return error.kind }
    }

    private var valid: Data { get throws { try XLSXWriter.write(Fixture.richWorkbook()) } }

    @Test func randomBytesAndEmptyDataAreNotZip() {
        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(kind(random) == .notZip)
        #expect(kind(Data()) == .notZip)
        #expect(kind(Data("name,value\nA,1\n".utf8)) == .notZip)
        let message = XLSXError(.notZip).description
        #expect(message.contains("not an Excel workbook") && message.contains("Export it again"))
    }

    @Test(arguments: [0.1, 0.5, 0.9, 0.99])
    func truncatedFilesFailCleanly(_ fraction: Double) throws {
        let data = try valid
        let cut = data.prefix(Int(Double(data.count) * fraction))
        let k = kind(Data(cut))
        #expect(k != nil)
        if case .corruptArchive = k {} else if k == .notZip {} else { Issue.record("unexpected \(String(describing: k))") }
    }

    @Test func corruptedBytesInsideAPartFailCleanly() throws {
        var data = try valid
        // Damage the compressed stream of the first entries without touching the directory.
        for i in stride(from: 60, to: min(2_000, data.count / 2), by: 7) { data[i] ^= 0xA5 }
        #expect(kind(data) != nil)
    }

    @Test func zipWithoutWorkbookReportsTheMissingPart() throws {
        let data = try Fixture.zip([("hello.txt", "not a workbook")])
        #expect(kind(data) == .missingPart("xl/workbook.xml"))
        #expect(XLSXError(.missingPart("xl/workbook.xml")).description.contains("\"xl/workbook.xml\" is missing"))
    }

    @Test func openDocumentFileIsNamedAsSuch() throws {
        let data = try Fixture.zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")])
        guard case .unsupported(let detail) = kind(data) else { Issue.record("expected unsupported"); return }
        #expect(detail.contains(".ods"))
    }

    @Test func malformedSheetXMLReportsPartAndLine() throws {
        let sheet = Fixture.sheet("\n<sheetData>\n<row r=\"1\">\n<c r=\"A1\"><v>1</v></c>\n<c r=\"B1\"><v>2</c>\n</row></sheetData>")
        let data = try Fixture.package(sheetXML: sheet)
        guard case let .malformedXML(part, line, _) = kind(data) else { Issue.record("expected malformedXML, got \(String(describing: kind(data)))"); return }
        #expect(part == "xl/worksheets/data.xml")
        #expect(line == 6)
        #expect(XLSXError(kind(data)!).description.contains("near line 6"))
    }

    @Test(arguments: ["", "<worksheet><sheetData><row r=\"1\">", "<worksheet/><extra/>", "<worksheet>&bogus;</worksheet>"])
    func unfinishedOrInvalidXMLIsReported(_ sheet: String) throws {
        guard case .malformedXML = kind(try Fixture.package(sheetXML: sheet)) else {
            Issue.record("expected malformedXML"); return
        }
    }

    @Test func invalidCellContentReportsLine() throws {
        let sheet = Fixture.sheet("<sheetData>\n<row r=\"1\">\n<c r=\"A1\"><v>1</v></c>\n<c r=\"B1\"><v>12abc</v></c></row></sheetData>")
        guard case let .malformedXML(_, line, message) = kind(try Fixture.package(sheetXML: sheet)) else {
            Issue.record("expected malformedXML"); return
        }
        #expect(line == 5)
        #expect(message.contains("B1"))
        let badRef = Fixture.sheet("<sheetData><row r=\"1\"><c r=\"A0\"><v>1</v></c></row></sheetData>")
        #expect(kind(try Fixture.package(sheetXML: badRef)) != nil)
        let badString = Fixture.sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData>")
        #expect(kind(try Fixture.package(sheetXML: badString)) != nil)
    }

    @Test func doctypeIsRefused() throws {
        let sheet = """
            <?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>
            """
        guard case .unsupported = kind(try Fixture.package(sheetXML: sheet)) else { Issue.record("expected unsupported"); return }
    }

    @Test func zipBombGuardStopsBeforeInflating() throws {
        // 5 MB of zeros compresses to a few kilobytes.
        let bomb = try XLSXWriter.zip([("xl/workbook.xml", Data(count: 5_000_000))])
        #expect(bomb.count < 50_000)
        guard case .tooLarge = kind(bomb, limits: XLSXLimits(maxUncompressedBytes: 1_000_000)) else {
            Issue.record("expected tooLarge"); return
        }
        #expect(kind(try valid, limits: XLSXLimits(maxUncompressedBytes: 1_000)) != nil)
    }

    @Test func inflatedBytesAreCountedEvenWhenTheDirectoryLies() throws {
        // Declared sizes are checked first; this exercises the second guard directly.
        let bomb = try XLSXWriter.zip([("a.xml", Data(count: 300_000))])
        let zip = try ZipParts(data: bomb, limits: XLSXLimits(maxUncompressedBytes: 400_000))
        _ = try zip.read("a.xml")
        #expect(throws: XLSXError.self) { _ = try zip.read("a.xml") }
    }

    @Test func fileSizeAndCellLimits() throws {
        let data = try valid
        guard case .tooLarge = kind(data, limits: XLSXLimits(maxFileBytes: 100)) else { Issue.record("expected tooLarge"); return }
        guard case .tooLarge = kind(data, limits: XLSXLimits(maxCells: 10)) else { Issue.record("expected tooLarge"); return }
        #expect(kind(data, limits: XLSXLimits(maxCells: 200)) == nil)
    }

    @Test func workbookPointingAtMissingSheetPart() throws {
        let data = try Fixture.package(sheetXML: Fixture.sheet("<sheetData/>"), sheetPath: "worksheets/data.xml")
        let parts = try ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"].map {
            ($0, try Fixture.partText(data, $0))
        }
        #expect(kind(try Fixture.zip(parts)) == .missingPart("xl/worksheets/data.xml"))
    }
}

@Suite("Fuzzing the reader")
struct ReaderFuzzTests {
    /// Found a trap in ZIPFoundation's in-memory reader, hence the temporary file in ZipParts.
    /// Flips bytes of a valid workbook many times; every outcome must be a value or an
    /// XLSXError, never a crash. A fixed seed keeps failures reproducible.
    @Test func mutatedWorkbooksNeverCrash() throws {
        let original = try XLSXWriter.write(Fixture.richWorkbook())
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var failures = 0
        for round in 0..<600 {
            var data = original
            // Every other round aims at the central directory at the end of the file.
            let span = round.isMultiple(of: 2) ? data.count : 400
            for _ in 0..<(1 + next() % 8) { data[data.count - 1 - next() % span] = UInt8(truncatingIfNeeded: next()) }
            do { _ = try XLSXReader.read(data) } catch { failures += 1 }
        }
        #expect(failures > 0)
    }

    @Test func hostileSheetValuesAreRejectedOrClamped() throws {
        let sheet = Fixture.sheet("""
            <sheetViews><sheetView><pane ySplit="1e300" xSplit="nan" state="frozen"/></sheetView></sheetViews>\
            <cols><col min="1" max="99999999" width="5" customWidth="1"/></cols>\
            <sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">A9223372036854775807+B1</f></c></row>\
            <row r="2"><c r="A2"><f t="shared" si="0"/></c></row></sheetData>
            """)
        let ws = try XLSXReader.read(try Fixture.package(sheetXML: sheet)).sheets[0]
        #expect(ws.frozenRows == 0 && ws.frozenColumns == 0)
        #expect(ws.columnWidths.count == CellAddress.maxColumn)
        #expect(ws[2, 1] == .formula("A9223372036854775807+B2", cached: nil))
    }
}
