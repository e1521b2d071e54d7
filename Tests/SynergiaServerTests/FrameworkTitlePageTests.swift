import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// Framework pages, the target page with its crosswalk, the national target's aligned
/// targets and the editor's list show goal and target titles in the page's language;
/// the JSON API keeps `title` in English and adds `titles`.
@Suite struct FrameworkTitlePageTests {
    static let target3 = [
        "en": "Conserve 30% of Land, Waters and Seas",
        "fr": "Conserver 30 % des terres, des eaux et des mers",
        "es": "Conservar el 30 % de las tierras, las aguas y los mares",
        "zh": "保护30%的陆地、水域和海洋",
        "ar": "حفظ 30 في المائة من الأراضي والمياه والبحار",
        "ru": "Сохранить 30 % суши, вод и морей",
    ]

    func page(_ client: some TestClientProtocol, _ uri: String, _ cookie: String) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
        return (response.status, String(buffer: response.body))
    }

    @Test(arguments: TestDatabase.kinds)
    func theTargetPageShowsGBFTarget3InEachLanguage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.viewer))
            for language in ["en", "fr", "es", "zh", "ar", "ru"] {
                let (status, html) = try await page(client, "/targets/GBF-3?lang=\(language)", session.cookie)
                #expect(status == .ok)
                #expect(html.contains(Self.target3[language]!), "\(language): \(html)")
                if language != "en" {
                    #expect(!html.contains(Self.target3["en"]!), "\(language): no English title left")
                }
            }
            let (_, russian) = try await page(client, "/targets/GBF-3?lang=ru", session.cookie)
            #expect(russian.contains("Охраняемые районы"), "the linked Aichi Target 11 in Russian")
            #expect(!russian.contains(">Protected areas<"))
            let (_, arabic) = try await page(client, "/targets/GBF-3?lang=ar", session.cookie)
            #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(arabic.contains("المناطق المحمية"), "the linked Aichi Target 11 in Arabic")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func frameworksNationalTargetAndEditorPagesShowTitlesInThePageLanguage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try #require(try await app.session(.focalPoint))
            let (status, frameworks) = try await page(client, "/frameworks?lang=zh", session.cookie)
            #expect(status == .ok)
            #expect(frameworks.contains(Self.target3["zh"]!))
            #expect(frameworks.contains("防止和控制外来入侵物种"), "SDG 15.8 and Aichi 9 in Chinese")
            let (nationalStatus, national) = try await page(client, "/w/KEN/targets/KEN-T1?lang=ru", session.cookie)
            #expect(nationalStatus == .ok)
            #expect(national.contains(Self.target3["ru"]!), "the aligned GBF target 3 in Russian: \(national)")
            let (editorStatus, editor) = try await page(client, "/w/KEN/targets/KEN-T1/edit?lang=es", session.cookie)
            #expect(editorStatus == .ok)
            #expect(editor.contains("3 " + Self.target3["es"]!), "the editor's list of global targets in Spanish")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theAPIKeepsTitleInEnglishAndAddsTitlesInEveryLanguage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let auth: HTTPFields = [.authorization: "Bearer \(try await app.token(.viewer))"]
            try await client.execute(uri: "/api/targets/GBF-3", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let target = try #require(body?["target"] as? [String: Any])
                #expect(target["title"] as? String == Self.target3["en"])
                #expect(target["titles"] as? [String: String] == Self.target3)
                let related = try #require(body?["related"] as? [[String: Any]])
                let aichi11 = try #require(related.first { $0["code"] as? String == "AICHI-11" })
                #expect(aichi11["title"] as? String == "Protected areas")
                #expect((aichi11["titles"] as? [String: String])?["ru"] == "Охраняемые районы")
            }
            try await client.execute(uri: "/api/frameworks/sdg", method: .get, headers: auth) { response in
                let content = try JSONDecoder().decode(FrameworkContent.self, from: Data(buffer: response.body))
                #expect(content.goals.map(\.code) == ["SDG-6", "SDG-14", "SDG-15"])
                #expect(content.goals.map { $0.title(in: "fr") } == ["Eau propre et assainissement", "Vie aquatique", "Vie terrestre"])
                #expect(content.indicators.allSatisfy { $0.titles.missingLanguages.isEmpty })
                #expect(content.indicators.first { $0.code == "SDG-15.5.1" }?.title == "Red List Index")
            }
        }
    }
}
