import Foundation
import SynergiaCore
import SynergiaGeoBindings
import SynergiaCoverage

/// The protected-area coverage run shared by the CLI and the web: GBF headline
/// indicator 3.1 on land and at sea, SDG 14.5.1 and, with a KBA layer,
/// SDG 15.1.2, for the reporting year. Always in this order: read the KBAs
/// (small and most often wrong, so they fail first), read the sites, read the
/// country's boundaries, compute, write the tables (when given a folder),
/// record the run and its series (when given a workspace). Nothing is
/// recorded if any step fails.
public struct CoveragePipeline: Sendable {
    public static let softwareVersion = "synergia-coverage/1"

    public struct Outcome: Sendable {
        public var result: CoverageResult
        public var imported: WDPAImport
        public var kbaImport: KBAImport?
        /// The coverage and KBAs as geometry; computed when tables are written (coverage.gpkg).
        public var layers: CoverageLayers?
        public var run: ComputationRun?
        /// Every warning of the run, in the words the stored run keeps: import problems,
        /// geometry errors, KBA features left out, and what the pipeline chose on the user's behalf.
        public var warnings: [String] = []
        /// The series the run wrote into the workspace, each with its years; empty when not recorded.
        public var stored: [StoredSeries] = []
    }

    /// What every country of a run shares: the files and what was read from them once.
    struct Sources: Sendable {
        var files: CoverageFiles
        var imported: WDPAImport
        var kbaImport: KBAImport?
        /// The layer and its country field in each boundary file the run has.
        var land: Boundary?
        var eez: Boundary?
    }

    /// A boundary layer of the run, with the field that holds the country code.
    struct Boundary: Sendable {
        var path: String
        var layer: String
        var field: String
    }

    public var options: CoverageRunOptions

    public init(options: CoverageRunOptions) {
        self.options = options
    }

    /// - Parameters:
    ///   - tables: folder for summary.json, the CSV tables and coverage.gpkg; nil writes nothing.
    ///   - recording: the workspace to record the run and its series into; nil records nothing.
    public func run(_ files: CoverageFiles, tables: String? = nil, recordInto recording: RunRecording? = nil,
                    progress: any PipelineProgress = NoProgress()) async throws -> Outcome {
        let started = Date()
        try options.validate()
        let sources = try read(files, progress: progress)
        return try await run(country: options.country, sources: sources, tables: tables, recordInto: recording,
                             threads: ProcessInfo.processInfo.activeProcessorCount, progress: progress, started: started, requireSites: true)
    }

    func read(_ files: CoverageFiles, progress: any PipelineProgress) throws -> Sources {
        try files.checkBoundaries()
        if files.kba != nil { progress.report(PipelineStep(stage: PipelineStep.readingKBAs)) }
        let kbaImport = try files.kba?.read()
        // The boundary layers and their fields are chosen before the sites are read: a few
        // fields to look at, and a wrong choice is cheaper to hear about before a long read.
        func boundary(_ path: String?, layer: String?, fallback: String, role: TerritoryRole, field: String?) throws -> Boundary? {
            guard let path else { return nil }
            let name = try VectorDataset.layerName(in: path, given: layer, fallback: fallback)
            return Boundary(path: path, layer: name, field: try TerritoryField.resolve(path: path, layer: name, role: role, given: field))
        }
        let land = try boundary(files.land, layer: files.landLayer, fallback: "land", role: .land, field: options.landField)
        let eez = try boundary(files.eez, layer: files.eezLayer, fallback: "eez", role: .eez, field: options.eezField)
        progress.report(PipelineStep(stage: PipelineStep.readingSites))
        let imported = try WDPAReader.read(path: files.wdpa, layer: files.wdpaLayer, policy: options.badRecords)
        progress.report(PipelineStep(stage: PipelineStep.readingSites, done: imported.featuresRead, total: imported.featuresRead))
        return Sources(files: files, imported: imported, kbaImport: kbaImport, land: land, eez: eez)
    }

    /// The country's polygons in a boundary layer; nil when the run has no such layer. A layer
    /// without the country is refused, but for the EEZ layer of a run over every country, where
    /// such a country (perhaps landlocked) runs land-only with a warning.
    static func polygons(of country: String, in boundary: Boundary?, role: TerritoryRole, sources: Sources,
                         landlockedAllowed: Bool, warnings: inout [String]) throws -> [Data]? {
        guard let boundary else { return nil }
        let polygons = try TerritoryReader.read(path: boundary.path, layer: boundary.layer, iso3Field: boundary.field, country: country)
        guard polygons.isEmpty else { return polygons }
        let otherGiven = role == .land ? sources.eez != nil : sources.land != nil
        let missing = try TerritoryField.missing(country, path: boundary.path, layer: boundary.layer, role: role, field: boundary.field,
                                                 otherLayerGiven: otherGiven)
        guard role == .eez, landlockedAllowed, otherGiven else { throw missing }
        warnings.append("the EEZ layer '\(boundary.layer)' of \(UserFile.displayName(boundary.path)) has no feature for \(country) in field \(boundary.field): \(country) is measured on land only (a landlocked country?), without marine figures")
        return nil
    }

