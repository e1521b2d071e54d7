import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaStore
import NIOCore

/// Turns domain refusals into 4xx responses carrying their message; anything
/// else stays a 500 whose details go to the log only.
/// The API answers in English: the remedy is phrased from web.yaml's English texts.
struct DomainErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    var messages: Messages?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            throw HTTPError(Self.status(error), message: messages.map { error.webMessage($0, language: "en") } ?? error.message)
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

extension DomainError {
    /// The facts and, when the refusal has one, the remedy in the words of the web
    /// pages (a page or form field to use, never a command).
    func webMessage(_ messages: Messages, language: String) -> String {
        guard let remedy else { return message }
        let hint = switch remedy {
        case .chooseGlobalTarget(let framework):
            messages.text("web.remedy_global_target", language).replacingOccurrences(of: "{framework}", with: framework)
        case .defineNationalIndicator: messages.text("web.remedy_national_indicator", language)
        case .chooseNationalTarget: messages.text("web.remedy_national_target", language)
        case .allowReplacing: messages.text("web.remedy_replace", language)
        case .chooseCountry: messages.text("web.remedy_country", language)
        case .migrateReport(let reportID):
            messages.text("web.remedy_migrate", language).replacingOccurrences(of: "{path}", with: "/reports/\(reportID)/migrate")
        }
        return "\(message). \(hint)"
    }
}

/// The 409 body of a stale save: the message and the answer as it now stands.
struct StaleAnswerBody: Encodable {
    var error: String
    var key: String
    var current: Answer?
}
