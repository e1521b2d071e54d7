import Foundation
import Hummingbird
import SynergiaCore
import SynergiaStore

/// Resolves who is asking: a session cookie (browser) or a Bearer token (API),
/// and the language of the answer. Never refuses: routes decide (deny by default).
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let store: SQLStore
    let settings: WebSettings

    static let sessionCookie = "synergia_session"
    static let languageCookie = "synergia_lang"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Localizer.negotiate(cookie: request.cookies[Self.languageCookie]?.value,
                                               query: request.uri.queryParameters.get("lang"),
                                               acceptLanguage: request.headers[.acceptLanguage])
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "), let user = try await store.user(token: String(header.dropFirst("Bearer ".count))) else {
                throw HTTPError(.unauthorized, message: "unknown API token; create one with `synergia user token`")
            }
            context.identity = Identity(user: user, credential: .apiToken)
        } else if let token = request.cookies[Self.sessionCookie]?.value,
                  let session = try await store.session(token: token, idleTimeout: settings.sessionIdleTimeout) {
            context.identity = Identity(user: session.user, credential: .session(token: token, csrf: session.csrfToken))
        }
        var response = try await next(request, context)
        // A language picked with the switcher (`?lang=`) is remembered.
        if let chosen = request.uri.queryParameters.get("lang"), chosen == context.language {
            response.setCookie(Cookie(name: Self.languageCookie, value: chosen, maxAge: 365 * 24 * 3600, path: "/",
                                      secure: settings.secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }
}

/// Headers every response carries: no inline scripts or foreign origins, no
/// framing, no MIME sniffing, no referrer leaking report URLs.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
