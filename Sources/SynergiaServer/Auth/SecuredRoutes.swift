import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import SynergiaCore
import SynergiaStore

/// The access rule of every registered route, by "METHOD /path".
public final class RouteCatalog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: AccessRule] = [:]

    func record(_ key: String, _ rule: AccessRule) {
        lock.withLock { entries[key] = rule }
    }

    public var rules: [String: AccessRule] { lock.withLock { entries } }
}

/// Registers routes only together with their access rule, and checks it
/// before the handler runs: deny by default. Unsafe requests of a browser
/// session must carry its CSRF token, and a cross-site Origin is refused.
struct SecuredRoutes {
    let router: Router<AppContext>
    let catalog: RouteCatalog
    let store: SQLStore
    let maxFormBytes = 1_000_000
    /// Multipart forms carry files (workbooks): up to the upload limit.
    let maxUploadBytes: Int

    typealias Handler<Output> = @Sendable (Request, AppContext, Access) async throws -> Output

    func get<Output: ResponseGenerator>(_ path: String, _ rule: AccessRule, _ handler: @escaping Handler<Output>) {
        on(.get, path, rule, handler)
    }

    func post<Output: ResponseGenerator>(_ path: String, _ rule: AccessRule, _ handler: @escaping Handler<Output>) {
        on(.post, path, rule, handler)
    }

    func put<Output: ResponseGenerator>(_ path: String, _ rule: AccessRule, _ handler: @escaping Handler<Output>) {
        on(.put, path, rule, handler)
    }

    /// A form that carries data files of any size: the body is not read here
    /// but streamed to disk by the handler (`DataUpload`), which checks the
    /// CSRF field before it writes any file; the handler gets the token to expect.
    func postUpload<Output: ResponseGenerator>(_ path: String, _ rule: AccessRule,
                                               _ handler: @escaping @Sendable (Request, AppContext, Access, _ csrf: String?) async throws -> Output) {
        on(.post, path, rule, streamed: true) { request, context, access in
            guard let expected = context.identity?.csrfToken else { return try await handler(request, context, access, nil) }
            if let header = request.headers[.init("X-CSRF-Token")!] {
                guard Self.constantTimeEqual(header, expected) else { throw HTTPError(.forbidden, message: "the form has expired; reload the page and try again") }
                return try await handler(request, context, access, nil)
            }
            return try await handler(request, context, access, expected)
        }
    }

    func on<Output: ResponseGenerator>(_ method: HTTPRequest.Method, _ path: String, _ rule: AccessRule, streamed: Bool = false,
                                       _ handler: @escaping Handler<Output>) {
        let routerPath = RouterPath(path)
        catalog.record("\(method) \(routerPath)", rule)
        let isPage = !path.hasPrefix("/api/") && path != "/health"
        let store = store, maxFormBytes = maxFormBytes, maxUploadBytes = maxUploadBytes
        router.on(routerPath, method: method) { request, context in
            var request = request
            if method != .get && method != .head {
                try Self.checkOrigin(request)
                if let csrf = context.identity?.csrfToken, !streamed {
                    try await Self.checkCSRF(&request, expected: csrf, maxBytes: maxFormBytes, maxUploadBytes: maxUploadBytes)
                }
            }
            let access = try await Self.authorize(rule, request: request, context: context, store: store, isPage: isPage)
            return try await handler(request, context, access)
        }
    }

    static func authorize(_ rule: AccessRule, request: Request, context: AppContext, store: SQLStore, isPage: Bool) async throws -> Access {
        let user = context.identity?.user
        var access = Access(user: user)
        if rule == .anyone { return access }
        guard let user else {
            if isPage { throw SignInRequired(next: request.uri.path) }
            throw HTTPError(.unauthorized, message: "sign in first, or send an API token as `Authorization: Bearer …` (create one with `synergia user token`)")
        }
        switch rule {
        case .anyone, .signedIn, .systemAdministrator, .secretariat, .knowledgeCurator:
            break
        case .workspace, .workspaceManager:
            let code = try context.parameters.require("country")
            guard let workspace = try await store.workspace(country: code) else { throw DomainError.notFound("no workspace for '\(code)'") }
            access.workspace = workspace
            access.role = try await store.role(userID: user.id, workspaceID: workspace.id)
        case .report:
            let id = try context.parameters.require("id", as: Int64.self)
            let record = try await store.reportAccess(reportID: id, userID: user.id)
            // A report of a workspace one has no part in answers exactly as a
            // missing one, before any input is read: ids do not tell what other countries hold.
            guard let record, record.role != nil || (user.isSecretariat && record.report.state == .submitted) else {
                throw DomainError.notFound(noSuchReport)
            }
            access.report = record.report
            access.role = record.role
            access.workspace = record.workspace
        }
        guard rule.allows(user, role: access.role, reportSubmitted: access.report?.state == .submitted) else {
            throw HTTPError(.forbidden, message: Self.refusal(rule, role: access.role))
        }
        return access
    }

