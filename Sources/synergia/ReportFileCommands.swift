import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaXLSX

struct ReportExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a report as JSON, HTML, PDF, XLSX (offline work) or CSV, or in a secretariat's shape.",
        discussion: "ort-json, ort-indicator-csv and ort-binary-csv are the CBD Online Reporting Tool's document and downloads; secretariat-json keys every answer by the template's secretariat keys (docs/secretariat-exports.md).")
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, html, pdf, xlsx, csv, zip
        case ortJSON = "ort-json", ortIndicatorCSV = "ort-indicator-csv", ortBinaryCSV = "ort-binary-csv", secretariatJSON = "secretariat-json"
    }

    @OptionGroup var store: StoreOptions
    @Argument(help: "Report id.") var report: Int64
    @Option(help: "json, html, pdf, xlsx, csv, zip (report.json with the attached files), ort-json, ort-indicator-csv, ort-binary-csv or secretariat-json.") var format: Format
    @Option(help: "Language of labels: en, fr, es, zh, ar, ru.") var language = "en"
    @Option(help: "Output file.") var out: String

    func run() async throws {
        try await userFacing {
            let data: Data = try await withReporting(store) { service in
                switch format {
                case .json: try await service.exportJSON(reportID: report, language: language)
                case .html: Data(try await service.exportHTML(reportID: report, language: language).utf8)
                case .pdf: try await service.exportPDF(reportID: report, language: language)
                case .xlsx: try await service.exportWorkbook(reportID: report, language: language)
                case .csv: Data(try await service.exportCSV(reportID: report, language: language).utf8)
                case .zip: try await service.exportZIP(reportID: report, language: language)
                case .ortJSON: try await service.exportORTJSON(reportID: report, language: language)
                case .ortIndicatorCSV: Data(try await service.exportORTIndicatorCSV(reportID: report).utf8)
                case .ortBinaryCSV: Data(try await service.exportORTBinaryCSV(reportID: report).utf8)
                case .secretariatJSON: try await service.exportSecretariatJSON(reportID: report)
                }
            }
            try data.write(to: URL(fileURLWithPath: out))
            print("Wrote \(out) (\(data.count) bytes).")
        }
    }
}

struct ReportImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-xlsx",
        abstract: "Import a filled-in workbook: shows the changes and conflicts; --apply stores the changes.",
        discussion: "Everything is checked before anything is stored. Answers changed online since the export are conflicts and are never overwritten.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "Report id.") var report: Int64
    @Argument(help: "The workbook (.xlsx).") var file: String
    @Flag(help: "Store the changes (without it, only show them).") var apply = false
    @Option(help: "Largest workbook accepted, in MB (default: SYNERGIA_MAX_UPLOAD_MB or 20).") var maxSize: Int?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await userFacing {
            let limit = UploadLimit(maxSizeMB: maxSize)
            let data = try limit.read(file)
            let (plan, applied) = try await withReporting(store) { service in
                let view = try await service.view(reportID: report)
                let plan = try await service.planWorkbookImport(in: view, data: data, limits: XLSXLimits(maxFileBytes: limit.bytes))
                guard apply else { return (plan, 0) }
                return (plan, try await service.applyWorkbookImport(plan, in: view, actor: try await actor.resolve(service, report: report)).count)
            }
            if output.json { return try printJSON(plan) }
            for change in plan.changes { print("change   \(change.location)  \(change.key): \(change.old) → \(change.new)") }
            for conflict in plan.conflicts {
                print("CONFLICT \(conflict.location)  \(conflict.key): changed online since the export (now \(conflict.current)); workbook says \(conflict.workbook) — not applied")
            }
            print(apply ? "Applied \(applied) change(s); \(plan.conflicts.count) conflict(s) left as they are online."
                        : "\(plan.changes.count) change(s), \(plan.conflicts.count) conflict(s). Run again with --apply to store the changes.")
        }
    }
}

struct ReportImportSecretariatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-secretariat",
        abstract: "Import a report exported as ort-json or secretariat-json: shows the changes and conflicts; --apply stores the changes.",
        discussion: "Keys and codes are mapped back through the report's template; an unknown key or code refuses the whole file. Answers the report already holds with another value are conflicts, replaced only with --overwrite.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "Report id.") var report: Int64
    @Argument(help: "The document (.json).") var file: String
    @Flag(help: "Store the changes (without it, only show them).") var apply = false
    @Flag(help: "With --apply, also replace the answers in conflict with the file's values.") var overwrite = false
    @Option(help: "Largest document accepted, in MB (default: SYNERGIA_MAX_UPLOAD_MB or 20).") var maxSize: Int?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await userFacing {
            let data = try UploadLimit(maxSizeMB: maxSize).read(file)
            let (plan, applied) = try await withReporting(store) { service in
                let view = try await service.view(reportID: report)
                let plan = try await service.planSecretariatImport(in: view, data: data)
                guard apply else { return (plan, 0) }
                return (plan, try await service.applySecretariatImport(plan, in: view, overwrite: overwrite, actor: try await actor.resolve(service, report: report)).count)
            }
            if output.json { return try printJSON(plan) }
            for change in plan.changes { print("change   \(change.location)  \(change.key): \(change.old) → \(change.new)") }
            for conflict in plan.conflicts {
                print("CONFLICT \(conflict.location)  \(conflict.key): the report holds \(conflict.current); the file says \(conflict.file)\(overwrite ? "" : " — not applied")")
            }
            for note in plan.notes { print("note     \(note)") }
            let kept = overwrite ? 0 : plan.conflicts.count
            print(apply ? "Applied \(applied) change(s); \(kept) conflict(s) left as they are."
                        : "\(plan.changes.count) change(s), \(plan.conflicts.count) conflict(s). Run again with --apply to store the changes (--overwrite to replace the conflicts too).")
        }
    }
}

struct SecretariatExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "secretariat-export", abstract: "One template across every workspace's submitted reports, as CSV.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Template id.") var template: String
    @Flag(help: "Count countries per choice instead of listing values per country.") var counts = false
    @Option(help: "Output file.") var out: String

    func run() async throws {
        try await userFacing {
            let csv = try await withReporting(store) { try await $0.secretariatCSV(templateID: template, counts: counts) }
            try csv.write(toFile: out, atomically: true, encoding: .utf8)
            print("Wrote \(out).")
        }
    }
}
