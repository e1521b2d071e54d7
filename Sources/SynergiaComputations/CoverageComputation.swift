import Foundation
import SynergiaCore
import SynergiaGeo
import SynergiaStore

/// Runs the protected-area coverage engine on a country's files and stores the
/// run and its results in the workspace: GBF headline indicator 3.1 on land and
/// at sea, and SDG 14.5.1 (marine coverage), each for the reporting year.
public struct CoverageComputation: Sendable {
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

        public init(wdpa: String, wdpaLayer: String? = nil, land: String, landLayer: String, eez: String, eezLayer: String,
                    territoryField: String = "ISO3", country: String, year: Int, policy: ImportPolicy = .skipInvalid) {
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
        }
    }

    public struct Outcome: Sendable {
        public var result: CoverageResult
        public var imported: WDPAImport
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
        progress("reading sites", 0, nil)
        let imported = try WDPAReader.read(path: inputs.wdpa, layer: inputs.wdpaLayer, policy: inputs.policy)
        progress("reading sites", imported.featuresRead, imported.featuresRead)
        let country = Code.canonical(inputs.country)
        let land = try TerritoryReader.read(path: inputs.land, layer: inputs.landLayer, iso3Field: inputs.territoryField, country: country)
        let eez = try TerritoryReader.read(path: inputs.eez, layer: inputs.eezLayer, iso3Field: inputs.territoryField, country: country)
        guard !land.isEmpty else {
            throw DomainError.invalid("the land layer '\(inputs.landLayer)' of \(inputs.land) has no feature for \(country) in field \(inputs.territoryField)")
        }
        let result = try CoverageEngine(options: options).run(sites: imported.records, land: land, eez: eez.isEmpty ? nil : eez, country: country) { step in
            progress(step.stage.rawValue, step.done, step.total)
        }
        guard let workspace, let store else { return Outcome(result: result, imported: imported, run: nil) }
        let run = try await record(result, imported: imported, inputs: inputs, workspace: workspace, store: store, started: started)
        return Outcome(result: result, imported: imported, run: run)
    }

    /// Stores a computed result as a run of `workspace` with its series.
    public func record(_ result: CoverageResult, imported: WDPAImport, inputs: Inputs, workspace: Workspace, store: SQLStore, started: Date) async throws -> ComputationRun {
        var warnings = imported.problems.map { "\($0)" }
        warnings += result.input.geometryErrors
        let run = ComputationRun(
            workspaceID: workspace.id, engine: "coverage",
            inputs: [try FileFingerprint.input(role: "wdpa", path: inputs.wdpa), try FileFingerprint.input(role: "land", path: inputs.land),
                     try FileFingerprint.input(role: "eez", path: inputs.eez)],
            options: optionStrings(inputs), softwareVersion: Self.softwareVersion, startedAt: started,
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
        ].compactMap { $0 }
        return try await store.recordRun(run, results: results)
    }

    private func optionStrings(_ inputs: Inputs) -> [String: String] {
        [
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
    }
}

extension CoverageComputation {
    /// Every country of a WDPA file, computed in parallel on all cores (each
    /// country in its own engine run); the file is read once.
    public func runAllCountries(wdpa: String, wdpaLayer: String?, land: String, landLayer: String, eez: String, eezLayer: String,
                                territoryField: String, policy: ImportPolicy,
                                progress: @escaping @Sendable (String, Int, Int?) -> Void = { _, _, _ in }) async throws -> (WDPAImport, [String: Result<CoverageResult, any Error>]) {
        let imported = try WDPAReader.read(path: wdpa, layer: wdpaLayer, policy: policy)
        let countries = Set(imported.records.flatMap { options.countryField == .iso3 ? $0.iso3 : $0.parentISO3 }).sorted()
        let engine = CoverageEngine(options: options)
        let records = imported.records
        var results: [String: Result<CoverageResult, any Error>] = [:]
        let parallel = max(1, ProcessInfo.processInfo.activeProcessorCount)
        progress("countries", 0, countries.count)
        try await withThrowingTaskGroup(of: (String, Result<CoverageResult, any Error>).self) { group in
            var pending = countries[...]
            func startNext() {
                guard let country = pending.popFirst() else { return }
                group.addTask {
                    (country, Result {
                        let landParts = try TerritoryReader.read(path: land, layer: landLayer, iso3Field: territoryField, country: country)
                        let eezParts = try TerritoryReader.read(path: eez, layer: eezLayer, iso3Field: territoryField, country: country)
                        guard !landParts.isEmpty else { throw DomainError.invalid("no land boundary for \(country)") }
                        return try engine.run(sites: records, land: landParts, eez: eezParts.isEmpty ? nil : eezParts, country: country)
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
        return (imported, results)
    }
}
