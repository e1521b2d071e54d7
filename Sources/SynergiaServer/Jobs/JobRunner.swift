import Foundation
import Logging
import Synchronization
import SynergiaComputations
import SynergiaCore
import SynergiaGeoBindings
import SynergiaStore

/// Carries out computation jobs one after another in the background and keeps
/// their progress in the database, where the job page reads it. One at a time:
/// each engine already uses every core.
final class JobRunner: Sendable {
    typealias Work = @Sendable (_ progress: JobProgress) async throws -> (runID: Int64?, summary: String)

    private let store: SQLStore
    private let logger: Logger
    private let executor = EngineExecutor()
    private let pending: AsyncStream<(ComputationJob, Work)>.Continuation
    private let stream: AsyncStream<(ComputationJob, Work)>
    private let started = Mutex(false)

    init(store: SQLStore, logger: Logger = Logger(label: "synergia.jobs")) {
        self.store = store
        self.logger = logger
        (stream, pending) = AsyncStream.makeStream(of: (ComputationJob, Work).self)
    }

    func submit(_ job: ComputationJob, work: @escaping Work) {
        startWorkerOnce()
        pending.yield((job, work))
    }

    private func startWorkerOnce() {
        let first = started.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        guard first else { return }
        let stream = self.stream, store = self.store, logger = self.logger
        Task(executorPreference: executor) {
            for await (job, work) in stream {
                let id = job.id
                let progress = JobProgress(jobID: id, store: store)
                do {
                    try await store.updateJobProgress(id: id, stage: "starting", done: 0, total: nil)
                    let (runID, summary) = try await work(progress)
                    await progress.flush()
                    try await store.finishJob(id: id, state: .succeeded, message: summary, runID: runID)
                } catch {
                    await progress.flush()
                    logger.info("computation job \(id) failed")
                    try? await store.finishJob(id: id, state: .failed, message: JobRunner.message(error, folder: job.folder), runID: nil)
                }
            }
        }
    }

    /// What the user reads on the job page and in the API when it failed: files
    /// named as uploaded, never by a folder of the server (the job's own, or any other).
    static func message(_ error: any Error, folder: String) -> String {
        var text = String(describing: error)
        for job in Set([folder, URL(fileURLWithPath: folder).standardizedFileURL.path]) where !job.isEmpty {
            let escaped = NSRegularExpression.escapedPattern(for: job.hasSuffix("/") ? String(job.dropLast()) : job)
            // "<job>/inputs/<field>/<file>", "<job>/rasters/<file>", "<job>/out/<file>" become "<file>".
            text = text.replacingOccurrences(of: escaped + "/(?:inputs/[^/]+|rasters|out|map)/", with: "", options: .regularExpression)
            text = text.replacingOccurrences(of: escaped, with: "the job's folder", options: .regularExpression)
        }
        return PathScrubber.baseNamesOnly(text)
    }
}

/// Progress reported by a pipeline from its engine's threads. Writes reach
/// the database at most twice a second; the last one is always written.
final class JobProgress: PipelineProgress {
    private struct Latest { var stage = ""; var done: Int64 = 0; var total: Int64?; var written = Date.distantPast; var dirty = false }
    private let jobID: Int64
    private let store: SQLStore
    private let latest = Mutex(Latest())

    init(jobID: Int64, store: SQLStore) { self.jobID = jobID; self.store = store }

    func report(_ step: PipelineStep) { report(stage: step.stage, done: step.done, total: step.total) }

    func report(stage: String, done: Int, total: Int?) {
        let write = latest.withLock { l -> Bool in
            l.stage = stage; l.done = Int64(done); l.total = total.map(Int64.init); l.dirty = true
            guard Date().timeIntervalSince(l.written) >= 0.5 else { return false }
            l.written = Date(); l.dirty = false
            return true
        }
        if write { Task { await self.store(latest.withLock { $0 }) } }
    }

    func flush() async {
        let l = latest.withLock { l -> Latest? in
            guard l.dirty else { return nil }
            l.dirty = false
            return l
        }
        if let l { await store(l) }
    }

    private func store(_ l: Latest) async {
        try? await store.updateJobProgress(id: jobID, stage: l.stage, done: l.done, total: l.total)
    }
}
