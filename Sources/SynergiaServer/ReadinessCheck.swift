import Hummingbird
import NIOCore
import SynergiaStore

/// `/ready`: whether the database answers a trivial query in time. A load
/// balancer sends traffic elsewhere on 503; `/health` only says the process lives.
enum ReadinessCheck {
    static let timeout: Duration = .seconds(2)

    static func run(store: SQLStore) async throws -> Response {
        let database = store.provider.kind.rawValue
        let answered = await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await store.provider.withDatabase { db in try await db.raw("SELECT 1").run() }) != nil }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        let body = answered ? #"{"database":"\#(database)","status":"ready"}"# : #"{"database":"\#(database)","status":"unavailable"}"#
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if !answered { headers[.retryAfter] = "5" }
        return Response(status: answered ? .ok : .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
