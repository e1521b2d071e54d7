import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport
import SynergiaXLSX

/// Damaged and hostile workbooks imported into a report: each is applied or refused
/// with a message, and a refusal leaves the answers and the audit trail as they were.
@Suite struct WorkbookImportFuzzTests {
    static let hostileTexts = [
        "=HYPERLINK(\"http://evil.example\",\"x\")", "invoice_\u{202E}fdp.exe", "bell\u{0007}", String(repeating: "x", count: 100_001),
        "zero\u{200B}width", "", "  ", "-12.5", "1e308", "nan", "oui", "yes", "2020-02-30", "https://example.org", "a\u{0000}b",
    ]

    func state(_ store: SQLStore, _ report: Int64) async throws -> [String] {
        let answers = try await store.answers(reportID: report).map { "\($0.key)#\($0.version)=\((try? JSONCoding.string($0.value)) ?? "?")" }
        return answers.sorted() + ["audit \(try await store.audit(reportID: report).count)"]
    }

    @Test(arguments: TestDatabase.kinds)
    func mutatedWorkbooksAreAppliedOrRefusedWithTheReportUnchanged(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let exported = try await f.service.exportWorkbook(reportID: report.id)
            let original = try XLSXReader.read(exported)
            let hidden = try #require(original["_synergia"])
            let inputs = (2...hidden.rowCount).compactMap { row -> (sheet: String, address: CellAddress)? in
                guard hidden[row, 4].stringValue != "sheet", let sheet = hidden[row, 1].stringValue,
                      let address = hidden[row, 2].stringValue.flatMap(CellAddress.init) else { return nil }
                return (sheet, address)
            }
            #expect(inputs.count > 20)
            var random = SeededRandom(seed: 0x7E57)
            var applied = 0, refused = 0
            for round in 0..<12 {
                let data: Data
                if round.isMultiple(of: 3) {
                    data = FuzzMutation.allCases[round / 3 % FuzzMutation.allCases.count].apply(exported, &random)
                } else {
                    // Hostile values in input cells reach the answer rules, past the file format.
                    var workbook = original
                    for _ in 0..<random.int(1...3) {
                        let input = inputs[random.int(0...(inputs.count - 1))]
                        let sheet = workbook.sheets.firstIndex { $0.name == input.sheet }!
                        let text = Self.hostileTexts[random.int(0...(Self.hostileTexts.count - 1))]
                        let value: CellValue = random.chance(0.2) ? .number(random.uniform(-1e6...1e6)) : .string(text)
                        workbook.sheets[sheet].set(value, row: input.address.row, column: input.address.column, style: .input)
                    }
                    data = try XLSXWriter.write(workbook)
                }
                let before = try await state(store, report.id)
                do {
                    let plan = try await f.service.planWorkbookImport(reportID: report.id, data: data)
                    _ = try await f.service.applyWorkbookImport(plan, actor: f.focalPoint)
                    applied += 1
                } catch let error as DomainError {
                    refused += 1
                    #expect(!error.message.isEmpty)
                    #expect(!error.message.contains(NSTemporaryDirectory()), "\(error.message)")
                    #expect(try await state(store, report.id) == before)
                } catch {
                    // A stale answer from an earlier round's import: refused as a whole too.
                    refused += 1
                    #expect(try await state(store, report.id) == before)
                }
            }
            #expect(applied > 0 && refused > 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func hostileTextInAWorkbookIsRefusedNamingTheCell(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
            let exported = try await f.service.exportWorkbook(reportID: report.id)
            var workbook = try XLSXReader.read(exported)
            let hidden = try #require(workbook["_synergia"])
            let row = try #require((2...hidden.rowCount).first { hidden[$0, 3].stringValue == "report_process" && hidden[$0, 4].stringValue == "value" })
            let sheetName = try #require(hidden[row, 1].stringValue), address = try #require(hidden[row, 2].stringValue.flatMap(CellAddress.init))
            let sheet = workbook.sheets.firstIndex { $0.name == sheetName }!
            workbook.sheets[sheet].set(.string("Committee\u{202E}"), row: address.row, column: address.column, style: .input)
            let before = try await state(store, report.id)
            let refusal = await #expect(throws: DomainError.self) {
                try await f.service.planWorkbookImport(reportID: report.id, data: try XLSXWriter.write(workbook))
            }
            #expect(refusal?.message == "nothing was imported; fix these cells and import again:\n\(sheetName)!\(address.a1) (report_process): the text in en contains the invisible direction-changing character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 10; delete it (retyping the text or pasting it as plain text removes it)")
            #expect(try await state(store, report.id) == before)
        }
    }
}
