import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// The target page says which series a target is measured by, its latest value
/// in the target's unit and the conversion applied; the editor offers the
/// workspace's series of the target's indicators; a unit that does not convert
/// leaves progress unknown with the reason.
@Suite struct MeasuredByPageTests {
    func get(_ client: any TestClientProtocol, _ uri: String, _ session: (cookie: String, csrf: String)?) async throws -> String {
        var headers = HTTPFields()
        if let session { headers[.cookie] = session.cookie }
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        #expect(response.status == .ok)
        return String(buffer: response.body)
    }

    func editT2(_ client: any TestClientProtocol, _ session: (cookie: String, csrf: String)?, version: Int, unit: String,
                goal: String, measuredBy: String) async throws -> HTTPResponse.Status {
        let (headers, body) = form(session, ["version": String(version), "title": "Restore degraded land", "unit": unit,
                                             "baseline_year": "2020", "baseline_value": "0", "target_year": "2030", "target_value": goal,
                                             "indicators": "GBF-2.1", "alignment_0": "GBF-2", "degree_0": "high", "measured_by": measuredBy])
        return try await client.execute(uri: "/w/KEN/targets/KEN-T2/edit", method: .post, headers: headers, body: body).status
    }

    @Test(arguments: TestDatabase.kinds)
    func theDemosFirstTargetShowsItsLandSeries(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint)
            let page = try await get(client, "/w/KEN/targets/KEN-T1", focal)
            #expect(page.contains("<p class=\"measured-by\">Measured by: <span class=\"code\">GBF-3.1 — realm=land</span></p>"), "\(page)")
            #expect(page.contains("Latest value: 15 (2024) percent"), "\(page)")
            #expect(page.contains("<h2>GBF-3.1 — realm=land</h2>\n<p class=\"hint\">progress is assessed on this series</p>"))

            let editor = try await get(client, "/w/KEN/targets/KEN-T1/edit", focal)
            #expect(editor.contains("<option value=\"\">First indicator, whole country</option>"), "\(editor)")
            #expect(editor.contains("<option value=\"GBF-3.1|realm=land\" selected>GBF-3.1 — realm=land (percent)</option>"), "\(editor)")
            #expect(editor.contains("<option value=\"GBF-3.1|realm=marine\">GBF-3.1 — realm=marine (percent)</option>"), "\(editor)")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSeriesInAnotherUnitIsConvertedOrRefusedWithTheReason(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint)
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let series = try #require(try await app.store.series(workspaceID: ken.id, indicator: "GBF-2.1", disaggregation: ""))
            try #require(series.unit == "Mha")

            #expect(try await editT2(client, focal, version: 1, unit: "km2", goal: "51000", measuredBy: "GBF-2.1|") == .seeOther)
            #expect(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T2")?.measuredBy == SeriesBinding(indicator: "GBF-2.1"))
            let converted = try await get(client, "/w/KEN/targets/KEN-T2", focal)
            #expect(converted.contains("Measured by: <span class=\"code\">GBF-2.1 — whole country</span> · Values in Mha converted to km2"), "\(converted)")
            #expect(converted.contains("Latest value: 21,000 (2024) km2"), "\(converted)")
            let editor = try await get(client, "/w/KEN/targets/KEN-T2/edit", focal)
            #expect(editor.contains("<option value=\"GBF-2.1|\" selected>GBF-2.1 — whole country (Mha) · Values in Mha converted to km2</option>"), "\(editor)")

            #expect(try await editT2(client, focal, version: 2, unit: "percent", goal: "10", measuredBy: "GBF-2.1|") == .seeOther)
            let refused = try await get(client, "/w/KEN/targets/KEN-T2", focal)
            #expect(refused.contains("<span class=\"status status-unknown\">Unknown</span>"))
            #expect(refused.contains("<p class=\"error\" role=\"alert\">Progress not assessed: the series is recorded in Mha, which cannot be converted to the target&#39;s unit percent. Record the series in a unit of the same kind or change the target&#39;s unit.</p>")
                    || refused.contains("<p class=\"error\" role=\"alert\">Progress not assessed: the series is recorded in Mha, which cannot be converted to the target's unit percent. Record the series in a unit of the same kind or change the target's unit.</p>"), "\(refused)")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aMalformedDisaggregationIsRefusedOnTheFormAndNothingChanges(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint)
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let before = try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T2")
            let (headers, body) = form(focal, ["version": "1", "title": "Restore degraded land", "unit": "Mha", "indicators": "GBF-2.1",
                                               "measured_by": "GBF-2.1|site"])
            let response = try await client.execute(uri: "/w/KEN/targets/KEN-T2/edit", method: .post, headers: headers, body: body)
            #expect(response.status == .badRequest || response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("the disaggregation &#39;site&#39; is not key=value pairs joined by &#39;;&#39;")
                    || String(buffer: response.body).contains("the disaggregation 'site' is not key=value pairs joined by ';'"))
            #expect(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T2") == before)
        }
    }
}
