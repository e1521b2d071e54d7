import ArgumentParser
import Foundation
import SynergiaComputations
import SynergiaCore
import SynergiaGeoBindings
import SynergiaLand
import SynergiaStore

struct LandCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "land", abstract: "Land degradation, SDG 15.3.1, from land cover, productivity and SOC rasters.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute SDG 15.3.1 and its sub-indicators; with --workspace, store the run and its series.",
            discussion: "Method: docs/land-degradation.md. Give the inputs as flags, or as an inputs.json (docs/land-degradation.md, \"inputs.json\"; `synergia demo-data land` writes one).")
        @OptionGroup var store: StoreOptions
        @Option(help: "inputs.json describing every raster (instead of the flags below).") var inputs: String?
        @Option(name: .customLong("land-cover"), help: "Land cover raster of a year as YEAR=FILE (repeatable).") var landCover: [String] = []
        @Option(help: "5-class LPD raster of a period as PERIOD=FILE (repeatable), e.g. baseline=lpd.tif.") var lpd: [String] = []
        @Option(help: "Annual NDVI, one band per year.") var ndvi: String?
        @Option(help: "Year of the first NDVI band.") var ndviFirstYear: Int?
        @Option(help: "Reference soil organic carbon stock raster (t/ha) at the first land-cover year.") var soc: String?
        @Option(name: .customLong("soc-stock"), help: "The country's own SOC stock raster of a year as YEAR=FILE (repeatable), instead of --soc: a period's SOC change is then the change between the stocks of its land-cover years.") var socStock: [String] = []
        @Option(help: "Climate zone raster for the SOC land-use factors (IPCC codes 1-12, as Trends.Earth ships it).") var climateRaster: String?
        @Option(help: "How the climate raster is coded: ipcc12 (default) or synergia5 (Synergia's former codes 1-5).") var climateCodes: String?
        @Option(help: "Climate raster codes as a CSV table of code,factor rows (instead of --climate-codes).") var climateTable: String?
        @Option(help: "National IPCC climate zone where no climate raster gives one, e.g. tropical_moist (default: warm_temperate_moist, with a warning).") var climateZone: String?
        @Option(help: "A period as NAME=LCSTART:LCEND[:PRODSTART-PRODEND] (repeatable, the baseline first), e.g. baseline=2015:2019; productivity years default to the land-cover years. Default: the UNCCD 2026 cycle.") var period: [String] = []
        @Option(help: "Area of interest: polygon file (the country boundary).") var aoi: String?
        @Option(help: "National legend nesting table (CSV).") var legend: String?
        @Option(help: "Custom 7×7 transition matrix (CSV); every cell must be given.") var matrix: String?
        @Flag(help: "Warp inputs to the land-cover grid (nearest neighbour) instead of refusing a different grid.") var align = false
        @Flag(help: "Replace an existing output folder.") var overwrite = false
        @Option(help: "Output folder (rasters, tables, summary).") var out: String
        @Option(help: "Store the run and its series in this workspace (country code).") var workspace: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let described = try await pipelineErrors { try inputs.map(readInputsFile) }
                let options = try await pipelineErrors {
                    try LandRunOptions(align: align, overwrite: overwrite,
                                       legend: try legend.map(table), matrix: try matrix.map(table), periods: period,
                                       climateZone: climateZone, climateCodes: climateCodes, climateTable: try climateTable.map(table),
                                       file: described, folder: inputs.map { URL(fileURLWithPath: $0).deletingLastPathComponent() })
                }
                let landInputs = try described?.inputs ?? resolvedInputs()
                let progress = PipelineProgressBar()
                let pipeline = LandPipeline(options: options)
                let target = URL(fileURLWithPath: out)
                let outcome = try await pipelineErrors {
                    if let workspaceCode = workspace {
                        return try await withReporting(store) { reports in
                            let recording = RunRecording(store: reports.store, workspace: try await requireWorkspace(reports.store, workspaceCode))
                            let outcome = try await pipeline.run(landInputs, aoi: aoi, output: target, recordInto: recording, progress: progress)
                            // Open reports prefilled from the run's series or its engine's tables take the new values.
                            if let run = outcome.run { _ = try await reports.refreshPrefilled(afterRun: run) }
                            return outcome
                        }
                    }
                    return try await pipeline.run(landInputs, aoi: aoi, output: target, progress: progress)
                }
                progress.finish()
                let result = outcome.result
                if output.json { return try printJSON(WithWarnings(result.so1, warnings: outcome.warnings)) }
                printTable(["period", "degraded %", "degraded km²", "denominator km²"], result.periods.map {
                    [$0.period.name, String(format: "%.2f", $0.proportionDegradedPercent), String(format: "%.1f", $0.degradedKm2), String(format: "%.1f", $0.denominatorKm2)]
                })
                for warning in outcome.warnings { print("Warning: \(warning)") }
                print("\nDenominator: \(result.denominatorDescription). Outputs in \(out).")
                if let run = outcome.run { print("Stored as computation run \(run.id) in \(workspace ?? ""): SDG-15.3.1 and its sub-indicator classes per period.") }
            }
        }

        func table(_ path: String) throws -> LandRunOptions.Table {
            LandRunOptions.Table(fileName: UserFile.displayName(path), text: try String(contentsOfFile: path, encoding: .utf8))
        }

        /// inputs.json, read as the web reads the one in an uploaded ZIP; its files are named relative to its folder.
        func readInputsFile(_ path: String) throws -> LandInputsFile {
            let url = URL(fileURLWithPath: path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CLIError(message: "cannot read --inputs \(path); give the path of an inputs.json (docs/land-degradation.md, \"inputs.json\")")
            }
            let file = try LandInputsFile.read(data, file: url.lastPathComponent)
            guard landCover.isEmpty, lpd.isEmpty, ndvi == nil, soc == nil, socStock.isEmpty, climateRaster == nil else {
                throw CLIError(message: "--inputs names every raster; give the rasters either in inputs.json or as flags, not both")
            }
            return try file.relocated(to: url.deletingLastPathComponent())
        }

        func resolvedInputs() throws -> LandInputs {
            func pairs(_ values: [String], _ option: String) throws -> [(String, String)] {
                try values.map { value in
                    let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw ValidationError("\(option) '\(value)': write KEY=FILE") }
                    return (parts[0], parts[1])
                }
            }
            var years: [Int: String] = [:]
            for (year, file) in try pairs(landCover, "--land-cover") {
                guard let year = Int(year) else { throw ValidationError("--land-cover '\(year)=…': the year must be a number") }
                years[year] = file
            }
            guard years.count >= 2 else { throw ValidationError("give at least two --land-cover YEAR=FILE") }
            var stocks: [Int: String] = [:]
            for (year, file) in try pairs(socStock, "--soc-stock") {
                guard let year = Int(year) else { throw ValidationError("--soc-stock '\(year)=…': the year must be a number") }
                stocks[year] = file
            }
            guard (soc == nil) != stocks.isEmpty else {
                throw ValidationError(soc == nil ? "give --soc FILE (the reference SOC stock) or --soc-stock YEAR=FILE for the land-cover years" : "give --soc or --soc-stock, not both")
            }
            let productivity: LandProductivitySource
            if !lpd.isEmpty {
                productivity = .lpd(Dictionary(uniqueKeysWithValues: try pairs(lpd, "--lpd")))
            } else if let ndvi, let ndviFirstYear {
                productivity = .ndvi(.multiband(path: ndvi, firstYear: ndviFirstYear))
            } else {
                throw ValidationError("give --lpd PERIOD=FILE or --ndvi FILE with --ndvi-first-year")
            }
            return LandInputs(landCover: years, productivity: productivity, soc: soc, socStock: stocks, climate: climateRaster)
        }
    }
}

/// Raster failures of the demo-data generator as messages for the person at the terminal.
func geoLand<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as GeoError { throw CLIError(message: "\(error)") }
}
