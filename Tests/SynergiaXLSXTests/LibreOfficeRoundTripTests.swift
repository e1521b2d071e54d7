import Foundation
import Testing
@testable import SynergiaXLSX

/// The real offline round trip: our file is opened and saved again by LibreOffice Calc,
/// which rewrites every part in its own dialect, and must read back unchanged.
/// LibreOffice is installed by `make test`; set SYNERGIA_TEST_SKIP_LIBREOFFICE=1 to skip.
@Suite("LibreOffice round trip", .serialized)
struct LibreOfficeRoundTripTests {
    static let skipped = ProcessInfo.processInfo.environment["SYNERGIA_TEST_SKIP_LIBREOFFICE"] == "1"

    static func findLibreOffice() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").flatMap { ["\($0)/libreoffice", "\($0)/soffice"] }
            + ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
               "/opt/homebrew/bin/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Converts `input` to .xlsx with LibreOffice and returns the bytes it saved.
    static func convert(_ input: Data, libreOffice: String) throws -> Data {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-lo-\(UUID().uuidString)")
        let inDir = base.appendingPathComponent("in"), outDir = base.appendingPathComponent("out")
        let profile = base.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: inDir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let file = inDir.appendingPathComponent("report.xlsx")
        try input.write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: libreOffice)
        // A private profile avoids the lock held by any other running LibreOffice.
        process.arguments = ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                             "--convert-to", "xlsx", "--outdir", outDir.path, file.path]
        let log = base.appendingPathComponent("log.txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        if process.isRunning {
            process.terminate()
            throw ConversionError(message: "LibreOffice did not finish within 240 s")
        }
        try? handle.close()
        let output = outDir.appendingPathComponent("report.xlsx")
        guard let data = try? Data(contentsOf: output) else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ConversionError(message: "LibreOffice exited \(process.terminationStatus) without output: \(text)")
        }
        return data
    }

    struct ConversionError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    @Test(.enabled(if: !skipped, "SYNERGIA_TEST_SKIP_LIBREOFFICE=1"))
    func workbookSurvivesLibreOffice() throws {
        guard let libreOffice = Self.findLibreOffice() else {
            Issue.record("""
                LibreOffice is not installed, so the Excel round trip cannot be checked. \
                Run `make test` (it installs libreoffice-calc-nogui), or set SYNERGIA_TEST_SKIP_LIBREOFFICE=1.
                """)
            return
        }
        let original = Fixture.richWorkbook()
        var numbers = Worksheet(name: "Numbers")
        for r in 1...200 { numbers.appendRow([.number(Double(r) * 1.25), .string("n\(r)"), .bool(r.isMultiple(of: 3))]) }
        var workbook = original
        workbook.sheets.append(numbers)
        let written = try XLSXWriter.write(workbook)
        let saved = try Self.convert(written, libreOffice: libreOffice)
        #expect(saved != written, "LibreOffice rewrote the file")
        let read = try XLSXReader.read(saved)

        #expect(read.sheetNames == ["Report", "Codes", "Numbers", XLSXWriter.listSheetName])
        #expect(read["Codes"]?.visibility == .hidden)
        // LibreOffice has no "very hidden"; it saves such sheets as hidden.
        #expect(read[XLSXWriter.listSheetName]?.visibility != .visible)

        let report = try #require(read["Report"])
        let expected = original["Report"]!
        for cell in expected.nonEmptyCells {
            let got = report[cell.row, cell.column]
            if case let .formula(f, _) = cell.value {
                #expect(got == .formula(f, cached: "1235.5"), "\(cell.row),\(cell.column)")
            } else {
                #expect(got == cell.value, "\(cell.row),\(cell.column)")
            }
        }
        #expect(report.style(row: 2, column: 2).locked == false)
        #expect(report.style(row: 2, column: 2).shaded)
        #expect(report.style(row: 1, column: 1).bold)
        #expect(report.style(row: 2, column: 3).wrap)
        #expect(report.style(row: 1, column: 1).locked)
        // Not checked: frozenRows. LibreOffice's headless converter has no view, so it drops
        // every pane (even from files it saved itself); the desktop application keeps them.
        #expect(report.protection != nil)
        #expect(abs((report.columnWidths[1] ?? 0) - 30) < 1.5)

        let kinds = report.validations.map(\.kind)
        #expect(kinds.contains(.list(["Yes", "No", "Unknown"])), "\(kinds)")
        #expect(kinds.contains(.decimal(min: 0, max: 1e9)), "\(kinds)")
        #expect(kinds.contains(.whole(min: 1990, max: 2030)), "\(kinds)")
        #expect(kinds.contains(.textLength(max: 500)), "\(kinds)")
        #expect(kinds.contains { if case .listFormula(let f) = $0 { f.contains("_lists") && f.contains("$A$60") } else { false } },
                "\(kinds)")
        let area = report.validations.first { $0.kind == .decimal(min: 0, max: 1e9) }
        #expect(area?.prompt == "Hectares, 0 or more" && area?.error == "Enter a number of hectares")
        #expect(read[XLSXWriter.listSheetName]?[60, 1] == .string("Country option 60"))

        let codes = try #require(read["Codes"])
        #expect(codes[2, 1] == .string("KEN") && codes[2, 2] == .number(42))
        let n = try #require(read["Numbers"])
        #expect(n.rowCount == 200)
        for r in 1...200 {
            #expect(n.row(r) == [.number(Double(r) * 1.25), .string("n\(r)"), .bool(r.isMultiple(of: 3))])
        }
    }
}