    /// A file without a single site of the country gives 0 % that looks like a result:
    /// refused, naming the codes the file does have.
    static func checkSites(of country: String, in sources: Sources, countryField: CoverageOptions.CountryField) throws {
        var counts: [String: Int] = [:]
        for record in sources.imported.records {
            for code in countryField == .iso3 ? record.iso3 : record.parentISO3 { counts[code, default: 0] += 1 }
        }
        guard counts[country] == nil else { return }
        let field = countryField == .iso3 ? "ISO3" : "PARENT_ISO3"
        throw DomainError.invalid("the WDPA file \(UserFile.displayName(sources.files.wdpa)) has no site for \(country) in \(field) (sites by code: \(TerritoryReader.describe(counts))); check the country code, or use the file that covers \(country)")
    }

    /// One country from sources already read: boundaries, compute, write, record.
    /// - Parameter requireSites: a run for one country: refuse a file without a site of the
    ///   country, and an EEZ layer without it. A run over every country of the file reports
    ///   the first as 0 % and runs the second land-only, with a warning.
    func run(country code: String, sources: Sources, tables: String?, recordInto recording: RunRecording?, threads: Int,
             progress: any PipelineProgress, started: Date, requireSites: Bool = false) async throws -> Outcome {
        let country = Code.canonical(code)
        progress.report(PipelineStep(stage: PipelineStep.readingBoundaries))
        var boundaryWarnings: [String] = []
        let land = try Self.polygons(of: country, in: sources.land, role: .land, sources: sources, landlockedAllowed: !requireSites, warnings: &boundaryWarnings)
        let eez = try Self.polygons(of: country, in: sources.eez, role: .eez, sources: sources, landlockedAllowed: !requireSites, warnings: &boundaryWarnings)
        if requireSites { try Self.checkSites(of: country, in: sources, countryField: options.engine.countryField) }
        var engine = CoverageEngine(options: options.engine)
        engine.threads = threads
        let report: (CoverageProgress) -> Void = { progress.report(PipelineStep(stage: $0.stage.rawValue, done: $0.done, total: $0.total)) }
        let sites = sources.imported.records, kbas = sources.kbaImport?.records
        // The engine takes an absent land layer as empty land: the marine area is then the EEZ layer as given.
        var result: CoverageResult, layers: CoverageLayers?
        if tables != nil {
            (result, layers) = try engine.runWithLayers(sites: sites, land: land ?? [], eez: eez, country: country, kbas: kbas, progress: report)
        } else {
            (result, layers) = (try engine.run(sites: sites, land: land ?? [], eez: eez, country: country, kbas: kbas, progress: report), nil)
        }
        result = result.measured(land: land != nil, marine: eez != nil)
        var outcome = Outcome(result: result, imported: sources.imported, kbaImport: sources.kbaImport, layers: layers, run: nil,
                              warnings: Self.warnings(result, sources: sources, boundaries: boundaryWarnings))
        if let tables {
            progress.report(PipelineStep(stage: PipelineStep.writingOutputs))
            try CoverageTables.write(outcome.result, imported: sources.imported, layers: outcome.layers, to: tables)
        }
        if let recording {
            progress.report(PipelineStep(stage: PipelineStep.recordingRun))
            var recorded = options
            (recorded.landField, recorded.eezField) = (sources.land?.field, sources.eez?.field)
            let written = try await CoverageRunRecord(options: recorded, country: country, sources: sources)
                .record(outcome.result, warnings: outcome.warnings, into: recording, started: started)
            (outcome.run, outcome.stored) = (written.run, written.stored)
        }
        return outcome
    }

    /// The run's warnings in the order they arose: reading, then computing.
    static func warnings(_ result: CoverageResult, sources: Sources, boundaries: [String] = []) -> [String] {
        var warnings = sources.imported.problems.map { "\($0)" }
        warnings += sources.kbaImport?.warnings ?? []
        warnings += boundaries
        warnings += result.input.geometryErrors
        if let kbaImport = sources.kbaImport, kbaImport.featuresWithoutPolygon > 0 {
            warnings.append("KBA layer \(kbaImport.layer): \(kbaImport.featuresWithoutPolygon) features without a polygon were left out")
        }
        warnings += result.kba?.geometryErrors ?? []
        return warnings
    }
}
