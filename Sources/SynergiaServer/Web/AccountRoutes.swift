import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// Sign-in, sign-out and choosing a password from a one-time link.
enum AccountRoutes {
    static func add(to routes: SecuredRoutes, views: Views, settings: WebSettings, passwords: Passwords) throws {
        let store = routes.store
        let commonPasswords = try CommonPasswordsFile.load(dataDirectory: settings.dataDirectory)

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
            let credentials = try await store.credentials(email: email)
            let limits = LoginLimits(perAccount: settings.loginFailuresPerAccount, perAddress: settings.loginFailuresPerAddress,
                                     window: settings.loginWindow)
            let admission = try await store.admitLoginAttempt(email: email, userID: credentials?.user.id, address: context.remoteAddress, limits: limits)
            guard case .admitted(let attemptID) = admission else { return again("login_throttled", status: .tooManyRequests) }
            guard try await passwords.verify(form["password"] ?? "", hash: credentials?.passwordHash), let user = credentials?.user else {
                return again("login_failed", status: .unprocessableContent)
            }
            try await store.loginSucceeded(attemptID: attemptID)
            let token = try await store.createSession(userID: user.id, address: context.remoteAddress, lifetime: settings.sessionLifetime)
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
            var problem = PasswordRules.problem(password, email: user.email, common: commonPasswords).map { views.text(messageKey($0), context.language) }
            if problem == nil, password != form["confirm"] { problem = views.text("password_mismatch", context.language) }
            if let problem {
                return views.page("set-password", title: views.text("set_password", context.language), context: context, request: request,
                                  status: .unprocessableContent,
                                  values: ["token": token, "email": user.email, "valid": true, "error": problem, "minimum": PasswordRules.minimumLength])
            }
            _ = try await store.usePasswordLink(token: token, passwordHash: try await passwords.hash(password))
            try await store.recordSecurityEvent(.passwordSet, userID: user.id, email: user.email, address: context.remoteAddress)
            // A browser signed in to another account moves to this one: its old session ends.
            if case .session(let old, _)? = context.identity?.credential { try await store.deleteSession(token: old) }
            let session = try await store.createSession(userID: user.id, address: context.remoteAddress, lifetime: settings.sessionLifetime)
            try await store.recordSecurityEvent(.loginSucceeded, userID: user.id, email: user.email, address: context.remoteAddress, detail: "after setting the password")
            var response = Views.redirect("/")
            response.setCookie(sessionCookie(session, settings: settings))
            return response
        }
    }

    /// The message of the set-password page for a refused password.
    static func messageKey(_ problem: PasswordProblem) -> String {
        switch problem {
        case .tooLong: "password_too_long"
        case .common: "password_common"
        case .tooShort, .sameAsEmail, .tooFewDifferentCharacters, .controlCharacter: "password_rules"
        }
    }

    /// Only a path of this site: never an open redirect. Browsers drop tabs and
    /// new lines from URLs and read a backslash as `/`, so a tab in `/ /evil.example`
    /// or the backslash in `/\evil.example` would lead to `//evil.example`, another site; the value
    /// is checked as sent and once percent-decoded.
    static func safeNext(_ next: String?) -> String {
        guard let next, isSameSitePath(next), isSameSitePath(next.removingPercentEncoding ?? "") else { return "/" }
        return next
    }

    private static func isSameSitePath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return false }
        return !path.unicodeScalars.contains { scalar in
            scalar == "\\" || scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .format
        }
    }

    static func sessionCookie(_ token: String, settings: WebSettings) -> Cookie {
        Cookie(name: IdentityMiddleware.sessionCookie, value: token, maxAge: Int(settings.sessionLifetime), path: "/",
               secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }

    static func expiredSessionCookie(_ settings: WebSettings) -> Cookie {
        Cookie(name: IdentityMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
