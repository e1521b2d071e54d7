import Foundation
import SynergiaCore
import SynergiaGeo
import SynergiaStore

/// Runs the protected-area coverage engine on a country's files and stores the
/// run and its results in the workspace: GBF headline indicator 3.1 on land and
/// at sea, SDG 14.5.1 (marine coverage) and, with a KBA layer, SDG 15.1.2,
/// each for the reporting year.
public struct CoverageComputation: Sendable {
    /// Where the Key Biodiversity Areas are; nil fields are detected (`KBAReader`).
    public struct KBAInput: Sendable {
        public var path: String
        public var layer: String?
        public var idField: String?
        public var nameField: String?

        public init(path: String, layer: String? = nil, idField: String? = nil, nameField: String? = nil) {
            self.path = path; self.layer = layer; self.idField = idField; self.nameField = nameField
        }

        func read() throws -> KBAImport { try KBAReader.read(path: path, layer: layer, idField: idField, nameField: nameField) }
    }

    public struct Inputs: Sendable {
        public var wdpa: String
        public var wdpaLayer: String?
        public var land: String
        public var landLayer: String
        public var eez: String
        public var eezLayer: String
        public var territoryField: String
        public var country: String
        public var year: Int
        public var policy: ImportPolicy
        public var kba: KBAInput?
        /// Also return the coverage and KBAs as geometry (`Outcome.layers`) for coverage.gpkg.
        public var withLayers: Bool

        public init(wdpa: String, wdpaLayer: String? = nil, land: String, landLayer: String, eez: String, eezLayer: String,
                    territoryField: String = "ISO3", country: String, year: Int, policy: ImportPolicy = .skipInvalid,
                    kba: KBAInput? = nil, withLayers: Bool = false) {
            self.wdpa = wdpa
            self.wdpaLayer = wdpaLayer
            self.land = land
            self.landLayer = landLayer
            self.eez = eez
            self.eezLayer = eezLayer
            self.territoryField = territoryField
            self.country = country
            self.year = year
            self.policy = policy
            self.kba = kba
            self.withLayers = withLayers
        }
    }

    public struct Outcome: Sendable {
        public var result: CoverageResult
        public var imported: WDPAImport
        public var kbaImport: KBAImport?
        public var layers: CoverageLayers?
        public var run: ComputationRun?
    }

    public static let softwareVersion = "synergia-coverage/1"

    public var options: CoverageOptions

    public init(options: CoverageOptions = CoverageOptions()) {
        self.options = options
    }

    /// Reads, computes and (with a workspace) stores. Nothing is stored if any step fails.
    public func run(_ inputs: Inputs, workspace: Workspace?, store: SQLStore?, progress: @escaping (String, Int, Int?) -> Void = { _, _, _ in }) async throws -> Outcome {
        let started = Date()
        // Small and most often wrong: read first, so a bad KBA file fails before the WDPA is read.
        let kbaImport = try inputs.kba?.read()
        progress("reading sites", 0, nil)
        let imported = try WDPAReader.read(path: inputs.wdpa, layer: inputs.wdpaLayer, policy: inputs.policy)
        progress("reading sites", imported.featuresRead, imported.featuresRead)
        let country = Code.canonical(inputs.country)
        let land = try TerritoryReader.read(path: inputs.land, layer: inputs.landLayer, iso3Field: inputs.territoryField, country: country)
        let eez = try TerritoryReader.read(path: inputs.eez, layer: inputs.eezLayer, iso3Field: inputs.territoryField, country: country)
        guard !land.isEmpty else {
            throw DomainError.invalid("the land layer '\(inputs.landLayer)' of \(inputs.land) has no feature for \(country) in field \(inputs.territoryField)")
        }
        var engine = CoverageEngine(options: options)
        engine.threads = ProcessInfo.processInfo.activeProcessorCount
        func report(_ step: CoverageProgress) { progress(step.stage.rawValue, step.done, step.total) }
        let sites = imported.records, eezParts = eez.isEmpty ? nil : eez, kbas = kbaImport?.records
        var outcome: Outcome
        if inputs.withLayers {
            let (result, layers) = try engine.runWithLayers(sites: sites, land: land, eez: eezParts, country: country, kbas: kbas, progress: report)
            outcome = Outcome(result: result, imported: imported, kbaImport: kbaImport, layers: layers, run: nil)
        } else {
            let result = try engine.run(sites: sites, land: land, eez: eezParts, country: country, kbas: kbas, progress: report)
            outcome = Outcome(result: result, imported: imported, kbaImport: kbaImport, layers: nil, run: nil)
        }
        guard let workspace, let store else { return outcome }
        outcome.run = try await record(outcome.result, imported: imported, kbaImport: kbaImport, inputs: inputs, workspace: workspace, store: store, started: started)
        return outcome
    }

