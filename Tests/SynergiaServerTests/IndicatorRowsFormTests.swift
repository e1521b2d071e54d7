import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// A question over several indicators (a national target's data) keeps each
/// row's own indicator when the form is saved.
@Suite struct IndicatorRowsFormTests {
    @Test(arguments: TestDatabase.kinds)
    func savingATargetsDataFromTheFormKeepsEachRowsIndicator(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let stored = try await app.store.answers(reportID: app.kenReport)
            let answer = try #require(stored.first { $0.key.question == "target_indicator_data" && ($0.value.listValue ?? []).contains { $0["indicator"].stringValue != nil } })
            let rows = answer.value.listValue ?? []
            var fields = ["key": answer.key.description, "section": "s3", "version": String(answer.version)]
            for (index, row) in rows.enumerated() {
                for field in ["year", "value", "unit", "disaggregation", "source", "indicator"] {
                    switch row[field] {
                    case .number(let n): fields["row.\(index).\(field)"] = n == n.rounded() ? String(Int(n)) : String(n)
                    case .string(let s): fields["row.\(index).\(field)"] = s
                    default: fields["row.\(index).\(field)"] = ""
                    }
                }
            }
            // The page offers each row's indicator as a hidden field, as posted here.
            let contributor = try await app.session(.contributor)
            var cookie = HTTPFields(); cookie[.cookie] = contributor!.cookie
            try await client.execute(uri: "/reports/\(app.kenReport)?section=s3", method: .get, headers: cookie) { page in
                let html = String(buffer: page.body)
                let first = try #require(rows.first?["indicator"].stringValue)
                #expect(html.contains("<input type=\"hidden\" name=\"row.0.indicator\" value=\"\(first)\">"))
            }
            fields["row.0.value"] = "42"
            let (headers, body) = form(contributor, fields)
            try await client.execute(uri: "/reports/\(app.kenReport)/answer", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            }
            let saved = try #require(try await app.store.answers(reportID: app.kenReport).first { $0.key == answer.key })
            let savedRows = saved.value.listValue ?? []
            #expect(savedRows.count == rows.count)
            #expect(savedRows.map { $0["indicator"].stringValue } == rows.map { $0["indicator"].stringValue })
            #expect(savedRows.first?["value"] == .number(42))
        }
    }
}
