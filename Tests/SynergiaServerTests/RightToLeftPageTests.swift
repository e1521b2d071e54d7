import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaReference
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// Pages in Arabic (right to left) and Russian: the language is chosen like the others,
/// the texts come from the catalogue, and codes and numbers keep reading left to right.
@Suite struct RightToLeftPageTests {
    static let messages = try! Messages.load(dataDirectory: TestDatabase.dataDirectory)

    func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (Reply, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        let html = String(buffer: response.body)
        return (Reply(status: response.status, setCookies: response.headers[values: .setCookie]), html)
    }

    struct Reply { var status: HTTPResponse.Status; var setCookies: [String] }

    /// Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9) digits: the pages write figures in Latin digits.
    static func hasArabicIndicDigits(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0660...0x0669).contains($0.value) || (0x06F0...0x06F9).contains($0.value) }
    }

    @Test(arguments: TestDatabase.kinds)
    func anArabicPageIsLaidOutRightToLeftWithCodesAndFiguresLeftToRight(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.viewer))
            let (response, html) = try await get(client, "/w/KEN?lang=ar", headers: [.cookie: session.cookie])
            #expect(response.status == .ok)
            #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(Self.messages.text("web.national_targets", "ar") == "الأهداف الوطنية")
            #expect(html.contains("<h2>الأهداف الوطنية</h2>"), "\(html)")
            #expect(html.contains(">لوحة المعلومات</a>"))
            #expect(html.contains("<strong lang=\"ar\" dir=\"rtl\">العربية</strong>"))
            #expect(html.contains("<a lang=\"en\" dir=\"ltr\" href=\"/w/KEN?lang=en\">English</a>"))
            #expect(html.contains("<a dir=\"ltr\" href=\"/w/KEN/targets/KEN-T1\"><strong>KEN-T1</strong></a>"))
            #expect(html.contains("<td><bdi dir=\"ltr\">GBF-3.1</bdi></td>"))
            #expect(!Self.hasArabicIndicDigits(html))
            #expect(!html.contains("Dashboard") && !html.contains("National targets"), "no English left on the page")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aReportFormInArabicKeepsItsCountsAndNumbersLeftToRight(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.focalPoint))
            let (response, html) = try await get(client, "/reports/\(app.kenReport)?lang=ar", headers: [.cookie: session.cookie])
            #expect(response.status == .ok)
            #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(html.contains(Self.messages.text("web.sections", "ar")))
            #expect(html.contains("<span class=\"completeness\" dir=\"ltr\">0/"), "\(html)")
            #expect(!Self.hasArabicIndicDigits(html))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aRussianPageIsLeftToRightInRussianAndTheChoiceIsRemembered(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.viewer))
            let (chosen, html) = try await get(client, "/w/KEN?lang=ru", headers: [.cookie: session.cookie, .acceptLanguage: "fr"])
            #expect(chosen.status == .ok)
            #expect(html.contains("<html lang=\"ru\">"))
            #expect(!html.contains("dir=\"rtl\">"))
            #expect(html.contains("<h2>Национальные целевые задачи</h2>"))
            #expect(html.contains(">Панель мониторинга</a>"))
            #expect(chosen.setCookies.contains { $0.hasPrefix("synergia_lang=ru") }, "\(chosen.setCookies)")
            // The cookie alone, without ?lang=, wins over the browser's French.
            let (_, remembered) = try await get(client, "/login", headers: [.cookie: "synergia_lang=ru", .acceptLanguage: "fr"])
            #expect(remembered.contains("<html lang=\"ru\">"))
            #expect(remembered.contains("Войти"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anEgyptianBrowserGetsArabic(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, _, _, _ in
            let (response, html) = try await get(client, "/login", headers: [.acceptLanguage: "ar-EG,ar;q=0.9,en;q=0.8"])
            #expect(response.status == .ok)
            #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(html.contains(Self.messages.text("web.sign_in", "ar")) && Self.messages.text("web.sign_in", "ar") == "تسجيل الدخول")
            #expect(html.contains("type=\"email\" dir=\"ltr\""))
            let (_, english) = try await get(client, "/login", headers: [.acceptLanguage: "en-GB"])
            #expect(english.contains("<html lang=\"en\">"))
        }
    }

    @Test func arabicFiguresAreWrittenInLatinDigits() {
        #expect(Localizer.number(1234.5, "ar") == "1,234.5")
        let date = Localizer.date(Date(timeIntervalSince1970: 1_780_000_000), "ar")
        #expect(date.contains("2026") && date.contains("مايو"), "\(date)")
        #expect(!Self.hasArabicIndicDigits(date))
        #expect(Localizer.date(Date(timeIntervalSince1970: 1_780_000_000), "ru").contains("28 мая 2026"))
    }
}
