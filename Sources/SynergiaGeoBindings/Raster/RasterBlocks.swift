import Foundation

/// A rectangular window of a grid, in pixels.
public struct RasterWindow: Sendable, Equatable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var count: Int { width * height }
}

/// Splits a grid into tiles of at most `blockSize` x `blockSize` pixels. Work is
/// done tile by tile so that memory depends on the tile size, not the raster size.
public struct RasterBlockLayout: Sendable {
    public let windows: [RasterWindow]

    public init(width: Int, height: Int, blockSize: Int) {
        let b = max(1, blockSize)
        var w: [RasterWindow] = []
        var y = 0
        while y < height {
            var x = 0
            while x < width {
                w.append(RasterWindow(x: x, y: y, width: min(b, width - x), height: min(b, height - y)))
                x += b
            }
            y += b
        }
        windows = w
    }
}

/// Runs block jobs on `threads` worker threads. Each worker gets its own state
/// (open GDAL handles are not shareable between threads; per-worker
/// accumulators avoid locking). The first error stops the remaining work.
public enum RasterParallel {
    /// Results and the first error, written under a lock by the workers.
    private final class Collector<State>: @unchecked Sendable {
        let lock = NSLock()
        var states: [Int: State] = [:]
        var error: Error?
        var nextBlock = 0

        /// The next block to process, or nil when all are taken or a worker failed.
        func take(_ total: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard error == nil, nextBlock < total else { return nil }
            nextBlock += 1
            return nextBlock - 1
        }
    }

    public static func run<State>(blocks: Int, threads: Int,
                           makeState: (Int) throws -> State,
                           body: (inout State, Int) throws -> Void) throws -> [State] {
        let n = max(1, min(threads, max(1, blocks)))
        let collector = Collector<State>()
        func work(_ worker: Int) {
            do {
                var state = try makeState(worker)
                while let i = collector.take(blocks) { try body(&state, i) }
                collector.lock.lock(); collector.states[worker] = state; collector.lock.unlock()
            } catch {
                collector.lock.lock(); if collector.error == nil { collector.error = error }; collector.lock.unlock()
            }
        }
        if n == 1 {
            work(0)
        } else {
            // Each iteration is one long-lived worker pulling blocks from a shared counter.
            withoutActuallyEscaping(work) { w in
                nonisolated(unsafe) let w = w
                DispatchQueue.concurrentPerform(iterations: n) { w($0) }
            }
        }
        if let error = collector.error { throw error }
        return (0..<n).compactMap { collector.states[$0] }
    }
}
