import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// The register of facts in JSON: every fact of a workspace, one fact set
/// (a fact is `concept` or `concept[entry]`), and a report's accept or keep.
enum FactRoutes {
    /// The `{fact}` of the path: `concept` or `concept[entry]`, percent-encoded or not.
    static func factKey(_ context: AppContext) throws -> FactKey {
        let text = try context.parameters.require("fact")
        guard let key = FactKey(text.removingPercentEncoding ?? text) else {
            throw DomainError.invalid("'\(text)' is not a fact; write concept or concept[entry]")
        }
        return key
    }

    static func add(to routes: SecuredRoutes, service: ReportService) {
        let register = FactRegister(service: service)
        @Sendable func actor(_ access: Access) -> ReportActor { ReportActor(userID: access.signedIn.id, role: access.role, channel: .api) }

        routes.get("/api/workspaces/{country}/facts", .workspace(.viewer)) { _, _, access in
            JSONBody(try await register.entries(workspaceID: access.workspace!.id))
        }
        routes.get("/api/workspaces/{country}/facts/{fact}/history", .workspace(.viewer)) { _, context, access in
            JSONBody(try await register.history(workspaceID: access.workspace!.id, fact: try factKey(context)))
        }
        routes.put("/api/workspaces/{country}/facts/{fact}", .workspace(.contributor)) { request, context, access in
            /// `version` is the register version the value replaces (0 for a fact not in the register yet).
            struct Body: Decodable { var value: AnswerValue; var version: Int; var language: String? }
            let key = try factKey(context)
            let body = try await request.decode(as: Body.self, context: context)
            do {
                return JSONBody(try await register.set(workspace: access.workspace!, fact: key, input: .value(body.value), language: body.language ?? "en",
                                                       expectedVersion: body.version, actor: actor(access)))
            } catch let error as AnswerReadError {
                throw DomainError.invalid("fact \(key): \(error.description)")
            }
        }
        routes.post("/api/reports/{id}/fact-notices", .report(.contributor, secretariatReads: false)) { request, context, access -> Response in
            /// `decision` is accept (take the register's value at `version`, the version the notice showed) or keep.
            struct Body: Decodable { var key: String; var decision: String; var version: Int? }
            let body = try await request.decode(as: Body.self, context: context)
            guard let key = AnswerKey(body.key) else { throw DomainError.invalid("'\(body.key)' is not an answer key") }
            switch body.decision {
            case "accept":
                guard let version = body.version else { throw DomainError.invalid("accepting needs the register version the notice showed ('version')") }
                return try JSONBody(try await register.accept(reportID: access.report!.id, key: key, factVersion: version, actor: actor(access))).response(from: request, context: context)
            case "keep":
                try await register.keep(reportID: access.report!.id, key: key, actor: actor(access))
                return try JSONBody(["kept": key.description]).response(from: request, context: context)
            default:
                throw DomainError.invalid("decision '\(body.decision)' is not accept or keep")
            }
        }
    }
}
