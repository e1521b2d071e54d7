import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// Markup typed into any text field comes back as text: every field a person
/// can fill gets a script, every page that shows it is read back.
@Suite struct EscapingTests {
    static let payload = #"<script>alert("x")</script><img src=x onerror=alert(1)>"#

    @Test(arguments: TestDatabase.kinds)
    func scriptsTypedIntoEveryTextFieldComeBackInert(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint)
            let report = "/reports/\(app.kenReport)"
            let posts: [(String, [String: String])] = [
                (report + "/answer", ["key": "report_process", "section": "s1", "value": Self.payload,
                                      "version": String(try await app.store.answers(reportID: app.kenReport).first { $0.key.description == "report_process" }?.version ?? 0)]),
                (report + "/answer", ["key": "nbsap_document", "section": "s2", "version": "0", "url": "https://example.org/" + Self.payload, "title": Self.payload]),
                (report + "/comment", ["key": "report_process", "section": "s1", "body": Self.payload]),
                ("/w/KEN/members/invite", ["email": "escape@demo.synergia.example", "name": Self.payload, "role": "viewer"]),
                ("/w/KEN/national-targets", ["code": "T77", "title": Self.payload, "description": Self.payload, "unit": Self.payload]),
                ("/w/KEN/series/import", ["target": "KEN-T1", "csv": "indicator,year,value\n" + Self.payload + ",2020,1\n"]),
            ]
            var pages: [String] = []
            for (uri, fields) in posts {
                let (headers, body) = form(focal, fields)
                let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
                #expect(response.status.code < 500, "\(uri): \(response.status)")
                pages.append(String(buffer: response.body))
            }
            for uri in [report + "?section=s1", report + "?section=s2", report + "/audit", report + "/audit?key=" + Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                        "/w/KEN/members", "/w/KEN/targets/KEN-T77", "/w/KEN", "/w/KEN/security-log",
                        "/targets/" + Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!] {
                var headers = HTTPFields()
                headers[.cookie] = focal!.cookie
                pages.append(String(buffer: try await client.execute(uri: uri, method: .get, headers: headers).body))
            }
            let shown = pages.filter { $0.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") }.count
            #expect(shown >= 8, "the payload is shown, escaped, on the pages that display it (\(shown))")
            for (index, page) in pages.enumerated() {
                #expect(!page.contains("<script>alert"), "page \(index) carries a live script")
                #expect(!page.contains("<img src=x"), "page \(index) carries a live element")
            }
        }
    }
}