    /// The answer for a report that does not exist or that the user may not see.
    static let noSuchReport = "no report with this number in the workspaces you belong to; check the link, or ask the workspace's focal point to add you"

    private static func refusal(_ rule: AccessRule, role: WorkspaceRole?) -> String {
        switch rule {
        case .systemAdministrator: "only a system administrator may do this"
        case .secretariat: "only secretariat staff may do this"
        case .knowledgeCurator: "only secretariat staff or a system administrator may change the shared knowledge base's tags"
        case .workspace(let minimum), .report(let minimum, _):
            role.map { "your role here is \($0.rawValue); this needs \(minimum.rawValue) or higher" } ?? "you are not a member of this workspace"
        case .workspaceManager: "only a focal point of this workspace or a system administrator may manage its members"
        case .anyone, .signedIn: "not allowed"
        }
    }

    /// A browser sends Origin on cross-site form posts: refuse any that is not
    /// this host. `Origin: null` comes from sandboxed frames, local files and
    /// data URLs, never from this site's pages: refused too unless the request
    /// carries an API token (no browser sends one by itself).
    static func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        if origin == "null" {
            if request.headers[.authorization]?.hasPrefix("Bearer ") == true { return }
            throw HTTPError(.forbidden, message: "request from a page without origin (Origin: null) refused; send the form from Synergia's own page")
        }
        let host = request.head.authority ?? ""
        guard let originHost = URL(string: origin).map({ u in u.host.map { h in u.port.map { "\(h):\($0)" } ?? h } }) ?? nil,
              originHost == host else {
            throw HTTPError(.forbidden, message: "cross-site request refused (Origin \(origin))")
        }
    }

    /// The token comes as the form field `csrf` or the `X-CSRF-Token` header.
    static func checkCSRF(_ request: inout Request, expected: String, maxBytes: Int, maxUploadBytes: Int) async throws {
        if let header = request.headers[.init("X-CSRF-Token")!] {
            guard constantTimeEqual(header, expected) else { throw HTTPError(.forbidden, message: "the form has expired; reload the page and try again") }
            return
        }
        if let upload = try await UploadForm.read(&request, maxBytes: maxUploadBytes) {
            guard let sent = upload.csrf, constantTimeEqual(sent, expected) else {
                throw HTTPError(.forbidden, message: "the form has expired; reload the page and try again")
            }
            return
        }
        let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") ?? false
        guard isForm else { throw HTTPError(.forbidden, message: "missing CSRF token: send the X-CSRF-Token header or use an API token") }
        let body = try await request.collectBody(upTo: maxBytes)
        let fields = FormFields(String(buffer: body))
        guard let sent = fields["csrf"], constantTimeEqual(sent, expected) else {
            throw HTTPError(.forbidden, message: "the form has expired; reload the page and try again")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// A page asked for by someone not signed in: answered by a redirect to the login page.
struct SignInRequired: Error, HTTPResponseError {
    let next: String
    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let target = "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
        return Response(status: .seeOther, headers: [.location: target])
    }
}

/// `application/x-www-form-urlencoded` fields; repeated names keep every value.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ body: String) {
        for part in body.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let k = kv.first { pairs.append((k, kv.count > 1 ? kv[1] : "")) }
        }
    }

    subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    static func read(_ request: Request, maxBytes: Int = 1_000_000) async throws -> FormFields {
        var request = request
        let body = try await request.collectBody(upTo: maxBytes)
        return FormFields(String(buffer: body))
    }
}
