import Foundation
import SynergiaGeoBindings

/// What one disjoint unit adds to one group in one realm (`Statistics`).
struct UnitContribution: Sendable {
    let group: Int
    let realm: PieceRealm
    let own: Double
    /// What it adds beyond the groups before it; nil when groups are not accumulated.
    let added: Double?
}

/// Runs independent jobs on several threads, each thread with a GEOS context of
/// its own (a context must never be used by two threads at once). Geometry
/// travels to the jobs as WKB and results come back as plain values.
enum UnitWorkers {
    /// `job(k, context)` for every k in 0..<count; results in k order. The
    /// first error stops the remaining jobs and is thrown.
    static func measure<T: Sendable>(count: Int, threads: Int, _ job: @escaping @Sendable (Int, GEOSContext) throws -> T) throws -> [T] {
        let state = WorkState<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            let context = GEOSContext()
            while let k = state.next() {
                do {
                    state.store(try job(k, context), at: k)
                } catch {
                    state.fail(error)
                }
            }
        }
        return try state.results()
    }
}

/// The jobs' shared queue and results, behind one lock.
private final class WorkState<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextJob = 0
    private let count: Int
    private var values: [T?]
    private var error: (any Error)?

    init(count: Int) {
        self.count = count
        values = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.withLock {
            guard error == nil, nextJob < count else { return nil }
            defer { nextJob += 1 }
            return nextJob
        }
    }

    func store(_ value: T, at k: Int) { lock.withLock { values[k] = value } }

    func fail(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }

    func results() throws -> [T] {
        try lock.withLock {
            if let error { throw error }
            return values.map { $0! }
        }
    }
}
