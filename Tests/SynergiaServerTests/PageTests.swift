import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// What the pages show, for people who are allowed to see them.
@Suite struct PageTests {
    func get(_ client: some TestClientProtocol, _ uri: String, as session: (cookie: String, csrf: String)?) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: session.map { [.cookie: $0.cookie] } ?? [:])
        return (response.status, String(buffer: response.body))
    }

    @Test(arguments: TestDatabase.kinds)
    func aGlobalTargetShowsItsCrosswalkAndTheAlignedNationalTargets(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (status, html) = try await get(client, "/targets/GBF-3", as: try await app.session(.viewer))
            #expect(status == .ok)
            #expect(html.contains("href=\"/targets/AICHI-11\""))
            #expect(html.contains("SDG-14.5"))
            #expect(html.contains("<strong>KEN-T1</strong>"))
            // Secretariat staff are members of no workspace: the crosswalk, no national target.
            let (_, staff) = try await get(client, "/targets/GBF-3", as: try await app.session(.secretariat))
            #expect(staff.contains("AICHI-11") && !staff.contains("KEN-T1"))
            let (missing, page) = try await get(client, "/targets/GBF-99", as: try await app.session(.viewer))
            #expect(missing == .notFound)
            #expect(page.contains("unknown target &#39;GBF-99&#39;") && page.contains("<html lang=\"en\">"), "escaped, on an HTML page")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theDashboardShowsProgressWithSparklines(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (status, html) = try await get(client, "/w/KEN", as: try await app.session(.viewer))
            #expect(status == .ok)
            #expect(html.contains("status-achieved\">Target achieved</span>"))
            #expect(html.components(separatedBy: "<svg class=\"sparkline\"").count - 1 == 7, "every target with a series but KEN-T6")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func secretariatStaffSeeSubmittedReportsOnly(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.secretariat)
            let (_, home) = try await get(client, "/", as: session)
            #expect(home.contains("href=\"/reports/\(app.fraReport)\""))
            #expect(!home.contains("href=\"/reports/\(app.kenReport)\""))
            #expect(!home.contains("href=\"/w/"), "no workspace to enter")
            let (status, report) = try await get(client, "/reports/\(app.fraReport)", as: session)
            #expect(status == .ok)
            #expect(!report.contains("<form method=\"post\" action=\"/reports/"), "read only: no answer form, no workflow button")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aCSVWithOneBadRowImportsNothingAndNamesTheRow(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let before = try await app.store.series(workspaceID: try #require(try await app.store.workspace(country: "KEN")).id)
            let bad = "indicator,year,value,unit,source\nKEN-I1,2024,12,count,survey\nKEN-I1,20x5,13,count,survey\n"
            let (h1, b1) = form(session, ["target": "KEN-T3", "csv": bad])
            let refused = try await client.execute(uri: "/w/KEN/series/import", method: .post, headers: h1, body: b1)
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            #expect(page.contains("line 3"))
            #expect(page.contains("20x5"), "the text typed stays in the form")
            let after = try await app.store.series(workspaceID: try #require(try await app.store.workspace(country: "KEN")).id)
            #expect(after == before)
            let good = "indicator,year,value,unit,source\nKEN-I1,2025,12,count,survey\n"
            let (h2, b2) = form(session, ["target": "KEN-T3", "csv": good])
            let imported = try await client.execute(uri: "/w/KEN/series/import", method: .post, headers: h2, body: b2)
            #expect(imported.status == .ok)
            #expect(String(buffer: imported.body).contains("Imported: 1 added, 0 replaced, 0 unchanged."))
            #expect(String(buffer: imported.body).contains("<svg"))
        }
    }
}
