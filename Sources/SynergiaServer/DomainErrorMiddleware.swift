import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaStore
import NIOCore

/// Turns domain refusals into 4xx responses carrying their message; anything
/// else stays a 500 whose details go to the log only.
struct DomainErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            throw HTTPError(Self.status(error), message: error.message)
        } catch let error as ObservationCSV.Problem {
            throw HTTPError(.unprocessableContent, message: error.description)
        } catch let error as StaleAnswer {
            // The person needs the value that won, to merge their edit by hand.
            let data = try JSONCoding.string(StaleAnswerBody(error: error.description, key: error.key.description, current: error.current))
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .conflict, headers: headers, body: .init(byteBuffer: ByteBuffer(string: data)))
        }
    }
}

extension DomainErrorMiddleware {
    static func status(_ error: DomainError) -> HTTPResponse.Status {
        switch error.kind {
        case .notFound: .notFound
        case .invalid: .unprocessableContent
        case .conflict, .staleVersion: .conflict
        case .forbidden: .forbidden
        }
    }
}

/// The 409 body of a stale save: the message and the answer as it now stands.
struct StaleAnswerBody: Encodable {
    var error: String
    var key: String
    var current: Answer?
}
