import Foundation
import Hummingbird
import HummingbirdTesting
import SynergiaCore
import SynergiaReference
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport
import Testing

/// A refusal's remedy in the web's words (web.yaml, the person's language), never
/// a command or a flag: those are the CLI's (RemedyCLITests).
@Suite struct RemedyPageTests {
    func expectNoCommand(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains("synergia ") && !text.contains("--") && !text.contains("`"), "\(text)", sourceLocation: sourceLocation)
    }

    @Test(arguments: TestDatabase.kinds)
    func aTargetFormNamesThePageThatListsTheGlobalTargets(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try #require(try await app.session(.focalPoint))
            let fields = ["code": "T30", "title": "Wetlands", "alignment_0": "GBF-99", "degree_0": "high"]
            var (headers, body) = form(focal, fields)
            let refused = try await client.execute(uri: "/w/KEN/national-targets", method: .post, headers: headers, body: body)
            let html = String(buffer: refused.body)
            #expect(refused.status == .notFound)
            #expect(html.contains("national target KEN-T30: unknown global target &#39;GBF-99&#39;; use a code such as GBF-3. The targets of GBF are listed on the page Frameworks and targets."), "\(html)")
            expectNoCommand(html)
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            #expect(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T30") == nil)

            (headers, body) = form(focal, fields)
            headers[.cookie] = focal.cookie + "; synergia_lang=fr"
            let french = String(buffer: try await client.execute(uri: "/w/KEN/national-targets", method: .post, headers: headers, body: body).body)
            #expect(french.contains("Les objectifs de GBF sont listés sur la page Cadres et objectifs."), "\(french)")
            expectNoCommand(french)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSecondValueForAYearNamesTheReplaceCheckboxAndChangesNothing(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let contributor = try await app.session(.contributor)
            func importCSV(_ value: String, replace: Bool) async throws -> (HTTPResponse.Status, String) {
                var fields = ["target": "KEN-T1", "csv": "indicator,year,value,unit,source\nGBF-3.1,2029,\(value),percent,test\n"]
                if replace { fields["replace"] = "1" }
                let (headers, body) = form(contributor, fields)
                let response = try await client.execute(uri: "/w/KEN/series/import", method: .post, headers: headers, body: body)
                return (response.status, String(buffer: response.body))
            }
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            func stored() async throws -> Double? {
                try await app.store.series(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "")?
                    .observations.first { $0.year == 2029 }?.value
            }
            #expect(try await importCSV("20", replace: false).0 != .conflict)
            #expect(try await stored() == 20)
            let (status, html) = try await importCSV("21", replace: false)
            #expect(status == .conflict)
            #expect(html.contains("GBF-3.1 already has a value for 2029 (20.0). To overwrite it, tick “Replace values already recorded for the same year”."), "\(html)")
            expectNoCommand(html)
            #expect(try await stored() == 20)
            _ = try await importCSV("21", replace: true)
            #expect(try await stored() == 21)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anUnknownCountryIsRefusedWithoutACommand(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let before = try await app.store.workspaces()
            let (headers, body) = form(try await app.session(.administrator), ["country": "XYZ", "name": ""])
            let refused = try await client.execute(uri: "/admin/workspaces", method: .post, headers: headers, body: body)
            let html = String(buffer: refused.body)
            #expect(refused.status == .notFound)
            #expect(html.contains("unknown country code &#39;XYZ&#39;; use an ISO 3166-1 code such as KEN or KE. Give the country’s three-letter or two-letter ISO 3166-1 code.")
                    || html.contains("unknown country code &#39;XYZ&#39;; use an ISO 3166-1 code such as KEN or KE. Give the country&#39;s three-letter or two-letter ISO 3166-1 code."), "\(html)")
            expectNoCommand(html)
            #expect(try await app.store.workspaces() == before)
        }
    }

    /// The API has no route that reaches these refusals today; its middleware phrases them the same way.
    @Test func theAPIPhrasesTheRemedyInEnglishWithoutACommand() async throws {
        let messages = try Messages.load(dataDirectory: TestDatabase.dataDirectory)
        let router = Router()
        router.add(middleware: DomainErrorMiddleware(messages: messages))
        router.get("/refused") { _, _ -> String in
            throw DomainError.notFound("unknown indicator 'KEN-I99'; use a global indicator code such as GBF-3.1 or define a national one",
                                       remedy: .defineNationalIndicator)
        }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/refused", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .notFound)
                #expect(body.contains("define a national one. A national indicator is defined for the workspace by its system administrator before values are recorded for it."), "\(body)")
                expectNoCommand(body)
            }
        }
    }
}
