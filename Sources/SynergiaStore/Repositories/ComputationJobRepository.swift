import Foundation
import SynergiaCore

/// Persists `ComputationJob`s (SynergiaCore): the background runs of the web application.
public protocol ComputationJobRepository: Sendable {
    func createJob(workspaceID: Int64, engine: String, folder: String, createdBy: Int64?) async throws -> ComputationJob
    func job(id: Int64) async throws -> ComputationJob?
    func jobs(workspaceID: Int64) async throws -> [ComputationJob]
    func updateJobProgress(id: Int64, stage: String, done: Int64, total: Int64?) async throws
    func finishJob(id: Int64, state: ComputationJob.State, message: String, runID: Int64?) async throws
    /// Jobs left queued or running by a server that stopped: marked failed, returned.
    func failInterruptedJobs(message: String) async throws -> [ComputationJob]
}
