import Foundation
import Hummingbird
import SynergiaCore
import SynergiaStore

/// System administration: workspaces and accounts.
enum AdminPages {
    static func add(to routes: SecuredRoutes, views: Views, settings: WebSettings) {
        let store = routes.store

        routes.get("/admin", .systemAdministrator) { request, context, _ in
            try await page(request, context, views: views, store: store)
        }

        routes.post("/admin/workspaces", .systemAdministrator) { request, context, access in
            let form = try await FormFields.read(request)
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            let workspace = try await store.createWorkspace(country: form["country"] ?? "", name: name.isEmpty ? nil : name, conventions: [])
            try await store.recordSecurityEvent(.workspaceCreated, address: context.remoteAddress, actorID: access.signedIn.id,
                                                workspaceID: workspace.id, detail: workspace.country)
            return Views.redirect("/w/\(workspace.country)/members")
        }

        routes.post("/admin/users/{user}/password-link", .systemAdministrator) { request, context, access in
            let id = try context.parameters.require("user", as: Int64.self)
            guard let user = try await store.user(id: id) else { throw DomainError.notFound("user \(id) does not exist") }
            let link = settings.passwordLink(try await store.createPasswordLink(userID: id, purpose: .reset, createdBy: access.signedIn.id,
                                                                               lifetime: settings.passwordLinkLifetime))
            try await store.recordSecurityEvent(.passwordLinkCreated, userID: id, email: user.email, address: context.remoteAddress,
                                                actorID: access.signedIn.id)
            return try await page(request, context, views: views, store: store, link: (user.email, link))
        }
    }

    static func page(_ request: Request, _ context: AppContext, views: Views, store: SQLStore, link: (email: String, url: String)? = nil) async throws -> Response {
        let language = context.language
        let workspaces = try await store.workspaces().map { ["country": $0.country, "name": $0.name] }
        let users = try await store.users().map { u -> [String: Any] in
            ["id": u.id, "email": u.email, "name": u.displayName, "admin": u.isSystemAdministrator, "secretariat": u.isSecretariat]
        }
        var values: [String: Any] = ["workspaces": workspaces, "users": users]
        if let link { values["link"] = ["email": link.email, "url": link.url] }
        return views.page("admin", title: views.text("administration", language), context: context, request: request, values: values)
    }
}
