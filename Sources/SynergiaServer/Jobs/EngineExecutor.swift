import Dispatch
import Foundation

/// Runs engine jobs on a thread of their own. The engines compute for minutes
/// in synchronous code; on Swift's shared cooperative pool (one thread per
/// core) that would stall every web request meanwhile.
final class EngineExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "synergia.engine-jobs", qos: .utility)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
