import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaTestSupport
@testable import SynergiaServer

/// The web pages' texts: complete in every shipped language, and no page
/// names a text the catalogue lacks.
@Suite struct WebCatalogueTests {
    static let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/SynergiaServer/Views").standardized

    @Test func thePagesSpeakTheSixUNLanguages() {
        #expect(Localizer.languages == LocalizedText.languages)
        #expect(Localizer.languages.allSatisfy { Localizer.names[$0] != nil })
        #expect(Localizer.names["ar"] == "العربية" && Localizer.names["ru"] == "Русский")
        #expect(Localizer.rightToLeft == ["ar"])
    }

    @Test func everyWebTextExistsInEveryLanguage() throws {
        let messages = try Messages.load(dataDirectory: TestDatabase.dataDirectory)
        let keys = messages.keys.filter { $0.hasPrefix("web.") }
        #expect(keys.count > 100)
        for key in keys {
            let text = try #require(messages.localizedText(key))
            for language in LocalizedText.languages {
                #expect(!(text.values[language] ?? "").isEmpty, "\(key) has no \(language) text")
            }
        }
    }

    /// A translation keeps every placeholder (`{name}`) and quoted command of the English text, no more, no fewer.
    @Test func everyTranslationKeepsThePlaceholdersOfTheEnglish() throws {
        let messages = try Messages.load(dataDirectory: TestDatabase.dataDirectory)
        func slots(_ text: String) -> [String] { text.matches(of: /\{[a-z_]+\}|`[^`]*`/).map { String($0.output) }.sorted() }
        for key in messages.keys.filter({ $0.hasPrefix("web.") }) {
            let text = try #require(messages.localizedText(key))
            let english = slots(text.values["en"] ?? "")
            for language in LocalizedText.languages where language != "en" {
                #expect(slots(text.values[language] ?? "") == english, "\(key) in \(language) does not keep \(english)")
            }
        }
    }

    @Test func everyTextAPageUsesIsInTheCatalogue() throws {
        let messages = try Messages.load(dataDirectory: TestDatabase.dataDirectory)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.views.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: Self.views.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{t\.([a-z_]+)\}\}/) {
                #expect(messages.localizedText("web." + match.1) != nil, "\(file) uses t.\(match.1), missing from data/locales/web.yaml")
            }
        }
    }

    @Test func acceptLanguageIsNegotiatedByQuality() {
        #expect(Localizer.negotiate(cookie: nil, query: nil, acceptLanguage: "es-MX;q=0.8,es;q=0.7,fr;q=0.95") == "fr")
        #expect(Localizer.negotiate(cookie: nil, query: nil, acceptLanguage: "es-MX,es;q=0.9,fr;q=0.95") == "es")
        #expect(Localizer.negotiate(cookie: nil, query: nil, acceptLanguage: "zh-Hans-CN") == "zh")
        #expect(Localizer.negotiate(cookie: "es", query: nil, acceptLanguage: "fr") == "es")
        #expect(Localizer.negotiate(cookie: "es", query: "zh", acceptLanguage: "fr") == "zh")
        #expect(Localizer.negotiate(cookie: "xx", query: nil, acceptLanguage: "de, fr;q=0") == "en")
        #expect(Localizer.negotiate(cookie: nil, query: nil, acceptLanguage: "ar-EG,ar;q=0.9,en;q=0.8") == "ar")
        #expect(Localizer.negotiate(cookie: nil, query: nil, acceptLanguage: "ru-RU,ru;q=0.9,en-US;q=0.8") == "ru")
        #expect(Localizer.negotiate(cookie: "ar", query: "RU", acceptLanguage: "fr") == "ru")
    }
}
