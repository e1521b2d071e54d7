import Foundation
import SynergiaCore
import SynergiaCoverage

/// A recorded run computed again from its input files with its recorded options, stored
/// nowhere, and its figures compared with the figures recorded for it (docs/evidence.md).
public struct RunReplay: Sendable {
    /// A figure whose rerun value is not the recorded one (nil: the rerun has no such figure).
    public struct Difference: Sendable, Equatable {
        public var figure: RunFigure
        public var rerun: Double?
    }

    public struct Outcome: Sendable {
        public var runID: Int64
        public var inputs: [RunReplayInputs.Match]
        /// Recorded figures compared with the rerun's.
        public var compared: Int
        public var differences: [Difference]
        /// Figures of the rerun the record does not hold (an earlier year another source keeps, a value a later run replaced).
        public var notRecorded: Int
    }

    public static let engines = ["coverage"]

    public var run: ComputationRun
    /// The figures recorded for the run.
    public var figures: [RunFigure]

    public init(run: ComputationRun, figures: [RunFigure]) {
        self.run = run
        self.figures = figures
    }

    public func rerun(inputs folder: URL, progress: any PipelineProgress = NoProgress()) async throws -> Outcome {
        guard Self.engines.contains(run.engine) else {
            throw DomainError.invalid("run \(run.id) is a \(run.engine) run; only the \(Self.engines.joined(separator: ", ")) engine's runs are rerun from their inputs so far")
        }
        let inputs = try RunReplayInputs(run: run, folder: folder)
        let rerun = try await coverage(inputs, progress: progress)
        return compare(rerun, inputs: inputs.matches)
    }

    func compare(_ rerun: [RunFigure], inputs: [RunReplayInputs.Match]) -> Outcome {
        let computed = Dictionary(rerun.map { ($0.slot, $0.value) }, uniquingKeysWith: { first, _ in first })
        let recorded = Set(figures.map(\.slot))
        let differences = figures.compactMap { figure -> Difference? in
            let value = computed[figure.slot]
            // Both sides are rounded to 1e-4 the same way; the margin only absorbs binary noise.
            if let value, abs(value - figure.value) < 1e-9 { return nil }
            return Difference(figure: figure, rerun: value)
        }
        return Outcome(runID: run.id, inputs: inputs, compared: figures.count, differences: differences,
                       notRecorded: computed.keys.filter { !recorded.contains($0) }.count)
    }

    /// The coverage pipeline on the matched files with the options the run recorded, storing nothing.
    func coverage(_ inputs: RunReplayInputs, progress: any PipelineProgress) async throws -> [RunFigure] {
        let recorded = run.options
        guard let wdpa = inputs.path("wdpa"), let country = recorded["country"], let yearText = recorded["year"] else {
            throw DomainError.invalid("run \(run.id) does not record its WDPA input, country and year; it cannot be rerun")
        }
        let areaMethod = recorded["area_method"].map { $0 == CoverageOptions.AreaMethod.geodesic.rawValue ? "geodesic" : "equal-area" }
        var options = try CoverageRunOptions(country: country, year: yearText, areaMethod: areaMethod,
                                             snapGridMeters: recorded["snap_grid_m"].flatMap { $0 == "none" ? nil : $0 },
                                             badRecords: recorded["bad_records"], keepMAB: recorded["exclude_mab"] == "false",
                                             landField: recorded["land_field"], eezField: recorded["eez_field"])
        if let statuses = recorded["statuses"] {
            options.engine.statuses = Set(statuses.split(separator: ",").compactMap { SiteStatus(rawValue: String($0)) })
        }
        if let types = recorded["site_types"] {
            options.engine.siteTypes = Set(types.split(separator: ",").compactMap { SiteType(rawValue: String($0)) })
        }
        if let crs = recorded["equal_area_crs"] { options.engine.equalAreaCRS = crs }
        if let percent = recorded["kba_fully_covered_percent"].flatMap(Double.init) { options.engine.kbaFullyCoveredPercent = percent }
        var files = CoverageFiles(wdpa: wdpa, land: inputs.path("land"), eez: inputs.path("eez"))
        if let kba = inputs.path("kba") {
            files.kba = CoverageFiles.KBA(path: kba, layer: recorded["kba_layer"], idField: recorded["kba_id_field"], nameField: recorded["kba_name_field"])
        }
        let outcome = try await CoveragePipeline(options: options).run(files, progress: progress)
        return CoverageRunRecord.observations(outcome.result, year: options.year, source: "").map {
            RunFigure(indicator: Code.canonical($0.indicator), disaggregation: $0.disaggregation, unit: $0.unit,
                      year: $0.observation.year, value: $0.observation.value)
        }
    }
}