    /// Stores a computed result as a run of `workspace` with its series.
    public func record(_ result: CoverageResult, imported: WDPAImport, kbaImport: KBAImport?, inputs: Inputs, workspace: Workspace,
                       store: SQLStore, started: Date) async throws -> ComputationRun {
        var warnings = imported.problems.map { "\($0)" }
        warnings += result.input.geometryErrors
        if let kbaImport, kbaImport.featuresWithoutPolygon > 0 {
            warnings.append("KBA layer \(kbaImport.layer): \(kbaImport.featuresWithoutPolygon) features without a polygon were left out")
        }
        warnings += result.kba?.geometryErrors ?? []
        var files = [try FileFingerprint.input(role: "wdpa", path: inputs.wdpa), try FileFingerprint.input(role: "land", path: inputs.land),
                     try FileFingerprint.input(role: "eez", path: inputs.eez)]
        if let kba = inputs.kba { files.append(try FileFingerprint.input(role: "kba", path: kba.path)) }
        let run = ComputationRun(
            workspaceID: workspace.id, engine: "coverage",
            inputs: files,
            options: optionStrings(inputs, kbaImport: kbaImport), softwareVersion: Self.softwareVersion, startedAt: started,
            durationMilliseconds: Int64(Date().timeIntervalSince(started) * 1000), warnings: Array(warnings.prefix(500)))
        let source = "Synergia coverage engine on \(URL(fileURLWithPath: inputs.wdpa).lastPathComponent)"
        func observation(_ indicator: String, _ disaggregation: String, _ value: Double?) -> ObservationInput? {
            value.map { ObservationInput(indicator: indicator, unit: "percent", disaggregation: disaggregation,
                                         observation: Observation(year: inputs.year, value: ($0 * 10_000).rounded() / 10_000, source: source, provenance: .entered(userID: nil))) }
        }
        let results = [
            observation("GBF-3.1", "realm=land", result.coverage.landPercent),
            observation("GBF-3.1", "realm=marine", result.coverage.marinePercent),
            observation("SDG-14.5.1", "", result.coverage.marinePercent),
            // The KBA layer does not say which KBAs are terrestrial or freshwater: the total, not the two UN sub-series.
            observation("SDG-15.1.2", "", result.kba?.meanPercent),
        ].compactMap { $0 }
        return try await store.recordRun(run, results: results)
    }

    private func optionStrings(_ inputs: Inputs, kbaImport: KBAImport?) -> [String: String] {
        var strings = [
            "statuses": options.statuses.map(\.rawValue).sorted().joined(separator: ","),
            "exclude_mab": String(options.excludeMAB),
            "site_types": options.siteTypes.map(\.rawValue).sorted().joined(separator: ","),
            "area_method": options.areaMethod.rawValue,
            "equal_area_crs": options.equalAreaCRS,
            "snap_grid_m": options.snapGridMeters.map { String($0) } ?? "none",
            "country": inputs.country,
            "year": String(inputs.year),
            "bad_records": inputs.policy == .refuse ? "refuse" : "skip",
        ]
        if let kbaImport {
            strings["kba_layer"] = kbaImport.layer
            strings["kba_id_field"] = kbaImport.idField
            strings["kba_name_field"] = kbaImport.nameField
            strings["kba_fully_covered_percent"] = String(options.kbaFullyCoveredPercent)
        }
        return strings
    }
}

extension CoverageComputation {
    /// One country of `runAllCountries`.
    public struct CountryRun: Sendable {
        public var result: CoverageResult
        public var layers: CoverageLayers?
    }

    /// Every country of a WDPA file, computed in parallel on all cores (each
    /// country in its own engine run); the WDPA and KBA files are read once.
    /// `inputs.country` is ignored.
    public func runAllCountries(_ inputs: Inputs, progress: @escaping @Sendable (String, Int, Int?) -> Void = { _, _, _ in })
        async throws -> (WDPAImport, KBAImport?, [String: Result<CountryRun, any Error>]) {
        let kbaImport = try inputs.kba?.read()
        let imported = try WDPAReader.read(path: inputs.wdpa, layer: inputs.wdpaLayer, policy: inputs.policy)
        let countries = Set(imported.records.flatMap { options.countryField == .iso3 ? $0.iso3 : $0.parentISO3 }).sorted()
        let engine = CoverageEngine(options: options)
        let records = imported.records
        let kbas = kbaImport?.records
        var results: [String: Result<CountryRun, any Error>] = [:]
        let parallel = max(1, ProcessInfo.processInfo.activeProcessorCount)
        progress("countries", 0, countries.count)
        try await withThrowingTaskGroup(of: (String, Result<CountryRun, any Error>).self) { group in
            var pending = countries[...]
            func startNext() {
                guard let country = pending.popFirst() else { return }
                group.addTask {
                    (country, Result {
                        let landParts = try TerritoryReader.read(path: inputs.land, layer: inputs.landLayer, iso3Field: inputs.territoryField, country: country)
                        let eezParts = try TerritoryReader.read(path: inputs.eez, layer: inputs.eezLayer, iso3Field: inputs.territoryField, country: country)
                        guard !landParts.isEmpty else { throw DomainError.invalid("no land boundary for \(country)") }
                        let eez = eezParts.isEmpty ? nil : eezParts
                        if inputs.withLayers {
                            let (result, layers) = try engine.runWithLayers(sites: records, land: landParts, eez: eez, country: country, kbas: kbas)
                            return CountryRun(result: result, layers: layers)
                        }
                        return CountryRun(result: try engine.run(sites: records, land: landParts, eez: eez, country: country, kbas: kbas), layers: nil)
                    })
                }
            }
            for _ in 0..<parallel { startNext() }
            while let (country, result) = try await group.next() {
                results[country] = result
                progress("countries", results.count, countries.count)
                startNext()
            }
        }
        return (imported, kbaImport, results)
    }
}
