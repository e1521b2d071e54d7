import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaStore

/// JSON over reference data (any signed-in user) and over workspaces,
/// national targets, series and progress (members of the workspace). Goals,
/// targets and indicators keep `title` in English and add `titles` in every language.
enum ReferenceRoutes {
    static func add(to routes: SecuredRoutes, units: UnitTable, titles: FrameworkTitles) {
        let store = routes.store
        routes.get("/api/countries", .signedIn) { _, _, _ in JSONBody(try await store.countries()) }
        routes.get("/api/conventions", .signedIn) { _, _, _ in JSONBody(try await store.conventions()) }
        routes.get("/api/frameworks", .signedIn) { _, _, _ in JSONBody(try await store.frameworks()) }
        routes.get("/api/frameworks/{code}", .signedIn) { _, context, _ in
            let code = try context.parameters.require("code")
            guard let content = try await store.frameworkContent(code) else { throw DomainError.notFound("unknown framework '\(code)'") }
            return JSONBody(titles.localized(content))
        }
        routes.get("/api/targets/{code}", .signedIn) { _, context, _ in
            let code = try context.parameters.require("code")
            guard let target = try await store.globalTarget(code) else { throw DomainError.notFound("unknown target '\(code)'") }
            let graph = CrosswalkGraph(items: try await store.crosswalkItems(), links: try await store.crosswalkLinks())
            return JSONBody(TargetWithCrosswalk(target: titles.localized(target), related: graph.related(to: target.code).map { item in
                TitledRelatedItem(item: item, titles: LocalizedText.titles(english: item.title, titles.titles(item.code)))
            }))
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

struct TargetWithCrosswalk: Encodable, Sendable {
    var target: GlobalTarget
    var related: [TitledRelatedItem]
}

/// A linked item as `RelatedItem` encodes it, with `titles` beside its English `title`.
struct TitledRelatedItem: Encodable, Sendable {
    var item: RelatedItem
    var titles: LocalizedText

    private enum Key: String, CodingKey { case titles }

    func encode(to encoder: any Encoder) throws {
        try item.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(titles, forKey: .titles)
    }
}
