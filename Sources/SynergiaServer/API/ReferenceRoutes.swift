import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// JSON over reference data (any signed-in user) and over workspaces,
/// national targets, series and progress (members of the workspace).
enum ReferenceRoutes {
    static func add(to routes: SecuredRoutes, units: UnitTable) {
        let store = routes.store
        routes.get("/api/countries", .signedIn) { _, _, _ in JSONBody(try await store.countries()) }
        routes.get("/api/conventions", .signedIn) { _, _, _ in JSONBody(try await store.conventions()) }
        routes.get("/api/frameworks", .signedIn) { _, _, _ in JSONBody(try await store.frameworks()) }
        routes.get("/api/frameworks/{code}", .signedIn) { _, context, _ in
            let code = try context.parameters.require("code")
            guard let content = try await store.frameworkContent(code) else { throw DomainError.notFound("unknown framework '\(code)'") }
            return JSONBody(content)
        }
        routes.get("/api/targets/{code}", .signedIn) { _, context, _ in
            let code = try context.parameters.require("code")
            guard let target = try await store.globalTarget(code) else { throw DomainError.notFound("unknown target '\(code)'") }
            let graph = CrosswalkGraph(items: try await store.crosswalkItems(), links: try await store.crosswalkLinks())
            return JSONBody(TargetWithCrosswalk(target: target, related: graph.related(to: target.code)))
        }

        /// The caller's workspaces (every one for a system administrator).
        routes.get("/api/workspaces", .signedIn) { _, _, access in
            JSONBody(try await store.visibleWorkspaces(for: access.signedIn).map(\.workspace))
        }
        routes.get("/api/workspaces/{country}", .workspace(.viewer)) { _, _, access in JSONBody(access.workspace!) }
        routes.get("/api/workspaces/{country}/national-targets", .workspace(.viewer)) { _, _, access in
            JSONBody(try await store.nationalTargets(workspaceID: access.workspace!.id))
        }
        routes.get("/api/workspaces/{country}/national-targets/{code}", .workspace(.viewer)) { _, context, access in
            let workspace = access.workspace!
            let code = NationalTargetRules.canonicalCode(try context.parameters.require("code"), country: workspace.country)
            guard let target = try await store.nationalTarget(workspaceID: workspace.id, code: code) else {
                throw DomainError.notFound("no national target \(code) in \(workspace.country)")
            }
            return JSONBody(target)
        }
        routes.get("/api/workspaces/{country}/series", .workspace(.viewer)) { _, _, access in
            JSONBody(try await store.series(workspaceID: access.workspace!.id))
        }
        routes.get("/api/workspaces/{country}/progress", .workspace(.viewer)) { _, _, access in
            JSONBody(try await WorkspaceProgress.assess(workspaceID: access.workspace!.id, in: store, units: units))
        }
    }
}

struct TargetWithCrosswalk: Codable, Sendable {
    var target: GlobalTarget
    var related: [RelatedItem]
}
