import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// Frameworks and crosswalks: every framework's targets, and a page per
/// global target with the linked targets of every other framework and the
/// national targets (of the reader's workspaces) aligned to any of them. Goal and
/// target titles are in the page's language (`FrameworkTitles`, English where a
/// title has no translation).
enum FrameworkPages {
    static func add(to routes: SecuredRoutes, views: Views, titles: FrameworkTitles) {
        let store = routes.store

        routes.get("/frameworks", .signedIn) { request, context, _ in
            let language = context.language
            var frameworks: [[String: Any]] = []
            for framework in try await store.frameworks() {
                guard let content = try await store.frameworkContent(framework.code) else { continue }
                frameworks.append(["code": framework.code, "name": framework.name,
                                   "targets": content.targets.map { ["code": $0.code, "number": $0.number, "title": titles.title($0.code, in: language, english: $0.title)] }])
            }
            return views.page("frameworks", title: views.text("frameworks", context.language), context: context, request: request,
                              values: ["frameworks": frameworks])
        }

        routes.get("/targets/{code}", .signedIn) { request, context, access in
            let code = try context.parameters.require("code"), language = context.language
            guard let target = try await store.globalTarget(code) else { throw DomainError.notFound("unknown target '\(code)'") }
            let title = titles.title(target.code, in: language, english: target.title)
            let graph = CrosswalkGraph(items: try await store.crosswalkItems(), links: try await store.crosswalkLinks())
            let related = graph.related(to: target.code)
            let linked = Set([target.code] + related.map(\.code))
            var national: [[String: Any]] = []
            for workspace in try await store.workspaces() {
                guard try await store.role(userID: access.signedIn.id, workspaceID: workspace.id) != nil else { continue }
                for nationalTarget in try await store.nationalTargets(workspaceID: workspace.id) {
                    for alignment in nationalTarget.alignments where linked.contains(alignment.globalTarget) {
                        national.append(["country": workspace.country, "code": nationalTarget.code, "title": nationalTarget.title,
                                         "via": alignment.globalTarget, "degree": alignment.degree.rawValue])
                    }
                }
            }
            let rows = related.map { item -> [String: Any] in
                ["code": item.code, "framework": item.framework, "title": titles.title(item.code, in: language, english: item.title), "relation": item.relation.rawValue,
                 "via": item.via.joined(separator: " → "), "source": item.source]
            }
            return views.page("target", title: "\(target.code) \(title)", context: context, request: request, values: [
                "target": ["code": target.code, "framework": target.framework, "title": title, "text": target.text ?? "", "source": target.source],
                "related": rows, "national": national,
            ])
        }
    }
}
