import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// Turns domain refusals into 4xx responses carrying their message; anything
/// else stays a 500 whose details go to the log only.
struct DomainErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            let status: HTTPResponse.Status = switch error.kind {
            case .notFound: .notFound
            case .invalid: .unprocessableContent
            case .conflict, .staleVersion: .conflict
            case .forbidden: .forbidden
            }
            throw HTTPError(status, message: error.message)
        } catch let error as ObservationCSV.Problem {
            throw HTTPError(.unprocessableContent, message: error.description)
        }
    }
}
