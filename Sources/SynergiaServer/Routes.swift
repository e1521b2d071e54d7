import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// The read-only JSON API over reference data, workspaces, national targets and progress.
public enum Routes {
    public static func router(store: SQLStore, reports: ReportService? = nil, maxUploadBytes: Int = 20_000_000) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: DomainErrorMiddleware())
        router.get("/health") { _, _ in
            try await store.provider.withDatabase { db in try await db.raw("SELECT 1").run() }
            return JSONBody(["status": "ok", "database": store.provider.kind.rawValue])
        }
        let api = router.group("api")
        addReferenceRoutes(api, store: store)
        addWorkspaceRoutes(api, store: store)
        if let reports { ReportRoutes.add(to: api, service: reports, maxUploadBytes: maxUploadBytes) }
        return router
    }

    static func addReferenceRoutes(_ api: RouterGroup<APIContext>, store: SQLStore) {
        api.get("countries") { _, _ in JSONBody(try await store.countries()) }
        api.get("conventions") { _, _ in JSONBody(try await store.conventions()) }
        api.get("frameworks") { _, _ in JSONBody(try await store.frameworks()) }
        api.get("frameworks/{code}") { _, context in
            let code = try context.parameters.require("code")
            guard let content = try await store.frameworkContent(code) else {
                throw DomainError.notFound("unknown framework '\(code)'")
            }
            return JSONBody(content)
        }
        api.get("targets/{code}") { _, context in
            let code = try context.parameters.require("code")
            guard let target = try await store.globalTarget(code) else {
                throw DomainError.notFound("unknown target '\(code)'")
            }
            let graph = CrosswalkGraph(items: try await store.crosswalkItems(), links: try await store.crosswalkLinks())
            return JSONBody(TargetWithCrosswalk(target: target, related: graph.related(to: target.code)))
        }
    }

    static func addWorkspaceRoutes(_ api: RouterGroup<APIContext>, store: SQLStore) {
        @Sendable func workspace(_ context: APIContext) async throws -> Workspace {
            let code = try context.parameters.require("country")
            guard let workspace = try await store.workspace(country: code) else {
                throw DomainError.notFound("no workspace for '\(code)'")
            }
            return workspace
        }
        api.get("workspaces") { _, _ in JSONBody(try await store.workspaces()) }
        api.get("workspaces/{country}") { _, context in JSONBody(try await workspace(context)) }
        api.get("workspaces/{country}/national-targets") { _, context in
            JSONBody(try await store.nationalTargets(workspaceID: try await workspace(context).id))
        }
        api.get("workspaces/{country}/national-targets/{code}") { _, context in
            let workspace = try await workspace(context)
            let code = NationalTargetRules.canonicalCode(try context.parameters.require("code"), country: workspace.country)
            guard let target = try await store.nationalTarget(workspaceID: workspace.id, code: code) else {
                throw DomainError.notFound("no national target \(code) in \(workspace.country)")
            }
            return JSONBody(target)
        }
        api.get("workspaces/{country}/series") { _, context in
            JSONBody(try await store.series(workspaceID: try await workspace(context).id))
        }
        api.get("workspaces/{country}/progress") { _, context in
            JSONBody(try await store.progress(workspaceID: try await workspace(context).id))
        }
    }
}

struct TargetWithCrosswalk: Codable, Sendable {
    var target: GlobalTarget
    var related: [RelatedItem]
}
