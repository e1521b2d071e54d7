import Foundation

/// An engine run started from the web application and carried out in the
/// background: its state and progress, the folder holding its uploaded inputs
/// and outputs, and the stored run once it succeeded.
public struct ComputationJob: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case queued, running, succeeded, failed
        public var isFinished: Bool { self == .succeeded || self == .failed }
    }

    public var id: Int64
    public var workspaceID: Int64
    public var engine: String
    public var state: State
    /// What the engine is doing now ("reading sites", "blocks", …).
    public var stage: String
    public var done: Int64
    public var total: Int64?
    /// Failure reason, or a short summary when done.
    public var message: String
    public var runID: Int64?
    public var folder: String
    public var createdBy: Int64?
    public var createdAt: Date
    public var updatedAt: Date

    /// 0…1 when the stage has a known total.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(done) / Double(total))
    }
}

public protocol ComputationJobRepository: Sendable {
    func createJob(workspaceID: Int64, engine: String, folder: String, createdBy: Int64?) async throws -> ComputationJob
    func job(id: Int64) async throws -> ComputationJob?
    func jobs(workspaceID: Int64) async throws -> [ComputationJob]
    func updateJobProgress(id: Int64, stage: String, done: Int64, total: Int64?) async throws
    func finishJob(id: Int64, state: ComputationJob.State, message: String, runID: Int64?) async throws
    /// Jobs left queued or running by a server that stopped: marked failed, returned.
    func failInterruptedJobs(message: String) async throws -> [ComputationJob]
}
