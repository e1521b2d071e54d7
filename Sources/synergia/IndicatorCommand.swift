import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore

struct IndicatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator", abstract: "Indicator series of a workspace.",
        subcommands: [Define.self, Record.self, Import.self, Series.self, History.self], aliases: ["series"])

    struct Define: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define a national indicator, e.g. KEN-I1.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Option(help: "Code, e.g. I1 (stored as KEN-I1).")
        var code: String
        @Option(help: "Title.")
        var title: String
        @Option(help: "Unit, e.g. percent, km2, count.")
        var unit: String

        func run() async throws {
            try await userFacing {
                let code = try await store.withStore { store in
                    let workspace = try await requireWorkspace(store, self.workspace)
                    let code = NationalTargetRules.canonicalCode(self.code, country: workspace.country)
                    try await store.defineNationalIndicator(NationalIndicator(code: code, title: title, unit: unit), workspaceID: workspace.id)
                    return code
                }
                print("Defined national indicator \(code).")
            }
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record one observation.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Option(help: "Indicator code, e.g. GBF-3.1 or KEN-I1.")
        var indicator: String
        @Option(help: "Year of the observation.")
        var year: Int
        @Option(help: "Value.")
        var value: Double
        @Option(help: "Unit; must match the series' unit once it exists.")
        var unit: String
        @Option(help: "Where the value comes from.")
        var source: String
        @Option(help: "Disaggregation as key=value pairs joined by ';', e.g. realm=marine.")
        var disaggregation = ""
        @Flag(help: "Overwrite a value already recorded for that year.")
        var replace = false

        func run() async throws {
            try await userFacing {
                let summary = try await withReporting(store) { reports in
                    let workspace = try await requireWorkspace(reports.store, self.workspace)
                    let input = ObservationInput(indicator: Code.canonical(indicator), unit: unit, disaggregation: disaggregation,
                                                 observation: Observation(year: year, value: value, source: source, provenance: .entered(userID: nil)))
                    let summary = try await reports.store.record([input], workspaceID: workspace.id, replace: replace, context: ChangeContext(userID: nil, channel: .cli))
                    _ = try await reports.refreshPrefilled(workspaceID: workspace.id, after: SeriesUpdate(indicators: [input.indicator]))
                    return summary
                }
                print(summary.added > 0 ? "Recorded." : summary.replaced > 0 ? "Replaced." : "Unchanged (same value already recorded).")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import observations from a CSV file.",
            discussion: "Header: indicator,year,value,unit,source[,disaggregation]. The whole file is checked first; one bad row and nothing is imported.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Argument(help: "CSV file (UTF-8).")
        var file: String
        @Flag(help: "Overwrite values already recorded for the same years.")
        var replace = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                    throw DomainError.notFound("cannot read \(file): \(error.localizedDescription)")
                }
                let inputs = try ObservationCSV.parse(data, fileName: file)
                let summary = try await withReporting(store) { reports in
                    let workspaceID = try await requireWorkspace(reports.store, workspace).id
                    let summary = try await reports.store.record(inputs, workspaceID: workspaceID, replace: replace,
                                                                 context: ChangeContext(userID: nil, channel: .fileImport, note: "\(URL(fileURLWithPath: file).lastPathComponent) (cli)"))
                    // Open reports prefilled from these series take the new values.
                    _ = try await reports.refreshPrefilled(workspaceID: workspaceID, after: SeriesUpdate(indicators: Set(inputs.map(\.indicator))))
                    return summary
                }
                if output.json { return try printJSON(summary) }
                print("Imported \(file): \(summary.added) added, \(summary.replaced) replaced, \(summary.unchanged) unchanged.")
            }
        }
    }

    struct Series: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's indicator series with their values.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Option(help: "Only this indicator.")
        var indicator: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                var series = try await store.withStore { store in
                    try await store.series(workspaceID: try await requireWorkspace(store, workspace).id)
                }
                if let indicator { series = series.filter { $0.indicator == Code.canonical(indicator) } }
                if output.json { return try printJSON(series) }
                printTable(["indicator", "disaggregation", "unit", "values (year: value, provenance)"], series.map { series in
                    [series.indicator, series.disaggregation, series.unit,
                     series.observations.map { "\($0.year): \(formatted($0.value)) \($0.provenance.kind)" }.joined(separator: ", ")]
                })
            }
        }
    }
}
