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

    public init(id: Int64, workspaceID: Int64, engine: String, state: State, stage: String, done: Int64, total: Int64?, message: String,
                runID: Int64?, folder: String, createdBy: Int64?, createdAt: Date, updatedAt: Date) {
        self.id = id; self.workspaceID = workspaceID; self.engine = engine; self.state = state; self.stage = stage
        self.done = done; self.total = total; self.message = message; self.runID = runID; self.folder = folder
        self.createdBy = createdBy; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// 0…1 when the stage has a known total.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(done) / Double(total))
    }
}
