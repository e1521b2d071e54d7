import ArgumentParser
import Foundation
import SynergiaComputations
import SynergiaCore
import SynergiaGeo
import SynergiaStore

struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage", abstract: "Protected and conserved area coverage (GBF 3.1, Aichi 11, SDG 14.5.1, 15.1.2) from a WDPA extract.",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute coverage for one country; with --workspace, store the run and its series.",
            discussion: "Method: docs/coverage.md. Land and EEZ layers hold the country's boundaries, with an ISO3 field.")
        @OptionGroup var store: StoreOptions
        @Option(help: "WDPA/WD-OECM file: GeoPackage, shapefile (folder or .zip), GeoJSON or file geodatabase.") var wdpa: String
        @Option(help: "Only this layer of the WDPA file (default: every layer with a WDPA schema).") var wdpaLayer: String?
        @Option(help: "Land boundary file.") var land: String
        @Option(help: "Layer of the land file (default: its only layer, or 'land').") var landLayer: String?
        @Option(help: "EEZ boundary file.") var eez: String
        @Option(help: "Layer of the EEZ file (default: its only layer, or 'eez').") var eezLayer: String?
        @Option(help: "Field holding the ISO3 code in the land and EEZ layers.") var territoryField = "ISO3"
        @Option(help: "ISO3 code of the country.") var country: String?
        @Flag(help: "Every country in the file, in parallel on all cores; results stored for each country that has a workspace when --store-all is given.") var allCountries = false
        @Flag(help: "With --all-countries: store each country's run in its workspace, where one exists.") var storeAll = false
        @Option(help: "Store the run and its series in this workspace (country code).") var workspace: String?
        @Option(help: "Year the results are recorded for (the WDPA release year); default: this year.") var year: Int?
        @Option(help: "equal-area (World Mollweide, as the global statistics) or geodesic.") var area = "equal-area"
        @Option(help: "Snap vertices to a grid of this many metres before flattening (default: none; 0.001, 1 mm, runs a third faster, docs/coverage.md).") var snapGrid: Double?
        @Flag(help: "Refuse the whole file when a record is invalid (default: skip and report it).") var refuseBadRecords = false
        @Flag(help: "Keep UNESCO-MAB Biosphere Reserves (excluded by default).") var keepMAB = false
        @Option(help: "Key Biodiversity Areas (polygons, any OGR format): adds KBA coverage (SDG 15.1.2).") var kba: String?
        @Option(help: "Layer of the KBA file (default: its only layer, or the one with a KBA id field).") var kbaLayer: String?
        @Option(help: "KBA id field (default: detected, e.g. SitRecID, kba_id, id).") var kbaIdField: String?
        @Option(help: "KBA name field (default: detected, e.g. NatName, IntName, name).") var kbaNameField: String?
        @Option(help: "Write summary.json, CSV tables and coverage.gpkg (EPSG:4326) to this folder.") var out: String?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if allCountries == (country != nil) { throw ValidationError("give --country ISO3 or --all-countries") }
            if kba == nil, kbaLayer != nil || kbaIdField != nil || kbaNameField != nil { throw ValidationError("--kba-layer, --kba-id-field and --kba-name-field go with --kba FILE") }
            if allCountries, workspace != nil { throw ValidationError("--workspace goes with --country; use --store-all with --all-countries") }
        }

        func run() async throws {
            try await userFacing {
                var options = CoverageOptions()
                switch area {
                case "equal-area": options.areaMethod = .equalArea
                case "geodesic": options.areaMethod = .geodesic
                default: throw ValidationError("--area must be equal-area or geodesic")
                }
                if let snapGrid {
                    guard snapGrid >= 0, snapGrid.isFinite else { throw ValidationError("--snap-grid must be 0 (no snapping) or a number of metres") }
                    options.snapGridMeters = snapGrid > 0 ? snapGrid : nil
                }
                options.excludeMAB = !keepMAB
                let inputs = CoverageComputation.Inputs(
                    wdpa: wdpa, wdpaLayer: wdpaLayer, land: land, landLayer: try layer(land, landLayer, fallback: "land"),
                    eez: eez, eezLayer: try layer(eez, eezLayer, fallback: "eez"), territoryField: territoryField,
                    country: country ?? "", year: year ?? Calendar(identifier: .gregorian).component(.year, from: Date()),
                    policy: refuseBadRecords ? .refuse : .skipInvalid,
                    kba: kba.map { CoverageComputation.KBAInput(path: $0, layer: kbaLayer, idField: kbaIdField, nameField: kbaNameField) },
                    withLayers: out != nil)
                let bar = ProgressBar()
                if allCountries { return try await runAll(options: options, inputs: inputs, bar: bar) }
                let outcome = try await geoErrors {
                    if let workspaceCode = workspace {
                        return try await store.withStore { store in
                            let workspace = try await requireWorkspace(store, workspaceCode)
                            return try await CoverageComputation(options: options).run(inputs, workspace: workspace, store: store, progress: bar.update)
                        }
                    }
                    return try await CoverageComputation(options: options).run(inputs, workspace: nil, store: nil, progress: bar.update)
                }
                bar.finish()
                if let out { try geoErrorsSync { try CoverageTables.write(outcome.result, imported: outcome.imported, layers: outcome.layers, to: out) } }
                if output.json { return try printJSON(outcome.result) }
                let c = outcome.result.coverage
                printTable(["", "km²", "%"], [
                    ["total", String(format: "%.2f", c.totalKm2), c.totalPercent.map { String(format: "%.2f", $0) } ?? ""],
                    ["land", c.landKm2.map { String(format: "%.2f", $0) } ?? "", c.landPercent.map { String(format: "%.2f", $0) } ?? ""],
                    ["marine", c.marineKm2.map { String(format: "%.2f", $0) } ?? "", c.marinePercent.map { String(format: "%.2f", $0) } ?? ""],
                ])
                if let kba = outcome.result.kba { printKBASummary(kba, imported: outcome.kbaImport) }
                print("\nSites read: \(outcome.imported.featuresRead), used: \(outcome.result.input.sitesUsed), skipped: \(outcome.imported.recordsSkipped), problems reported: \(outcome.imported.problems.count).")
                if let run = outcome.run {
                    let series = outcome.result.kba?.meanPercent == nil ? "GBF-3.1 (land, marine) and SDG-14.5.1" : "GBF-3.1 (land, marine), SDG-14.5.1 and SDG-15.1.2"
                    print("Stored as computation run \(run.id) in \(workspace ?? ""): \(series) for \(inputs.year).")
                }
                if let out { print("Tables written to \(out).") }
            }
        }

        func runAll(options: CoverageOptions, inputs: CoverageComputation.Inputs, bar: ProgressBar) async throws {
            let started = Date()
            let computation = CoverageComputation(options: options)
            let (imported, kbaImport, results) = try await geoErrors { try await computation.runAllCountries(inputs, progress: bar.update) }
            bar.finish()
            var rows: [[String]] = []
            var stored: [String] = []
            for (country, result) in results.sorted(by: { $0.key < $1.key }) {
                switch result {
                case .success(let countryRun):
                    let coverage = countryRun.result
                    if let out {
                        try geoErrorsSync {
                            try CoverageTables.write(coverage, imported: imported, layers: countryRun.layers, to: URL(fileURLWithPath: out).appendingPathComponent(country).path)
                        }
                    }
                    if storeAll {
                        try await store.withStore { store in
                            if let workspace = try await store.workspace(country: country) {
                                var countryInputs = inputs
                                countryInputs.country = country
                                _ = try await computation.record(coverage, imported: imported, kbaImport: kbaImport, inputs: countryInputs,
                                                                 workspace: workspace, store: store, started: started)
                                stored.append(country)
                            }
                        }
                    }
                    let c = coverage.coverage
                    var row = [country, percent(c.landPercent), percent(c.marinePercent), String(format: "%.1f", c.totalKm2)]
                    if kbaImport != nil { row.append(percent(coverage.kba?.meanPercent)) }
                    rows.append(row + [""])
                case .failure(let error):
                    rows.append([country, "", "", ""] + (kbaImport == nil ? [] : [""]) + ["\(error)"])
                }
            }
            let kbaColumn: [String] = kbaImport == nil ? [] : ["KBA mean %"]
            printTable(["country", "land %", "marine %", "total km²"] + kbaColumn + ["problem"], rows)
            print("\n\(results.count) countries in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\(stored.isEmpty ? "" : "; stored for \(stored.joined(separator: ", "))").")
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

        /// The layer to read: the one given, the file's only layer, or the conventional name.
        func layer(_ path: String, _ given: String?, fallback: String) throws -> String {
            try geoErrorsSync { try VectorDataset.layerName(in: path, given: given, fallback: fallback) }
        }
    }
}

/// GEOS/GDAL and import failures as messages for the person at the terminal.
func geoErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as GeoError {
        throw CLIError(message: "\(error)")
    } catch let error as WDPAImportError {
        throw CLIError(message: "\(error)")
    }
}

func geoErrorsSync<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as GeoError { throw CLIError(message: "\(error)") }
}
