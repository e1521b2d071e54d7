import Foundation
import Hummingbird
import SynergiaCore
import SynergiaStore

/// Sign-in, sign-out and choosing a password from a one-time link.
enum AccountRoutes {
    static func add(to routes: SecuredRoutes, views: Views, settings: WebSettings, passwords: Passwords) {
        let store = routes.store

        routes.get("/login", .anyone) { request, context, _ in
            if context.identity != nil { return Views.redirect("/") }
            return views.page("login", title: views.text("sign_in", context.language), context: context, request: request,
                              values: ["next": safeNext(request.uri.queryParameters.get("next"))])
        }

        routes.post("/login", .anyone) { request, context, _ in
            let form = try await FormFields.read(request)
            let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let next = safeNext(form["next"])
            func again(_ messageKey: String, status: HTTPResponse.Status) -> Response {
                views.page("login", title: views.text("sign_in", context.language), context: context, request: request, status: status,
                           values: ["next": next, "email": email, "error": views.text(messageKey, context.language)])
            }
            let since = Date().addingTimeInterval(-settings.loginWindow)
            let perAccount = try await store.failedLogins(email: email, since: since)
            var perAddress = 0
            if let address = context.remoteAddress { perAddress = try await store.failedLogins(address: address, since: since) }
            if perAccount >= settings.loginFailuresPerAccount || perAddress >= settings.loginFailuresPerAddress {
                try await store.recordSecurityEvent(.loginThrottled, email: email, address: context.remoteAddress,
                                                    detail: perAccount >= settings.loginFailuresPerAccount ? "account" : "address")
                return again("login_throttled", status: .tooManyRequests)
            }
            let credentials = try await store.credentials(email: email)
            guard try await passwords.verify(form["password"] ?? "", hash: credentials?.passwordHash), let user = credentials?.user else {
                try await store.recordSecurityEvent(.loginFailed, userID: credentials?.user.id, email: email, address: context.remoteAddress)
                return again("login_failed", status: .unprocessableContent)
            }
            let token = try await store.createSession(userID: user.id, address: context.remoteAddress, lifetime: settings.sessionLifetime)
            try await store.recordSecurityEvent(.loginSucceeded, userID: user.id, email: email, address: context.remoteAddress)
            var response = Views.redirect(next)
            response.setCookie(sessionCookie(token, settings: settings))
            return response
        }

        routes.post("/logout", .signedIn) { _, context, access in
            if case .session(let token, _)? = context.identity?.credential { try await store.deleteSession(token: token) }
            try await store.recordSecurityEvent(.logout, userID: access.signedIn.id, email: access.signedIn.email, address: context.remoteAddress)
            var response = Views.redirect("/login")
            response.setCookie(expiredSessionCookie(settings))
            return response
        }

        routes.post("/logout-everywhere", .signedIn) { _, context, access in
            let ended = try await store.deleteSessions(userID: access.signedIn.id)
            try await store.recordSecurityEvent(.logoutEverywhere, userID: access.signedIn.id, email: access.signedIn.email,
                                                address: context.remoteAddress, detail: "\(ended) sessions")
            var response = Views.redirect("/login")
            response.setCookie(expiredSessionCookie(settings))
            return response
        }

        routes.get("/set-password", .anyone) { request, context, _ in
            let token = request.uri.queryParameters.get("token") ?? ""
            let user = try await store.passwordLinkUser(token: token)
            return views.page("set-password", title: views.text("set_password", context.language), context: context, request: request,
                              status: user == nil ? .notFound : .ok,
                              values: ["token": token, "email": user?.email ?? "", "valid": user != nil, "minimum": PasswordRules.minimumLength])
        }

        routes.post("/set-password", .anyone) { request, context, _ in
            let form = try await FormFields.read(request)
            let token = form["token"] ?? "", password = form["password"] ?? ""
            guard let user = try await store.passwordLinkUser(token: token) else {
                return views.page("set-password", title: views.text("set_password", context.language), context: context, request: request,
                                  status: .notFound, values: ["valid": false])
            }
            var problem = PasswordRules.problem(password, email: user.email).map { _ in views.text("password_rules", context.language) }
            if problem == nil, password != form["confirm"] { problem = views.text("password_mismatch", context.language) }
            if let problem {
                return views.page("set-password", title: views.text("set_password", context.language), context: context, request: request,
                                  status: .unprocessableContent,
                                  values: ["token": token, "email": user.email, "valid": true, "error": problem, "minimum": PasswordRules.minimumLength])
            }
            _ = try await store.usePasswordLink(token: token, passwordHash: try await passwords.hash(password))
            try await store.recordSecurityEvent(.passwordSet, userID: user.id, email: user.email, address: context.remoteAddress)
            let session = try await store.createSession(userID: user.id, address: context.remoteAddress, lifetime: settings.sessionLifetime)
            try await store.recordSecurityEvent(.loginSucceeded, userID: user.id, email: user.email, address: context.remoteAddress, detail: "after setting the password")
            var response = Views.redirect("/")
            response.setCookie(sessionCookie(session, settings: settings))
            return response
        }
    }

    /// Only a local path: never an open redirect to another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    static func sessionCookie(_ token: String, settings: WebSettings) -> Cookie {
        Cookie(name: IdentityMiddleware.sessionCookie, value: token, maxAge: Int(settings.sessionLifetime), path: "/",
               secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }

    static func expiredSessionCookie(_ settings: WebSettings) -> Cookie {
        Cookie(name: IdentityMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
