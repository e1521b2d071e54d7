import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport
import Testing

/// Who sends a request in the tests. Roles are those in KEN; nobody of these is a member of FRA.
enum Persona: String, CaseIterable, Sendable {
    case anonymous, viewer, contributor, reviewer, focalPoint, administrator, secretariat

    var roleInKEN: WorkspaceRole? {
        switch self {
        case .viewer: .viewer
        case .contributor: .contributor
        case .reviewer: .reviewer
        case .focalPoint: .focalPoint
        case .anonymous, .administrator, .secretariat: nil
        }
    }
}

/// A seeded store with two workspaces: KEN (the demo; a draft report) and
/// FRA (a submitted report), a user per persona, and the application.
struct TestApp: Sendable {
    let store: SQLStore
    let users: [Persona: User]
    let kenReport: Int64
    let fraReport: Int64
    let settings: WebSettings

    static let password = "a-long-test-password"

    static func with(_ kind: DatabaseKind, settings: WebSettings = TestApp.fastSettings,
                     _ body: @escaping @Sendable (any TestClientProtocol, TestApp, RouteCatalog, [String]) async throws -> Void) async throws {
        try await TestDatabase.withStore(kind) { store in
            let reference = try TestDatabase.referenceSet()
            _ = try await store.seedReference(reference)
            _ = try await DemoWorkspace.load(TestDatabase.dataDirectory.appendingPathComponent("demo/ken.yaml"), into: store)
            let service = ReportService(store: store, catalog: try TemplateCatalog.load(dataDirectory: TestDatabase.dataDirectory, reference: reference),
                                        messages: try Messages.load(dataDirectory: TestDatabase.dataDirectory))
            let ken = try #require(try await store.workspace(country: "KEN"))
            let fra = try await store.createWorkspace(country: "FRA", name: nil, conventions: [])
            let passwords = Passwords(cost: settings.bcryptCost)
            let hash = try await passwords.hash(password)
            var users: [Persona: User] = [:]
            users[.focalPoint] = try await store.user(email: "focal.point@demo.synergia.example")
            users[.contributor] = try await store.user(email: "contributor@demo.synergia.example")
            users[.reviewer] = try await store.user(email: "reviewer@demo.synergia.example")
            users[.viewer] = try await store.createUser(email: "viewer@demo.synergia.example", displayName: "Viewer", isSystemAdministrator: false)
            try await store.setRole(workspaceID: ken.id, userID: users[.viewer]!.id, role: .viewer)
            users[.administrator] = try await store.createUser(email: "admin@synergia.example", displayName: "Admin", isSystemAdministrator: true)
            users[.secretariat] = try await store.createUser(email: "staff@secretariat.example", displayName: "Staff", isSystemAdministrator: false, isSecretariat: true)
            let french = try await store.createUser(email: "fp@france.example", displayName: "FR", isSystemAdministrator: false)
            try await store.setRole(workspaceID: fra.id, userID: french.id, role: .focalPoint)
            for user in users.values + [french] {
                let link = try await store.createPasswordLink(userID: user.id, purpose: .invitation, createdBy: nil, lifetime: 3600)
                _ = try await store.usePasswordLink(token: link, passwordHash: hash)
            }
            let kenReport = try await service.create(workspace: ken, templateID: "cbd-7nr",
                                                     actor: ReportActor(userID: users[.focalPoint]!.id, role: .focalPoint, channel: .api))
            let fraReport = try await service.create(workspace: fra, templateID: "cbd-7nr",
                                                     actor: ReportActor(userID: french.id, role: .focalPoint, channel: .api))
            try await store.provider.withDatabase { db in
                try await db.raw("UPDATE reports SET state = 'submitted' WHERE id = \(bind: fraReport.id)").run()
            }
            let (router, catalog) = try await SynergiaServer.router(store: store, reports: service, settings: settings)
            let routes = router.routes.map { "\($0.method) \($0.path)" }
            let app = TestApp(store: store, users: users, kenReport: kenReport.id, fraReport: fraReport.id, settings: settings)
            try await Application(router: router).test(.router) { client in try await body(client, app, catalog, routes) }
        }
    }

    static var fastSettings: WebSettings {
        var s = WebSettings()
        s.bcryptCost = 4
        s.maxUploadBytes = 2_000_000
        s.dataDirectory = TestDatabase.dataDirectory
        s.jobsFolder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-test-jobs-\(UUID().uuidString)", isDirectory: true)
        return s
    }

    /// A fresh browser session of the persona: the cookie header and the CSRF token.
    func session(_ persona: Persona) async throws -> (cookie: String, csrf: String)? {
        guard let user = users[persona] else { return nil }
        let token = try await store.createSession(userID: user.id, address: nil, lifetime: 3600)
        let csrf = try #require(try await store.session(token: token, idleTimeout: 3600)).csrfToken
        return ("synergia_session=\(token)", csrf)
    }

    func token(_ persona: Persona) async throws -> String {
        try await store.createToken(userID: users[persona]!.id, label: "test")
    }
}

func bearer(_ token: String?, json: Bool = true) -> HTTPFields {
    var fields = HTTPFields()
    if let token { fields[.authorization] = "Bearer \(token)" }
    if json { fields[.contentType] = "application/json" }
    return fields
}

func form(_ session: (cookie: String, csrf: String)?, _ fields: [String: String] = [:], includeToken: Bool = true) -> (HTTPFields, ByteBuffer) {
    var headers = HTTPFields()
    headers[.contentType] = "application/x-www-form-urlencoded"
    var all = fields
    if let session {
        headers[.cookie] = session.cookie
        if includeToken { all["csrf"] = session.csrf }
    }
    let body = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    return (headers, ByteBuffer(string: body))
}
