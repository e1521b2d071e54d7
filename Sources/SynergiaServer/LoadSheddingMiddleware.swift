import Foundation
import Hummingbird
import HTTPTypes

/// Bounds the work the server accepts: at most `maximumRunning` requests are
/// handled at once, at most `maximumQueued` wait for a turn, and none waits
/// longer than `maximumWait`. Past that a request is answered at once with
/// 503 and `Retry-After`, so an overloaded server stays responsive and
/// recovers as soon as the burst ends instead of working through a backlog
/// of requests whose clients have given up.
struct LoadSheddingMiddleware<Context: RequestContext>: RouterMiddleware {
    let gate: RequestGate
    /// Answered without taking a turn: a load balancer must see the process alive under load.
    let exempt: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if exempt.contains(request.uri.path) { return try await next(request, context) }
        guard await gate.enter() else {
            var headers = HTTPFields()
            headers[.retryAfter] = String(gate.retryAfterSeconds)
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .serviceUnavailable, headers: headers,
                            body: .init(byteBuffer: .init(string: "The server is busy; try again in \(gate.retryAfterSeconds) s.\n")))
        }
        do {
            let response = try await next(request, context)
            await gate.leave()
            return response
        } catch {
            await gate.leave()
            throw error
        }
    }
}

/// Turns to handle a request: a counter of running requests and a FIFO of waiting ones.
actor RequestGate {
    let maximumRunning: Int
    let maximumQueued: Int
    let maximumWait: Duration
    nonisolated let retryAfterSeconds: Int
    private var running = 0
    private var queue: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0
    /// Requests refused since start.
    private(set) var shed = 0
    var runningCount: Int { running }
    var queuedCount: Int { queue.count }

    init(maximumRunning: Int, maximumQueued: Int, maximumWait: Duration, retryAfterSeconds: Int = 1) {
        precondition(maximumRunning > 0 && maximumQueued >= 0)
        self.maximumRunning = maximumRunning
        self.maximumQueued = maximumQueued
        self.maximumWait = maximumWait
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// True when the request may run now or after a short wait; false when it is refused.
    func enter() async -> Bool {
        if running < maximumRunning {
            running += 1
            return true
        }
        guard queue.count < maximumQueued else {
            shed += 1
            return false
        }
        nextID &+= 1
        let id = nextID
        let wait = maximumWait
        let timeout = Task { [weak self] in
            try? await Task.sleep(for: wait)
            await self?.expire(id)
        }
        let admitted = await withCheckedContinuation { queue.append((id, $0)) }
        timeout.cancel()
        return admitted
    }

    func leave() {
        if queue.isEmpty {
            running -= 1
        } else {
            // The turn passes straight to the oldest waiting request: `running` stays the same.
            queue.removeFirst().continuation.resume(returning: true)
        }
    }

    private func expire(_ id: UInt64) {
        guard let index = queue.firstIndex(where: { $0.id == id }) else { return }
        shed += 1
        queue.remove(at: index).continuation.resume(returning: false)
    }
}
