import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaReference
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// Sign-in under concurrency, redirects, origins, one-time links, password
/// rules, self-granted roles, what a non-member learns about reports, and
/// the version of an unanswered item.
@Suite struct SignInHardeningTests {
    static let commonPasswordsMessage = "This password is one of the common ones tried first"
    static let tooLongMessage = "The password is longer than 72 bytes"

    func login(_ client: some TestClientProtocol, _ email: String, _ password: String, next: String = "/",
               extra: HTTPFields = [:]) async throws -> TestResponse {
        var (headers, body) = form(nil, ["email": email, "password": password, "next": next])
        for field in extra { headers[field.name] = field.value }
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
    }

    func cookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("synergia_session=") }.map { String($0.prefix { $0 != ";" }) }
    }

    /// A browser session of any account (the personas' helper covers only the personas).
    func session(_ app: TestApp, _ user: User) async throws -> (cookie: String, csrf: String) {
        let token = try await app.store.createSession(userID: user.id, address: nil, lifetime: 3600)
        return ("synergia_session=\(token)", try #require(try await app.store.session(token: token, idleTimeout: 3600)).csrfToken)
    }

    @Test(arguments: TestDatabase.kinds)
    func concurrentWrongPasswordsCheckAtMostTheLimit(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let limit = app.settings.loginFailuresPerAccount
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await login(client, "viewer@demo.synergia.example", "not-the-password").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unprocessableContent }.count == limit)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 12 - limit)
            #expect(statuses.allSatisfy { $0 == .unprocessableContent || $0 == .tooManyRequests }, "\(statuses.map(\.code))")
            let failures = try await app.store.securityEvents(kind: .loginFailed)
            #expect(failures.count == limit)
            #expect(failures.allSatisfy { $0.email == "viewer@demo.synergia.example" && $0.userID == app.users[.viewer]!.id })
            #expect(try await app.store.securityEvents(kind: .loginThrottled).count == 12 - limit)
            #expect(try await app.store.securityEvents(kind: .loginSucceeded).isEmpty)
        }
    }

    @Test func theDecoyHashHasTheConfiguredCost() async throws {
        for cost: UInt8 in [4, 6] {
            let passwords = Passwords(cost: cost)
            #expect(Passwords.cost(of: passwords.decoyHash) == cost)
            #expect(Passwords.cost(of: try await passwords.hash("a-long-test-password")) == cost)
            #expect(try await passwords.verify("anything at all", hash: nil) == false)
        }
        #expect(Passwords.cost(of: "$2b$12$CwTycUXWue0Thq9StjUM0uJ8DPLKXt1FYlwYpQW0G3cBVtHyQq9gS") == 12)
    }

    @Test(arguments: TestDatabase.kinds)
    func signInRedirectsOnlyToAPathOfThisSite(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, _, _, _ in
            for next in ["/\t/evil.example", "%2F%09%2Fevil.example", "//evil", "/\\evil", "https://evil", "/\n/evil.example", "/%09/evil.example"] {
                let response = try await login(client, "reviewer@demo.synergia.example", TestApp.password, next: next)
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/", "next=\(next.debugDescription)")
            }
            let kept = try await login(client, "reviewer@demo.synergia.example", TestApp.password, next: "/w/KEN?section=s1")
            #expect(kept.headers[.location] == "/w/KEN?section=s1")
            // The login page sends the value it was given back only when it is safe.
            let page = try await client.execute(uri: "/login?next=%2F%09%2Fevil.example", method: .get)
            #expect(String(buffer: page.body).contains(#"<input type="hidden" name="next" value="/">"#))
        }
        #expect(AccountRoutes.safeNext("/\u{2028}/evil.example") == "/")
        #expect(AccountRoutes.safeNext("/%5Cevil.example") == "/")
        #expect(AccountRoutes.safeNext("%2F%2Fevil.example") == "/")
    }

    @Test(arguments: TestDatabase.kinds)
    func aFormFromNoOriginIsRefused(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let refused = try await login(client, "reviewer@demo.synergia.example", TestApp.password, extra: [.origin: "null"])
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("Origin: null"))
            #expect(cookie(refused) == nil)
            #expect(try await app.store.securityEvents(kind: .loginSucceeded).isEmpty)
            #expect(try await app.store.securityEvents(kind: .loginFailed).isEmpty)
            // A signed-in browser's form too; an API client with its token is no browser.
            let session = try #require(try await app.session(.focalPoint))
            var (headers, body) = form(session, ["key": "report_process", "value": "typed", "section": "s1"])
            headers[.origin] = "null"
            #expect(try await client.execute(uri: "/reports/\(app.kenReport)/answer", method: .post, headers: headers, body: body).status == .forbidden)
            #expect(try await app.store.answers(reportID: app.kenReport).first { $0.key.description == "report_process" } == nil)
            var api = bearer(try await app.token(.focalPoint))
            api[.origin] = "null"
            let saved = try await client.execute(uri: "/api/reports/\(app.kenReport)/answers/report_process", method: .put, headers: api,
                                                 body: ByteBuffer(string: #"{"value":{"en":"from the API"}}"#))
            #expect(saved.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSignedInBrowserCanUseAOneTimeLink(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let signedIn = try #require(try await app.session(.focalPoint))
            let user = try await app.store.createUser(email: "new@demo.synergia.example", displayName: "New", isSystemAdministrator: false)
            let token = try await app.store.createPasswordLink(userID: user.id, purpose: .invitation, createdBy: nil, lifetime: 3600)
            let page = try await client.execute(uri: "/set-password?token=\(token)", method: .get, headers: [.cookie: signedIn.cookie])
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains(#"<input type="hidden" name="csrf" value="\#(signedIn.csrf)">"#))
            let (headers, body) = form(signedIn, ["token": token, "password": "velvet harbour quietly 79", "confirm": "velvet harbour quietly 79"])
            let set = try await client.execute(uri: "/set-password", method: .post, headers: headers, body: body)
            #expect(set.status == .seeOther)
            let newSession = try #require(cookie(set))
            #expect(try await app.store.session(token: String(newSession.dropFirst("synergia_session=".count)), idleTimeout: 3600)?.user.id == user.id)
            let oldToken = String(signedIn.cookie.dropFirst("synergia_session=".count))
            #expect(try await app.store.session(token: oldToken, idleTimeout: 3600) == nil, "the browser's previous session ended")
            #expect(try await app.store.passwordLinkUser(token: token) == nil, "the link is used up")
            // Without a session the page has no csrf field and still works.
            let other = try await app.store.createPasswordLink(userID: user.id, purpose: .reset, createdBy: nil, lifetime: 3600)
            let anonymous = try await client.execute(uri: "/set-password?token=\(other)", method: .get)
            #expect(!String(buffer: anonymous.body).contains(#"name="csrf""#))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func commonAndOverlongPasswordsAreRefused(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let user = try await app.store.createUser(email: "new@demo.synergia.example", displayName: "New", isSystemAdministrator: false)
            let token = try await app.store.createPasswordLink(userID: user.id, purpose: .invitation, createdBy: nil, lifetime: 3600)
            let overlong = String(repeating: "river-stone-", count: 6) + "x"
            #expect(overlong.utf8.count == 73)
            for (password, message) in [("password1234", Self.commonPasswordsMessage), ("Password123!", Self.commonPasswordsMessage),
                                        ("p@ssw0rd2024", Self.commonPasswordsMessage), (overlong, Self.tooLongMessage)] {
                let (headers, body) = form(nil, ["token": token, "password": password, "confirm": password])
                let refused = try await client.execute(uri: "/set-password", method: .post, headers: headers, body: body)
                #expect(refused.status == .unprocessableContent, "\(password)")
                #expect(String(buffer: refused.body).contains(message), "\(password)")
            }
            #expect(try await app.store.passwordLinkUser(token: token)?.id == user.id, "refusals leave the link unused")
            #expect(try await app.store.credentials(email: user.email)?.passwordHash == nil)
            let good = "velvet harbour quietly 79"
            let (headers, body) = form(nil, ["token": token, "password": good, "confirm": good])
            #expect(try await client.execute(uri: "/set-password", method: .post, headers: headers, body: body).status == .seeOther)
            #expect(try await login(client, user.email, good).status == .seeOther)
        }
    }

    @Test func passwordRulesUseTheCommittedList() throws {
        let common = try CommonPasswordsFile.load(dataDirectory: TestDatabase.dataDirectory)
        #expect(common.count > 10_000)
        let email = "someone@example.org"
        #expect(PasswordRules.problem("password1234", email: email, common: common) == .common)
        #expect(PasswordRules.problem("Password123!", email: email, common: common) == .common)
        #expect(PasswordRules.problem("2024!!Elephant", email: email, common: common) == .common)
        #expect(PasswordRules.problem("qwertyuiop12", email: email, common: common) == .common)
        #expect(PasswordRules.problem("azertyuiop!!", email: email, common: common) == .common)
        let longest = String(repeating: "river-stone-", count: 6)
        #expect(PasswordRules.problem(longest, email: email, common: common) == nil, "72 bytes")
        #expect(PasswordRules.problem(longest + "x", email: email, common: common) == .tooLong(maximumBytes: 72))
        // Bytes, not characters: 37 characters of which 36 take 2 bytes.
        #expect(PasswordRules.problem(String(repeating: "é", count: 36) + "x", email: email, common: common) == .tooLong(maximumBytes: 72))
        #expect(PasswordRules.problem("tab\tinside password", email: email, common: common) == .controlCharacter)
        #expect(PasswordRules.problem("velvet harbour quietly 79", email: email, common: common) == nil)
        #expect(PasswordRules.problem("elephant-harbour-79", email: email, common: common) == nil, "several words are a passphrase")
        #expect(PasswordRules.problem("short", email: email, common: common) == .tooShort(minimum: 12))
    }

    @Test(arguments: TestDatabase.kinds)
    func anAdministratorCannotGiveItselfARole(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let admin = app.users[.administrator]!
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let adminSession = try #require(try await app.session(.administrator))
            let membersBefore = try await app.store.members(workspaceID: ken.id).map { "\($0.user.email) \($0.role)" }
            let eventsBefore = try await app.store.securityEvents(kind: .roleChanged).count
            let (h1, b1) = form(adminSession, ["user": String(admin.id), "role": "focal_point"])
            let viaRole = try await client.execute(uri: "/w/KEN/members/role", method: .post, headers: h1, body: b1)
            #expect(viaRole.status == .forbidden)
            #expect(String(buffer: viaRole.body).contains("a system administrator cannot give itself a role in a workspace"))
            let (h2, b2) = form(adminSession, ["email": admin.email, "role": "focal_point"])
            #expect(try await client.execute(uri: "/w/KEN/members/invite", method: .post, headers: h2, body: b2).status == .forbidden)
            #expect(try await app.store.members(workspaceID: ken.id).map { "\($0.user.email) \($0.role)" } == membersBefore)
            #expect(try await app.store.securityEvents(kind: .roleChanged).count == eventsBefore)
            // A second administrator may.
            let second = try await app.store.createUser(email: "second.admin@synergia.example", displayName: "Second", isSystemAdministrator: true)
            let (h3, b3) = form(try await session(app, second), ["user": String(admin.id), "role": "focal_point"])
            #expect(try await client.execute(uri: "/w/KEN/members/role", method: .post, headers: h3, body: b3).status == .seeOther)
            #expect(try await app.store.role(userID: admin.id, workspaceID: ken.id) == .focalPoint)
            let event = try #require(try await app.store.securityEvents(kind: .roleChanged).first)
            #expect(event.userID == admin.id && event.actorID == second.id && event.detail == "focal_point")
            // Lowering one's own role needs nobody else.
            let (h4, b4) = form(adminSession, ["user": String(admin.id), "role": "viewer"])
            #expect(try await client.execute(uri: "/w/KEN/members/role", method: .post, headers: h4, body: b4).status == .seeOther)
            #expect(try await app.store.role(userID: admin.id, workspaceID: ken.id) == .viewer)
            let (h5, b5) = form(adminSession, ["user": String(admin.id), "role": "reviewer"])
            #expect(try await client.execute(uri: "/w/KEN/members/role", method: .post, headers: h5, body: b5).status == .forbidden)
            #expect(try await app.store.role(userID: admin.id, workspaceID: ken.id) == .viewer)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anotherWorkspacesReportAnswersAsAMissingOne(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            // The contributor of KEN is no member of FRA; FRA's report exists, 999999 does not.
            let api = bearer(try await app.token(.contributor))
            let missing: Int64 = 999_999
            func same(_ method: HTTPRequest.Method, _ path: (Int64) -> String, body: String = "") async throws {
                let existing = try await client.execute(uri: path(app.fraReport), method: method, headers: api, body: ByteBuffer(string: body))
                let absent = try await client.execute(uri: path(missing), method: method, headers: api, body: ByteBuffer(string: body))
                #expect(existing.status == .notFound, "\(method) \(path(app.fraReport))")
                #expect(absent.status == .notFound)
                #expect(String(buffer: existing.body) == String(buffer: absent.body))
                #expect(String(buffer: existing.body).contains("no report with this number in the workspaces you belong to"))
            }
            try await same(.get, { "/api/reports/\($0)" })
            try await same(.get, { "/api/reports/\($0)/export/json" })
            try await same(.put, { "/api/reports/\($0)/answers/report_process" }, body: #"{"value":{"en":"probe"},"version":0}"#)
            try await same(.put, { "/api/reports/\($0)/answers/not%20a%20question" }, body: #"{"value":{"en":"probe"}}"#)
            try await same(.put, { "/api/reports/\($0)/answers/report_process" }, body: "not json")
            try await same(.post, { "/api/reports/\($0)/comments" }, body: #"{"key":"no_such_question","body":"probe"}"#)
            // The pages answer alike (their links name the id asked for).
            let browser = try #require(try await app.session(.contributor))
            let existing = try await client.execute(uri: "/reports/\(app.fraReport)", method: .get, headers: [.cookie: browser.cookie])
            let absent = try await client.execute(uri: "/reports/\(missing)", method: .get, headers: [.cookie: browser.cookie])
            #expect(existing.status == .notFound && absent.status == .notFound)
            #expect(String(buffer: existing.body).replacingOccurrences(of: "/reports/\(app.fraReport)", with: "/reports/\(missing)")
                    == String(buffer: absent.body))
            #expect(try await app.store.answers(reportID: app.fraReport).first { $0.key.description == "report_process" } == nil)
            // A member whose role is too low is still told why.
            let viewer = try await client.execute(uri: "/api/reports/\(app.kenReport)/answers/report_process", method: .put,
                                                  headers: bearer(try await app.token(.viewer)), body: ByteBuffer(string: #"{"value":{"en":"x"}}"#))
            #expect(viewer.status == .forbidden)
            #expect(String(buffer: viewer.body).contains("your role here is viewer; this needs contributor or higher"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func versionZeroMeansNotAnsweredYet(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let api = bearer(try await app.token(.focalPoint))
            let uri = "/api/reports/\(app.kenReport)/answers/report_process"
            let first = try await client.execute(uri: uri, method: .put, headers: api, body: ByteBuffer(string: #"{"value":{"en":"first"},"version":0}"#))
            #expect(first.status == .ok)
            let second = try await client.execute(uri: uri, method: .put, headers: api, body: ByteBuffer(string: #"{"value":{"en":"second"},"version":0}"#))
            #expect(second.status == .conflict)
            #expect(String(buffer: second.body).contains(#""en":"first""#))
            let answer = try #require(try await app.store.answers(reportID: app.kenReport).first { $0.key.description == "report_process" })
            #expect(answer.value == .object(["en": .string("first")]))
            #expect(answer.version == 1)
        }
    }
}
