import Foundation
import SynergiaCore

/// Persists `ComputationRun`s (SynergiaCore) with the series they produced.
public protocol ComputationRunRepository: Sendable {
    /// Stores the run and its results in one transaction; results replace the
    /// values of earlier runs for the same series and years. Each result's
    /// provenance becomes `computed(run id)`.
    func recordRun(_ run: ComputationRun, results: [ObservationInput]) async throws -> ComputationRun
    func runs(workspaceID: Int64) async throws -> [ComputationRun]
    func run(id: Int64) async throws -> ComputationRun?
}
