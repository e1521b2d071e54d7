import Foundation
import Hummingbird
import SynergiaCore

/// A refusal or a problem on a page is answered with a page (in the person's
/// language, with the way back), not with the API's JSON error body.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let views: Views

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix("/api/"), !path.hasPrefix("/assets/"), path != "/health", path != "/ready" else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            return page(DomainErrorMiddleware<AppContext>.status(error), error.webMessage(views.messages, language: context.language), request, context)
        } catch let error as HTTPError {
            return page(error.status, error.body ?? error.status.reasonPhrase, request, context)
        }
    }

    private func page(_ status: HTTPResponse.Status, _ message: String, _ request: Request, _ context: AppContext) -> Response {
        let titleKey = switch status.code {
        case 401, 403: "error_forbidden"
        case 404: "error_not_found"
        default: "error_problem"
        }
        return views.page("error", title: views.text(titleKey, context.language), context: context, request: request, status: status,
                          values: ["message": message, "code": status.code, "heading": views.text(titleKey, context.language)])
    }
}
