import Foundation
import SynergiaCore
import SynergiaCoverage
import SynergiaStore

/// A coverage result as a stored run: its input files with their SHA-256,
/// its options, its warnings, and every series the run allows with
/// `computed(run)` provenance (docs/coverage.md, "Series stored with a run").
struct CoverageRunRecord {
    var options: CoverageRunOptions
    var country: String
    var sources: CoveragePipeline.Sources

    /// - Parameter warnings: every warning of the run (`CoveragePipeline.Outcome.warnings`); the first 500 are kept.
    /// - Returns: the run and the series written, each with its years.
    func record(_ result: CoverageResult, warnings: [String], into recording: RunRecording, started: Date) async throws
        -> (run: ComputationRun, stored: [StoredSeries]) {
        let kbaImport = sources.kbaImport
        let files = try sources.files.roles.map { try FileFingerprint.input(role: $0.role, path: $0.path) }
        let run = ComputationRun(
            workspaceID: recording.workspace.id, engine: "coverage", inputs: files,
            options: options.recorded(country: country, kbaImport: kbaImport), softwareVersion: CoveragePipeline.softwareVersion,
            startedAt: started, durationMilliseconds: Int64(Date().timeIntervalSince(started) * 1000), warnings: Array(warnings.prefix(500)))
        let source = "Synergia coverage engine on \(URL(fileURLWithPath: sources.files.wdpa).lastPathComponent)"
        let results = try await Self.withoutOverwritingOthers(Self.observations(result, year: options.year, source: source),
                                                              runYear: options.year, recording: recording)
        return (try await recording.store.recordRun(run, results: results), StoredSeries.of(results))
    }

    /// Every series the result allows, each value rounded to 1e-4 percentage point:
    /// - GBF-3.1 `realm=land` and `realm=marine` (only the realms the run computed): the cumulative
    ///   series by STATUS_YR for every year before `year` (from 1900, the first year a series may
    ///   hold), and at `year` the run's total, which also counts the sites without a STATUS_YR;
    /// - GBF-3.1 `realm=…;site_type=PA|OECM` at `year`: the area under each site type (flattened within the type);
    /// - SDG-14.5.1: the marine values of GBF-3.1, the same years;
    /// - SDG-15.1.2 at `year`: the mean percent of each KBA covered (the UN definition), with a KBA layer.
    static func observations(_ result: CoverageResult, year: Int, source: String) -> [ObservationInput] {
        var out: [ObservationInput] = []
        func add(_ indicator: String, _ disaggregation: String, _ year: Int, _ value: Double?) {
            guard let value else { return }
            out.append(ObservationInput(indicator: indicator, unit: "percent", disaggregation: disaggregation,
                                        observation: Observation(year: year, value: (value * 10_000).rounded() / 10_000, source: source,
                                                                 provenance: .entered(userID: nil))))
        }
        let earlier = result.timeSeries.filter { $0.year < year && ObservationRules.years.contains($0.year) }
        for (realm, percent) in [("land", \AreaSplit.landPercent), ("marine", \AreaSplit.marinePercent)] {
            guard result.coverage[keyPath: percent] != nil else { continue }
            var series = [("GBF-3.1", "realm=\(realm)")]
            if realm == "marine" { series.append(("SDG-14.5.1", "")) }
            for (indicator, disaggregation) in series {
                for point in earlier { add(indicator, disaggregation, point.year, point.covered[keyPath: percent]) }
                add(indicator, disaggregation, year, result.coverage[keyPath: percent])
            }
            for group in result.bySiteType { add("GBF-3.1", "realm=\(realm);site_type=\(group.key)", year, group.covered[keyPath: percent]) }
        }
        // The KBA layer does not say which KBAs are terrestrial or freshwater: the mean over all, not the two UN sub-series.
        add("SDG-15.1.2", "", year, result.kba?.meanPercent)
        return out
    }

    /// The run's own year is written as before: it replaces the value of that year. An earlier
    /// year (a value of the cumulative series) replaces only another coverage run's earlier year;
    /// it never overwrites a value a person entered or imported, nor the total a run recorded for
    /// that year as its own (that release's figure is the one reported for that year).
    static func withoutOverwritingOthers(_ inputs: [ObservationInput], runYear: Int, recording: RunRecording) async throws -> [ObservationInput] {
        guard inputs.contains(where: { $0.observation.year != runYear }) else { return inputs }
        var existing: [String: [Int: Provenance]] = [:]
        for series in try await recording.store.series(workspaceID: recording.workspace.id) {
            existing["\(series.indicator)|\(series.disaggregation)"] = Dictionary(series.observations.map { ($0.year, $0.provenance) },
                                                                                   uniquingKeysWith: { first, _ in first })
        }
        var runs: [Int64: ComputationRun?] = [:]
        var kept: [ObservationInput] = []
        for input in inputs {
            let year = input.observation.year
            guard year != runYear, let provenance = existing["\(Code.canonical(input.indicator))|\(input.disaggregation)"]?[year] else {
                kept.append(input)
                continue
            }
            guard case .computed(let runID) = provenance else { continue }
            if runs[runID] == nil { runs[runID] = try await recording.store.run(id: runID) }
            guard let earlier = runs[runID] ?? nil, earlier.engine == "coverage", earlier.options["year"] != String(year) else { continue }
            kept.append(input)
        }
        return kept
    }
}
