import Foundation

/// One step of an engine pipeline as its callers show it: the stage and how far it is.
public struct PipelineStep: Sendable, Hashable {
    public var stage: String
    public var done: Int
    /// Nil while the stage's size is unknown.
    public var total: Int?
    /// Bytes read so far, for stages that stream rasters (the CLI shows a rate).
    public var bytesRead: Int64?

    public init(stage: String, done: Int = 0, total: Int? = nil, bytesRead: Int64? = nil) {
        self.stage = stage; self.done = done; self.total = total; self.bytesRead = bytesRead
    }

    /// 0…1 when the stage has a known total.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(done) / Double(total))
    }

    /// Stages of the pipelines themselves; the engines add theirs (clipping, blocks, …).
    public static let readingKBAs = "reading KBAs"
    public static let readingSites = "reading sites"
    public static let readingBoundaries = "reading boundaries"
    public static let countries = "countries"
    public static let writingOutputs = "writing outputs"
    public static let recordingRun = "recording run"
}

/// Where a pipeline reports its progress: the CLI turns it into its progress
/// bar, the web job runner into the job's progress. Called from engine threads.
public protocol PipelineProgress: Sendable {
    func report(_ step: PipelineStep)
}

/// For callers that show no progress.
public struct NoProgress: PipelineProgress {
    public init() {}
    public func report(_ step: PipelineStep) {}
}
