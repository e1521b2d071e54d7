import Foundation
import Hummingbird
import NIOCore
import SynergiaStore

/// `/ready`: whether the database answers a trivial query in time. A load
/// balancer sends traffic elsewhere on 503; `/health` only says the process lives.
enum ReadinessCheck {
    static let timeout: Duration = .seconds(2)

    static func run(store: SQLStore) async -> Response {
        let database = store.provider.kind.rawValue
        let answered = await answersInTime(store)
        let body = answered ? #"{"database":"\#(database)","status":"ready"}"# : #"{"database":"\#(database)","status":"unavailable"}"#
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if !answered { headers[.retryAfter] = "5" }
        return Response(status: answered ? .ok : .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The first of the query and the clock wins. Not a task group: a group waits for
    /// all its tasks, and a database that hangs would hang the check with it.
    private static func answersInTime(_ store: SQLStore) async -> Bool {
        let verdict = FirstVerdict()
        return await withCheckedContinuation { continuation in
            verdict.continuation = continuation
            Task {
                let ok = (try? await store.provider.withDatabase { db in try await db.raw("SELECT 1").run() }) != nil
                verdict.give(ok)
            }
            Task {
                try? await Task.sleep(for: timeout)
                verdict.give(false)
            }
        }
    }
}

/// Resumes its continuation with the first verdict given and ignores the others.
private final class FirstVerdict: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: CheckedContinuation<Bool, Never>?

    var continuation: CheckedContinuation<Bool, Never>? {
        get { lock.withLock { pending } }
        set { lock.withLock { pending = newValue } }
    }

    func give(_ verdict: Bool) {
        let waiting = lock.withLock { () -> CheckedContinuation<Bool, Never>? in
            defer { pending = nil }
            return pending
        }
        waiting?.resume(returning: verdict)
    }
}
