import Foundation
import Hummingbird
import Mustache
import NIOCore
import SynergiaCore
import SynergiaReference
import SynergiaReporting

/// Server-rendered pages: mustache templates from the bundle (`Views/`),
/// every text from the localisation catalogue (`data/locales/web.yaml`).
struct Views: Sendable {
    let library: MustacheLibrary
    let messages: Messages
    /// Every page needs all its texts: gathered once per language, not per request.
    private let textsByLanguage: [String: [String: String]]

    init(library: MustacheLibrary, messages: Messages) {
        self.library = library
        self.messages = messages
        textsByLanguage = Dictionary(uniqueKeysWithValues: Localizer.languages.map { language in
            (language, messages.texts(prefix: "web.", language: language).filter { !$0.value.isEmpty })
        })
    }

    /// An answer as one line in the page's language: its yes and no, its numbers and dates.
    func answerText(_ value: AnswerValue, question: Question, language: String) -> String {
        AnswerText.plain(value, question: question, wording: ExportWording(messages: messages, language: language))
    }

    static func load(messages: Messages) async throws -> Views {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Views") else {
            throw HTTPError(.internalServerError, message: "page templates are missing from the installation")
        }
        return Views(library: try await MustacheLibrary(directory: folder.path), messages: messages)
    }

    /// Texts of the page in the request's language; `t.key` in templates.
    func texts(_ language: String) -> [String: String] { textsByLanguage[language] ?? messages.texts(prefix: "web.", language: language) }

    func text(_ key: String, _ language: String) -> String { messages.text("web." + key, language) }

    /// Renders `page` inside the layout. `values` are the page's own; the
    /// layout's (user, language switcher, CSRF token, texts) are added.
    func page(_ page: String, title: String, context: AppContext, request: Request, status: HTTPResponse.Status = .ok,
              values: [String: Any] = [:]) -> Response {
        var all = values
        let language = context.language
        all["lang"] = language
        // Left to right is the default of HTML: only Arabic pages name their direction.
        all["rtl"] = Localizer.rightToLeft.contains(language)
        all["title"] = title
        all["csrf"] = context.identity?.csrfToken ?? ""
        all["path"] = request.uri.path
        if let user = context.identity?.user {
            all["user"] = ["name": user.displayName, "email": user.email, "admin": user.isSystemAdministrator, "secretariat": user.isSecretariat]
        }
        // The switcher keeps the page's own query (a password link's token, a section).
        let query = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.joined(separator: "&")
        all["languagesHTML"] = NavigationHTML.languages(Localizer.languages.map { code in
            NavigationHTML.Language(code: code, name: Localizer.names[code] ?? code,
                                    href: "\(request.uri.path)?\(query.isEmpty ? "" : query + "&")lang=\(code)", current: code == language)
        })
        // The catalogue's texts are added after the cleaning: they hold no empty text.
        var cleaned = Self.withoutEmptyTexts(all) as! [String: Any]
        cleaned["t"] = texts(language)
        let html = library.render(cleaned, withTemplate: page) ?? "template \(page) is missing"
        return Self.html(html, status: status)
    }

    /// Mustache treats "" as true in a section (`{{#unit}}`): empty texts are dropped so sections skip them.
    static func withoutEmptyTexts(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]:
            var out: [String: Any] = [:]
            for (key, item) in dictionary {
                if let text = item as? String, text.isEmpty { continue }
                out[key] = withoutEmptyTexts(item)
            }
            return out
        case let array as [Any]:
            return array.map(withoutEmptyTexts)
        default:
            return value
        }
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
