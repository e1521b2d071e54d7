import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

@Suite struct SessionTests {
    func login(_ client: some TestClientProtocol, _ email: String, _ password: String, next: String = "/") async throws -> TestResponse {
        let (headers, body) = form(nil, ["email": email, "password": password, "next": next])
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
    }

    func cookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("synergia_session=") }.map { String($0.prefix { $0 != ";" }) }
    }

    @Test(arguments: TestDatabase.kinds)
    func signInGivesAnHttpOnlySameSiteCookieAndSignOutEndsIt(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let response = try await login(client, "Focal.Point@demo.synergia.example", TestApp.password, next: "/w/KEN")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/w/KEN")
            let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("synergia_session=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && !setCookie.contains("Secure"))
            let session = try #require(cookie(response))
            let page = try await client.execute(uri: "/w/KEN", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("KEN-T1"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            // Sign-out needs the session's CSRF token; then the cookie no longer works.
            let csrf = try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([^"]+)"/)).1
            let (headers, body) = form(nil, ["csrf": String(csrf)])
            var withCookie = headers
            withCookie[.cookie] = session
            let out = try await client.execute(uri: "/logout", method: .post, headers: withCookie, body: body)
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/w/KEN", method: .get, headers: [.cookie: session])
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/login?next=%2Fw%2FKEN")
            let events = try await app.store.securityEvents(userID: app.users[.focalPoint]!.id)
            #expect(events.map(\.kind).prefix(2) == [.logout, .loginSucceeded])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func wrongPasswordsAreLoggedAndThrottledPerAccount(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            for _ in 0..<5 {
                let failed = try await login(client, "viewer@demo.synergia.example", "not-the-password")
                #expect(failed.status == .unprocessableContent)
                #expect(String(buffer: failed.body).contains("The e-mail or the password is wrong."))
                #expect(cookie(failed) == nil)
            }
            // The sixth attempt is refused even with the right password; another account is not affected.
            let throttled = try await login(client, "viewer@demo.synergia.example", TestApp.password)
            #expect(throttled.status == .tooManyRequests)
            #expect(cookie(throttled) == nil)
            #expect(try await login(client, "reviewer@demo.synergia.example", TestApp.password).status == .seeOther)
            let failures = try await app.store.securityEvents(kind: .loginFailed)
            #expect(failures.count == 5)
            #expect(failures.allSatisfy { $0.email == "viewer@demo.synergia.example" && $0.userID == app.users[.viewer]!.id })
            #expect(try await app.store.securityEvents(kind: .loginThrottled).count == 1)
            // An unknown e-mail gets the same answer as a wrong password.
            let unknown = try await login(client, "nobody@example.org", "whatever-password")
            #expect(unknown.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func sessionsEndAfterIdleTimeOrLifetime(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let user = try await store.createUser(email: "a@b.example", displayName: "A", isSystemAdministrator: false)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let token = try await store.createSession(userID: user.id, address: "127.0.0.1", lifetime: 3600, now: start)
            #expect(try await store.session(token: token, idleTimeout: 600, now: start.addingTimeInterval(500))?.user.id == user.id)
            // Activity at +500 s moved the idle clock: +1000 s is still alive, +1200 s after that is not.
            #expect(try await store.session(token: token, idleTimeout: 600, now: start.addingTimeInterval(1000)) != nil)
            #expect(try await store.session(token: token, idleTimeout: 600, now: start.addingTimeInterval(2200)) == nil)
            #expect(try await store.session(token: token, idleTimeout: 600, now: start.addingTimeInterval(1001)) == nil, "an expired session is deleted")
            let busy = try await store.createSession(userID: user.id, address: nil, lifetime: 3600, now: start)
            for minute in stride(from: 5, through: 55, by: 5) {
                #expect(try await store.session(token: busy, idleTimeout: 600, now: start.addingTimeInterval(Double(minute) * 60)) != nil)
            }
            #expect(try await store.session(token: busy, idleTimeout: 600, now: start.addingTimeInterval(3601)) == nil, "absolute lifetime")
            let a = try await store.createSession(userID: user.id, address: nil, lifetime: 3600)
            let b = try await store.createSession(userID: user.id, address: nil, lifetime: 3600)
            #expect(try await store.deleteSessions(userID: user.id) == 2)
            #expect(try await store.session(token: a, idleTimeout: 600) == nil)
            #expect(try await store.session(token: b, idleTimeout: 600) == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aPasswordLinkWorksOnceAndRefusesWeakPasswords(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let user = try await app.store.createUser(email: "new@demo.synergia.example", displayName: "New", isSystemAdministrator: false)
            let token = try await app.store.createPasswordLink(userID: user.id, purpose: .invitation, createdBy: nil, lifetime: 3600)
            let page = try await client.execute(uri: "/set-password?token=\(token)", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("new@demo.synergia.example"))
            let (h1, weak) = form(nil, ["token": token, "password": "short", "confirm": "short"])
            #expect(try await client.execute(uri: "/set-password", method: .post, headers: h1, body: weak).status == .unprocessableContent)
            let (h2, mismatch) = form(nil, ["token": token, "password": "a-good-long-password", "confirm": "another-long-password"])
            #expect(try await client.execute(uri: "/set-password", method: .post, headers: h2, body: mismatch).status == .unprocessableContent)
            let (h3, good) = form(nil, ["token": token, "password": "a-good-long-password", "confirm": "a-good-long-password"])
            let set = try await client.execute(uri: "/set-password", method: .post, headers: h3, body: good)
            #expect(set.status == .seeOther)
            #expect(cookie(set) != nil)
            #expect(try await client.execute(uri: "/set-password", method: .post, headers: h3, body: good).status == .notFound, "used once")
            #expect(try await login(client, "new@demo.synergia.example", "a-good-long-password").status == .seeOther)
            let expired = try await app.store.createPasswordLink(userID: user.id, purpose: .reset, createdBy: nil, lifetime: -1)
            #expect(try await client.execute(uri: "/set-password?token=\(expired)", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func formsNeedTheSessionsTokenAndTheSameOrigin(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.focalPoint))
            let fields = ["key": "report_process", "value": "typed", "section": "s1"]
            let (noToken, body1) = form(session, fields, includeToken: false)
            #expect(try await client.execute(uri: "/reports/\(app.kenReport)/answer", method: .post, headers: noToken, body: body1).status == .forbidden)
            var wrong = fields
            wrong["csrf"] = "forged"
            let (wrongHeaders, body2) = form((session.cookie, "unused"), wrong, includeToken: false)
            #expect(try await client.execute(uri: "/reports/\(app.kenReport)/answer", method: .post, headers: wrongHeaders, body: body2).status == .forbidden)
            var (crossSite, body3) = form(session, fields)
            crossSite[.origin] = "https://evil.example"
            #expect(try await client.execute(uri: "/reports/\(app.kenReport)/answer", method: .post, headers: crossSite, body: body3).status == .forbidden)
            let before = try await app.store.answers(reportID: app.kenReport).first { $0.key.description == "report_process" }
            #expect(before == nil, "nothing was saved by the refused requests")
            let (good, body4) = form(session, fields)
            let saved = try await client.execute(uri: "/reports/\(app.kenReport)/answer", method: .post, headers: good, body: body4)
            #expect(saved.status == .seeOther)
            let answer = try #require(try await app.store.answers(reportID: app.kenReport).first { $0.key.description == "report_process" })
            #expect(answer.value == .object(["en": .string("typed")]))
            #expect(answer.provenance.channel == .web)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func pagesSpeakTheLanguageAskedFor(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, _, _, _ in
            let french = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "fr-CH, fr;q=0.9, en;q=0.8"])
            #expect(String(buffer: french.body).contains("<html lang=\"fr\">"))
            #expect(String(buffer: french.body).contains("Se connecter"))
            let chinese = try await client.execute(uri: "/login?lang=zh", method: .get, headers: [.acceptLanguage: "fr"])
            #expect(String(buffer: chinese.body).contains("登录"))
            #expect(chinese.headers[values: .setCookie].contains { $0.hasPrefix("synergia_lang=zh") })
            let remembered = try await client.execute(uri: "/login", method: .get, headers: [.cookie: "synergia_lang=es", .acceptLanguage: "fr"])
            #expect(String(buffer: remembered.body).contains("Iniciar sesión"))
            let unknown = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "de-DE, it;q=0.5"])
            #expect(String(buffer: unknown.body).contains("<html lang=\"en\">"))
        }
    }

    @Test func signInNeverRedirectsToAnotherSite() {
        #expect(AccountRoutes.safeNext("//evil.example/x") == "/")
        #expect(AccountRoutes.safeNext("https://evil.example") == "/")
        #expect(AccountRoutes.safeNext("/\\evil.example") == "/")
        #expect(AccountRoutes.safeNext("/w/KEN?section=s1") == "/w/KEN?section=s1")
        #expect(AccountRoutes.safeNext(nil) == "/")
    }
}
