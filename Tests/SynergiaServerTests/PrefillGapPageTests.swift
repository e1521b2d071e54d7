import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import SynergiaCore
import SynergiaServer
import SynergiaStore
import SynergiaTestSupport

/// "Fill empty answers" on the report page and the API says which questions a series
/// of the workspace could not fill and why, and fills nothing wrong.
@Suite struct PrefillGapPageTests {
    static let reason = "unit percent (share) cannot be converted to national_currency (currency); a value must be stated in a unit of the same dimension"

    /// Domestic biodiversity funding recorded as a percentage: no amount of money can be read from it.
    static func recordFundingAsPercent(_ app: TestApp) async throws {
        let ken = try #require(try await app.store.workspace(country: "KEN"))
        _ = try await app.store.record([ObservationInput(indicator: "GBF-D.2", unit: "percent",
                                                         observation: Observation(year: 2024, value: 0.4, source: "budget review", provenance: .entered(userID: nil)))],
                                       workspaceID: ken.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
    }

    @Test(arguments: TestDatabase.kinds)
    func theAPIAndThePageNameTheQuestionsASeriesCouldNotFill(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            try await Self.recordFundingAsPercent(app)
            let key = AnswerKey(question: "domestic_biodiversity_funding")
            #expect(try await app.store.answers(reportID: app.kenReport).contains { $0.key == key } == false)

            let api = try await client.execute(uri: "/api/reports/\(app.kenReport)/prefill", method: .post, headers: bearer(try await app.token(.contributor)))
            #expect(api.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [String: Any])
            let gaps = try #require(body["gaps"] as? [[String: Any]])
            #expect(gaps.count == 1)
            #expect(gaps.first?["indicator"] as? String == "GBF-D.2")
            #expect(gaps.first?["reason"] as? String == Self.reason)
            #expect(body["added"] as? Int == (body["filled"] as? [String])?.count)
            #expect(try await app.store.answers(reportID: app.kenReport).contains { $0.key == key } == false)

            let (headers, form) = form(try await app.session(.contributor), ["section": "s3"])
            let page = try await client.execute(uri: "/reports/\(app.kenReport)/prefill", method: .post, headers: headers, body: form)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Left empty: a series of the workspace names these questions"))
            #expect(html.contains(": <span class=\"code\">GBF-D.2</span> — \(Self.reason)</li>"))
            #expect(try await app.store.answers(reportID: app.kenReport).contains { $0.key == key } == false)
        }
    }
}
