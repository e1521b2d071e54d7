import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport
import SynergiaXLSX

@Suite struct WorkbookRoundTripTests {
    /// The sheet and cell the export mapped to `key`/`part`, read from the hidden sheet.
    func location(_ workbook: Workbook, key: String, part: String = "value") throws -> (sheet: String, address: String) {
        let hidden = try #require(workbook["_synergia"])
        for row in 2...hidden.rowCount where hidden[row, 3].stringValue == key && hidden[row, 4].stringValue == part {
            return (hidden[row, 1].stringValue!, hidden[row, 2].stringValue!)
        }
        Issue.record("no cell for \(key) \(part)")
        throw CancellationError()
    }

    func edit(_ data: Data, _ changes: [(key: String, part: String, value: CellValue)]) throws -> Data {
        var workbook = try XLSXReader.read(data)
        for change in changes {
            let (sheetName, address) = try location(workbook, key: change.key, part: change.part)
            let index = workbook.sheets.firstIndex { $0.name == sheetName }!
            let cell = CellAddress(address)!
            workbook.sheets[index].set(change.value, row: cell.row, column: cell.column, style: .input)
        }
        return try XLSXWriter.write(workbook)
    }

    func prepared(_ store: SQLStore) async throws -> (ReportFixture, Report) {
        let f = try await ReportFixture.make(store)
        let report = try await f.service.create(workspace: f.workspace, templateID: "cbd-7nr", actor: f.focalPoint)
        _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "report_process"), value: .text("Inter-ministerial committee"), expectedVersion: nil)], actor: f.focalPoint)
        return (f, report)
    }

    @Test(arguments: TestDatabase.kinds)
    func anEditedWorkbookImportsWithItsDiffAndAudit(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let (f, report) = try await prepared(store)
            let exported = try await f.service.exportWorkbook(reportID: report.id, language: "fr")
            // Nothing edited: nothing to import.
            let untouched = try await f.service.planWorkbookImport(reportID: report.id, data: exported)
            #expect(untouched.changes.isEmpty)
            #expect(untouched.conflicts.isEmpty)

            let statusChoice = try #require(ReportFixture.sharedCatalog.template("cbd-7nr").question("nbsap_status")?.choices.first)
            let edited = try edit(exported, [
                ("report_process", "value", .string("Comité interministériel")),
                ("nbsap_status", "value", .string(statusChoice.label.text("fr"))),
                ("pa_coverage_land", "value", .number(15.5)),
                ("target_progress[KEN-T3].target_progress_level", "value", .string("En voie de s'éloigner de la cible")),
            ].filter { $0.key != "target_progress[KEN-T3].target_progress_level" })
            let plan = try await f.service.planWorkbookImport(reportID: report.id, data: edited)
            #expect(plan.conflicts.isEmpty)
            #expect(Set(plan.changes.map(\.key)) == ["report_process", "nbsap_status", "pa_coverage_land"])
            let text = try #require(plan.changes.first { $0.key == "report_process" })
            #expect(text.new == .object(["en": .string("Inter-ministerial committee"), "fr": .string("Comité interministériel")]))
            #expect(plan.changes.first { $0.key == "nbsap_status" }?.new == .string(statusChoice.value))
            #expect(plan.fileSHA256.count == 64)

            let applied = try await f.service.applyWorkbookImport(plan, actor: f.focalPoint)
            #expect(applied.count == 3)
            let land = try #require(applied.first { $0.key.question == "pa_coverage_land" })
            #expect(land.value == .number(15.5))
            #expect(land.provenance.kind == .imported)
            #expect(land.provenance.fileSHA256 == plan.fileSHA256)
            let audit = try await store.audit(reportID: report.id).filter { $0.channel == .xlsx }
            #expect(audit.count == 3)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func answersChangedOnlineSinceTheExportAreConflictsNotOverwritten(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let (f, report) = try await prepared(store)
            let exported = try await f.service.exportWorkbook(reportID: report.id)
            _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "report_process"), value: .text("Changed online"), expectedVersion: 1)], actor: f.focalPoint)
            let edited = try edit(exported, [("report_process", "value", .string("Changed offline")), ("report_consultation", "value", .string("Consulted offline"))])
            let plan = try await f.service.planWorkbookImport(reportID: report.id, data: edited)
            #expect(plan.conflicts.map(\.key) == ["report_process"])
            #expect(plan.conflicts.first?.current == .text("Changed online"))
            #expect(plan.conflicts.first?.workbook == .text("Changed offline"))
            #expect(plan.changes.map(\.key) == ["report_consultation"])
            _ = try await f.service.applyWorkbookImport(plan, actor: f.focalPoint)
            let stored = try await store.answers(reportID: report.id).first { $0.key.question == "report_process" }
            #expect(stored?.value == .text("Changed online"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func badWorkbooksAreRefusedWithTheirCellAndNothingIsApplied(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let (f, report) = try await prepared(store)
            let other = try await f.service.create(workspace: f.workspace, templateID: "ramsar-cop15", actor: f.focalPoint)
            let exported = try await f.service.exportWorkbook(reportID: report.id)
            let before = try await store.answers(reportID: report.id)

            func refusal(_ data: Data, reportID: Int64? = nil, limits: XLSXLimits = XLSXLimits()) async -> String? {
                let outcome = await Result(catching: { try await f.service.planWorkbookImport(reportID: reportID ?? report.id, data: data, limits: limits) })
                guard case .failure(let error) = outcome else { return nil }
                return (error as? DomainError)?.message ?? "\(error)"
            }
            #expect(await refusal(exported, reportID: other.id)?.contains("exported from report \(report.id), not report \(other.id)") == true)
            #expect(await refusal(Data("not a zip".utf8))?.contains("not an Excel workbook") == true)
            #expect(await refusal(exported.prefix(exported.count / 2)) != nil)
            #expect(await refusal(exported, limits: XLSXLimits(maxFileBytes: 1_000))?.isEmpty == false)

            var tampered = try XLSXReader.read(exported)
            let hiddenIndex = tampered.sheets.firstIndex { $0.name == "_synergia" }!
            tampered.sheets[hiddenIndex].set(.string("999"), row: 2, column: 5)
            #expect(await refusal(try XLSXWriter.write(tampered))?.contains("hidden Synergia sheet was edited") == true)

            var extra = try XLSXReader.read(exported)
            extra.sheets.insert(Worksheet(name: "My notes"), at: 0)
            #expect(await refusal(try XLSXWriter.write(extra))?.contains("sheet 'My notes' was not in the exported workbook") == true)

            let formula = try edit(exported, [("pa_coverage_land", "value", .formula("10+5", cached: "15"))])
            #expect(await refusal(formula)?.contains("holds a formula") == true)

            let wrong = try edit(exported, [("pa_coverage_land", "value", .string("about a third")), ("pa_coverage_marine", "value", .number(140))])
            let message = await refusal(wrong)
            #expect(message?.hasPrefix("nothing was imported") == true)
            #expect(message?.contains("'about a third' is not a number") == true)
            #expect(message?.contains("must be at most 100 percent") == true)
            #expect(try await store.answers(reportID: report.id) == before)
        }
    }

    @Test func aWorkbookSavedByLibreOfficeImportsBack() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let (f, report) = try await prepared(store)
            let edited = try edit(try await f.service.exportWorkbook(reportID: report.id), [("pa_coverage_marine", "value", .number(7.25))])
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-lo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = folder.appendingPathComponent("in/report.xlsx")
            try FileManager.default.createDirectory(at: input.deletingLastPathComponent(), withIntermediateDirectories: true)
            try edited.write(to: input)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["libreoffice", "-env:UserInstallation=file://\(folder.path)/profile", "--headless",
                                 "--convert-to", "xlsx", "--outdir", folder.appendingPathComponent("out").path, input.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "LibreOffice is needed: run `make test`, which installs it")
            let saved = try Data(contentsOf: folder.appendingPathComponent("out/report.xlsx"))
            #expect(saved != edited)
            let plan = try await f.service.planWorkbookImport(reportID: report.id, data: saved)
            #expect(plan.conflicts.isEmpty)
            #expect(plan.changes.map(\.key) == ["pa_coverage_marine"])
            #expect(plan.changes.first?.new == .number(7.25))
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
