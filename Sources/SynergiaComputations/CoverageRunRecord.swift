import Foundation
import SynergiaCore
import SynergiaCoverage
import SynergiaStore

/// A coverage result as a stored run: its input files with their SHA-256,
/// its options, its warnings, and the series it computed with `computed(run)`
/// provenance.
struct CoverageRunRecord {
    var options: CoverageRunOptions
    var country: String
    var sources: CoveragePipeline.Sources

    /// - Parameter warnings: the run's warnings (`CoveragePipeline.Outcome.warnings`), stored as they are.
    func record(_ result: CoverageResult, warnings: [String], into recording: RunRecording, started: Date) async throws -> ComputationRun {
        let kbaImport = sources.kbaImport
        let files = try sources.files.roles.map { try FileFingerprint.input(role: $0.role, path: $0.path) }
        let run = ComputationRun(
            workspaceID: recording.workspace.id, engine: "coverage", inputs: files,
            options: options.recorded(country: country, kbaImport: kbaImport), softwareVersion: CoveragePipeline.softwareVersion,
            startedAt: started, durationMilliseconds: Int64(Date().timeIntervalSince(started) * 1000), warnings: Array(warnings.prefix(500)))
        let source = "Synergia coverage engine on \(URL(fileURLWithPath: sources.files.wdpa).lastPathComponent)"
        let year = options.year
        func observation(_ indicator: String, _ disaggregation: String, _ value: Double?) -> ObservationInput? {
            value.map { ObservationInput(indicator: indicator, unit: "percent", disaggregation: disaggregation,
                                         observation: Observation(year: year, value: ($0 * 10_000).rounded() / 10_000, source: source, provenance: .entered(userID: nil))) }
        }
        let results = [
            observation("GBF-3.1", "realm=land", result.coverage.landPercent),
            observation("GBF-3.1", "realm=marine", result.coverage.marinePercent),
            observation("SDG-14.5.1", "", result.coverage.marinePercent),
            // The KBA layer does not say which KBAs are terrestrial or freshwater: the total, not the two UN sub-series.
            observation("SDG-15.1.2", "", result.kba?.meanPercent),
        ].compactMap { $0 }
        return try await recording.store.recordRun(run, results: results)
    }
}
