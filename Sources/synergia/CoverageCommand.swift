import ArgumentParser
import Foundation
import SynergiaComputations
import SynergiaCore
import SynergiaGeoBindings
import SynergiaCoverage
import SynergiaStore

struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage", abstract: "Protected and conserved area coverage (GBF 3.1, Aichi 11, SDG 14.5.1, 15.1.2) from a WDPA extract.",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute coverage for one country; with --workspace, store the run and its series.",
            discussion: "Method: docs/coverage.md. Land and EEZ layers hold the country's boundaries; their country-code field is recognised (Natural Earth ISO_A3, GADM GID_0, Marine Regions ISO_TER1, ISO3) or named with --land-field / --eez-field. Without --eez the run is land-only (a landlocked country), without --land marine-only.")
        @OptionGroup var store: StoreOptions
        @Option(help: "WDPA/WD-OECM file: GeoPackage, shapefile (folder or .zip), GeoJSON or file geodatabase.") var wdpa: String
        @Option(help: "Only this layer of the WDPA file (default: every layer with a WDPA schema).") var wdpaLayer: String?
        @Option(help: "Land boundary file (e.g. ne_10m_admin_0_countries.shp, GADM level 0); without it the run is marine-only.") var land: String?
        @Option(help: "Layer of the land file (default: its only layer, or 'land').") var landLayer: String?
        @Option(help: "Field of the land layer holding the country code (default: recognised: ISO_A3, GID_0, ISO3 …).") var landField: String?
        @Option(help: "EEZ boundary file (e.g. Marine Regions eez_v12.shp); without it the run is land-only (a landlocked country).") var eez: String?
        @Option(help: "Layer of the EEZ file (default: its only layer, or 'eez').") var eezLayer: String?
        @Option(help: "Field of the EEZ layer holding the country code (default: recognised: ISO_TER1, ISO3 …).") var eezField: String?
        @Option(help: ArgumentHelp("Deprecated: sets both --land-field and --eez-field.", visibility: .hidden)) var territoryField: String?
        @Option(help: "ISO3 code of the country.") var country: String?
        @Flag(help: "Every country in the file, in parallel on all cores; results stored for each country that has a workspace when --store-all is given.") var allCountries = false
        @Flag(help: "With --all-countries: store each country's run in its workspace, where one exists.") var storeAll = false
        @Option(help: "Store the run and its series in this workspace (country code).") var workspace: String?
        @Option(help: "Year the results are recorded for (the WDPA release year); default: this year.") var year: Int?
        @Option(help: "equal-area (World Mollweide, as the global statistics) or geodesic.") var area = "equal-area"
        @Option(help: "Snap vertices to a grid of this many metres before flattening (default: none; 0.001, 1 mm, runs a third faster, docs/coverage.md).") var snapGrid: String?
        @Flag(help: "Refuse the whole file when a record is invalid (default: skip and report it).") var refuseBadRecords = false
        @Flag(help: "Keep UNESCO-MAB Biosphere Reserves (excluded by default).") var keepMAB = false
        @Option(help: "Key Biodiversity Areas (polygons, any OGR format): adds KBA coverage (SDG 15.1.2).") var kba: String?
        @Option(help: "Layer of the KBA file (default: its only layer, or the one with a KBA id field).") var kbaLayer: String?
        @Option(help: "KBA id field: any field with unique values, or 'fid' for the feature id (default: detected, e.g. SitRecID, kba_id, id).") var kbaIdField: String?
        @Option(help: "KBA name field (default: detected, e.g. NatName, IntName, name).") var kbaNameField: String?
        @Option(help: "Write summary.json, CSV tables and coverage.gpkg (EPSG:4326) to this folder.") var out: String?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if allCountries == (country != nil) { throw ValidationError("give --country ISO3 or --all-countries") }
            if allCountries, workspace != nil { throw ValidationError("--workspace goes with --country; use --store-all with --all-countries") }
        }

        func run() async throws {
            try await userFacing {
                // Options first: a refused value is reported before any file is read.
                let (options, files) = try await pipelineErrors {
                    let options = try CoverageRunOptions(
                        country: country ?? "", year: String(year ?? Calendar(identifier: .gregorian).component(.year, from: Date())),
                        areaMethod: area, snapGridMeters: snapGrid, badRecords: refuseBadRecords ? "refuse" : "skip", keepMAB: keepMAB,
                        landField: landField, eezField: eezField, territoryField: territoryField)
                    let files = try CoverageFiles(wdpa: wdpa, wdpaLayer: wdpaLayer, land: land, landLayer: landLayer, eez: eez, eezLayer: eezLayer,
                                                  kbaPath: kba, kbaLayer: kbaLayer, kbaIDField: kbaIdField, kbaNameField: kbaNameField)
                    return (options, files)
                }
                let pipeline = CoveragePipeline(options: options)
                let progress = PipelineProgressBar()
                if allCountries { return try await runAll(pipeline, files: files, progress: progress) }
                let outcome = try await pipelineErrors {
                    if let workspaceCode = workspace {
                        return try await withReporting(store) { reports in
                            let recording = RunRecording(store: reports.store, workspace: try await requireWorkspace(reports.store, workspaceCode))
                            let outcome = try await pipeline.run(files, tables: out, recordInto: recording, progress: progress)
                            // Open reports prefilled from the run's series or its engine's tables take the new values.
                            if let run = outcome.run { _ = try await reports.refreshPrefilled(afterRun: run) }
                            return outcome
                        }
                    }
                    return try await pipeline.run(files, tables: out, progress: progress)
                }
                progress.finish()
                if output.json { return try printJSON(WithWarnings(outcome.result, warnings: outcome.warnings)) }
                let c = outcome.result.coverage
                // A realm the run has no boundary for is not a row (land-only, marine-only).
                printTable(["", "km²", "%"], [
                    ["total", String(format: "%.2f", c.totalKm2), c.totalPercent.map { String(format: "%.2f", $0) } ?? ""],
                ] + (files.land == nil ? [] : [["land", c.landKm2.map { String(format: "%.2f", $0) } ?? "", c.landPercent.map { String(format: "%.2f", $0) } ?? ""]])
                  + (files.eez == nil ? [] : [["marine", c.marineKm2.map { String(format: "%.2f", $0) } ?? "", c.marinePercent.map { String(format: "%.2f", $0) } ?? ""]]))
                if let kba = outcome.result.kba { printKBASummary(kba, imported: outcome.kbaImport) }
                print("\nSites read: \(outcome.imported.featuresRead), used: \(outcome.result.input.sitesUsed), skipped: \(outcome.imported.recordsSkipped), problems reported: \(outcome.imported.problems.count).")
                printWarnings(outcome.warnings)
                if let run = outcome.run {
                    print("Stored as computation run \(run.id) in \(workspace ?? ""), \(outcome.stored.count) series (percent):")
                    for series in outcome.stored { print("  \(series)") }
                }
                if let out { print("Tables written to \(out).") }
            }
        }

        /// The same pipeline for every country of the file, its tables in a folder per country.
        func runAll(_ pipeline: CoveragePipeline, files: CoverageFiles, progress: PipelineProgressBar) async throws {
            let started = Date()
            let (_, kbaImport, results) = try await pipelineErrors {
                if storeAll {
                    return try await store.withStore { store in try await pipeline.runAllCountries(files, tables: out, recordInto: store, progress: progress) }
                }
                return try await pipeline.runAllCountries(files, tables: out, progress: progress)
            }
            progress.finish()
            var rows: [[String]] = []
            var stored: [String] = []
            for (country, result) in results.sorted(by: { $0.key < $1.key }) {
                switch result {
                case .success(let outcome):
                    if outcome.run != nil { stored.append(country) }
                    let c = outcome.result.coverage
                    var row = [country, percent(c.landPercent), percent(c.marinePercent), String(format: "%.1f", c.totalKm2)]
                    if kbaImport != nil { row.append(percent(outcome.result.kba?.meanPercent)) }
                    rows.append(row + [""])
                case .failure(let error):
                    rows.append([country, "", "", ""] + (kbaImport == nil ? [] : [""]) + [message(error)])
                }
            }
            let kbaColumn: [String] = kbaImport == nil ? [] : ["KBA mean %"]
            printTable(["country", "land %", "marine %", "total km²"] + kbaColumn + ["problem"], rows)
            let boundaryWarnings = results.sorted(by: { $0.key < $1.key }).flatMap { (try? $0.value.get().warnings) ?? [] }.filter { $0.hasPrefix("the EEZ layer") }
            printWarnings(boundaryWarnings)
            print("\n\(results.count) countries in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\(stored.isEmpty ? "" : "; stored for \(stored.joined(separator: ", "))").")
        }

        func message(_ error: any Error) -> String {
            switch error {
            case let error as DomainError: error.message
            case let error as KBAReadError: cliMessage(error)
            case let error as TerritoryReadError: cliMessage(error)
            default: "\(error)"
            }
        }

        /// The run's warnings under its table, the first 20 in full (the stored run and --json keep them all).
        func printWarnings(_ warnings: [String], limit: Int = 20) {
            guard !warnings.isEmpty else { return }
            print("")
            for warning in warnings.prefix(limit) { print("Warning: \(warning)") }
            if warnings.count > limit { print("… and \(warnings.count - limit) more warnings (--json lists them all).") }
        }

        func percent(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }

        func printKBASummary(_ kba: KBAResult, imported: KBAImport?) {
            print("\nKey Biodiversity Areas (SDG 15.1.2):")
            printTable(["", "value"], [
                ["KBAs in the country", String(kba.kbas.count)],
                ["mean % covered", percent(kba.meanPercent)],
                ["fully covered (≥ \(String(format: "%g", kba.fullyCoveredThresholdPercent)) %)", String(kba.fullyCoveredCount)],
                ["KBA geometries repaired", String(kba.geometriesRepaired)],
            ])
            if let imported, imported.featuresWithoutPolygon > 0 { print("\(imported.featuresWithoutPolygon) KBA features without a polygon were left out.") }
            if !kba.geometryErrors.isEmpty { print("\(kba.geometryErrors.count) KBAs could not be processed: \(kba.geometryErrors.prefix(3).joined(separator: "; "))") }
        }
    }
}

/// GEOS/GDAL failures of the demo-data generators as messages for the person at the terminal.
func geoErrorsSync<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as GeoError { throw CLIError(message: "\(error)") }
}
