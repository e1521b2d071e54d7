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
    }

    /// What every country of a run shares: the files and what was read from them once.
    struct Sources: Sendable {
        var files: CoverageFiles
        var imported: WDPAImport
        var kbaImport: KBAImport?
        var landLayer: String
        var eezLayer: String
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
        if files.kba != nil { progress.report(PipelineStep(stage: PipelineStep.readingKBAs)) }
        let kbaImport = try files.kba?.read()
        progress.report(PipelineStep(stage: PipelineStep.readingSites))
        let imported = try WDPAReader.read(path: files.wdpa, layer: files.wdpaLayer, policy: options.badRecords)
        progress.report(PipelineStep(stage: PipelineStep.readingSites, done: imported.featuresRead, total: imported.featuresRead))
        return Sources(files: files, imported: imported, kbaImport: kbaImport,
                       landLayer: try VectorDataset.layerName(in: files.land, given: files.landLayer, fallback: "land"),
                       eezLayer: try VectorDataset.layerName(in: files.eez, given: files.eezLayer, fallback: "eez"))
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
    /// - Parameter requireSites: refuse a file without a site of the country (a run for one
    ///   country); a run over every country of the boundaries reports such a country as 0 %.
    func run(country code: String, sources: Sources, tables: String?, recordInto recording: RunRecording?, threads: Int,
             progress: any PipelineProgress, started: Date, requireSites: Bool = false) async throws -> Outcome {
        let country = Code.canonical(code)
        let files = sources.files
        progress.report(PipelineStep(stage: PipelineStep.readingBoundaries))
        let land = try TerritoryReader.read(path: files.land, layer: sources.landLayer, iso3Field: options.territoryField, country: country)
        let eez = try TerritoryReader.read(path: files.eez, layer: sources.eezLayer, iso3Field: options.territoryField, country: country)
        guard !land.isEmpty else {
            let present = try TerritoryReader.countryCodes(path: files.land, layer: sources.landLayer, iso3Field: options.territoryField)
            throw DomainError.invalid("the land layer '\(sources.landLayer)' of \(UserFile.displayName(files.land)) has no feature for \(country) in field \(options.territoryField) (features by code: \(TerritoryReader.describe(present)))")
        }
        if requireSites { try Self.checkSites(of: country, in: sources, countryField: options.engine.countryField) }
        var engine = CoverageEngine(options: options.engine)
        engine.threads = threads
        let report: (CoverageProgress) -> Void = { progress.report(PipelineStep(stage: $0.stage.rawValue, done: $0.done, total: $0.total)) }
        let sites = sources.imported.records, eezParts = eez.isEmpty ? nil : eez, kbas = sources.kbaImport?.records
        let result: CoverageResult, layers: CoverageLayers?
        if tables != nil {
            (result, layers) = try engine.runWithLayers(sites: sites, land: land, eez: eezParts, country: country, kbas: kbas, progress: report)
        } else {
            (result, layers) = (try engine.run(sites: sites, land: land, eez: eezParts, country: country, kbas: kbas, progress: report), nil)
        }
        var outcome = Outcome(result: result, imported: sources.imported, kbaImport: sources.kbaImport, layers: layers, run: nil,
                              warnings: Self.warnings(result, sources: sources))
        if let tables {
            progress.report(PipelineStep(stage: PipelineStep.writingOutputs))
            try CoverageTables.write(outcome.result, imported: sources.imported, layers: outcome.layers, to: tables)
        }
        if let recording {
            progress.report(PipelineStep(stage: PipelineStep.recordingRun))
            outcome.run = try await CoverageRunRecord(options: options, country: country, sources: sources)
                .record(outcome.result, warnings: outcome.warnings, into: recording, started: started)
        }
        return outcome
    }

    /// The run's warnings in the order they arose: reading, then computing.
    static func warnings(_ result: CoverageResult, sources: Sources) -> [String] {
        var warnings = sources.imported.problems.map { "\($0)" }
        warnings += result.input.geometryErrors
        if let kbaImport = sources.kbaImport, kbaImport.featuresWithoutPolygon > 0 {
            warnings.append("KBA layer \(kbaImport.layer): \(kbaImport.featuresWithoutPolygon) features without a polygon were left out")
        }
        warnings += result.kba?.geometryErrors ?? []
        return warnings
    }
}
