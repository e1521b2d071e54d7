import Foundation
import Hummingbird
import NIOCore
import SynergiaCore
import SynergiaStore

/// The history of a workspace's national targets and series as JSON, and restoring a change.
enum HistoryRoutes {
    static func add(to routes: SecuredRoutes) {
        let store = routes.store

        /// `?target=KEN-T1` (the target and its alignments) or `?indicator=GBF-3.1[&disaggregation=realm=land]`.
        routes.get("/api/workspaces/{country}/history", .workspace(.viewer)) { request, _, access in
            let workspace = access.workspace!
            let query = request.uri.queryParameters
            if let target = query["target"].map(String.init) {
                let code = NationalTargetRules.canonicalCode(target, country: workspace.country)
                guard try await store.nationalTarget(workspaceID: workspace.id, code: code) != nil else {
                    throw DomainError.notFound("no national target \(code) in \(workspace.country)")
                }
                return JSONBody(try await store.targetHistory(workspaceID: workspace.id, code: code))
            }
            if let indicator = query["indicator"].map(String.init) {
                return JSONBody(try await store.seriesHistory(workspaceID: workspace.id, indicator: indicator,
                                                              disaggregation: query["disaggregation"].map(String.init)))
            }
            throw DomainError.invalid("name what the history is of: ?target=KEN-T1, or ?indicator=GBF-3.1 with &disaggregation= for one disaggregation")
        }

        /// Body (optional): `{"force": true}` restores even though the value changed since.
        routes.post("/api/workspaces/{country}/history/{change}/restore", .workspace(.contributor)) { request, context, access -> Response in
            struct Body: Decodable { var force: Bool? }
            let data = try await request.body.collect(upTo: 4096)
            var force = false
            if data.readableBytes > 0 {
                guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer: data)) else {
                    throw DomainError.invalid("the body must be JSON such as {\"force\": true}, or empty")
                }
                force = body.force ?? false
            }
            let changeID = try HistoryPages.changeNumber(context)
            try await HistoryPages.checkRole(changeID: changeID, access: access, store: store)
            do {
                let made = try await store.restore(changeID: changeID, workspaceID: access.workspace!.id, force: force,
                                                   context: ChangeContext(userID: access.user?.id, channel: .api))
                return try json(.ok, made)
            } catch let stale as StaleRestore {
                // The caller needs the value that would be overwritten to decide.
                return try json(.conflict, StaleRestoreBody(error: stale.description + "; send {\"force\": true} to restore anyway",
                                                            change: stale.change.id, current: stale.current))
            }
        }
    }

    private static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try JSONCoding.string(value))))
    }
}

/// The 409 body of a stale restore: the facts, the change, and its subject as it now stands.
struct StaleRestoreBody: Encodable {
    var error: String
    var change: Int64
    var current: [String: HistoryValue]?
}
