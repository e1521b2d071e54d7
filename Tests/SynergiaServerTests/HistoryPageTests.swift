import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// The History section of a national target's page, its Restore buttons, and
/// the history API: who, when, channel, before → after; refusals change nothing.
@Suite struct HistoryPageTests {
    func page(_ client: any TestClientProtocol, _ session: (cookie: String, csrf: String)?) async throws -> String {
        var headers = HTTPFields()
        if let session { headers[.cookie] = session.cookie }
        let response = try await client.execute(uri: "/w/KEN/targets/KEN-T1", method: .get, headers: headers)
        #expect(response.status == .ok)
        return String(buffer: response.body)
    }

    func restore(_ client: any TestClientProtocol, _ session: (cookie: String, csrf: String)?, change: Int64,
                 confirm: Bool = false) async throws -> (HTTPResponse.Status, String) {
        var fields = ["target": "KEN-T1"]
        if confirm { fields["confirm"] = "1" }
        let (headers, body) = form(session, fields)
        let response = try await client.execute(uri: "/w/KEN/history/\(change)/restore", method: .post, headers: headers, body: body)
        return (response.status, String(buffer: response.body))
    }

    @Test(arguments: TestDatabase.kinds)
    func aTargetEditedOnThePageIsShownAndRestoredByTheFocalPointOnly(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let focal = try await app.session(.focalPoint), contributor = try await app.session(.contributor)
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let (headers, body) = form(focal, ["version": "1", "title": "Protect 30 % of terrestrial areas",
                                               "description": "Expand the terrestrial protected area and OECM estate to 30 % of land area by 2030.",
                                               "unit": "percent", "baseline_year": "2015", "baseline_value": "12", "target_year": "2030",
                                               "target_value": "35", "indicators": "GBF-3.1", "alignment_0": "GBF-3", "degree_0": "high"])
            let saved = try await client.execute(uri: "/w/KEN/targets/KEN-T1/edit", method: .post, headers: headers, body: body)
            #expect(saved.status == .seeOther)
            let html = try await page(client, focal)
            #expect(html.contains("<h2>History</h2>"))
            #expect(html.contains("<td>focal.point@demo.synergia.example</td><td>web page</td><td>KEN-T1</td><td>target value</td><td>30 (2030) → 35 (2030)</td>"), "\(html)")
            #expect(html.contains("<td>command line</td><td>KEN-T1</td><td>title</td><td>— → Protect 30 % of terrestrial areas</td><td>demo data (data/demo/ken.yaml)</td>"))
            let edit = try #require(try await app.store.targetHistory(workspaceID: ken.id, code: "KEN-T1").last)
            #expect(html.contains("action=\"/w/KEN/history/\(edit.id)/restore#history\""))
            // The creation of the target has no Restore button.
            let creation = try #require(try await app.store.targetHistory(workspaceID: ken.id, code: "KEN-T1").first)
            #expect(!html.contains("/w/KEN/history/\(creation.id)/restore"))

            let (refusedStatus, refused) = try await restore(client, contributor, change: edit.id)
            #expect(refusedStatus == .forbidden)
            #expect(refused.contains("only the workspace&#39;s focal point edits national targets, so only the focal point restores their changes")
                    || refused.contains("only the workspace's focal point edits national targets"), "\(refused)")
            #expect(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T1")?.target?.value == 35)

            let (status, _) = try await restore(client, focal, change: edit.id)
            #expect(status == .seeOther)
            let target = try #require(try await app.store.nationalTarget(workspaceID: ken.id, code: "KEN-T1"))
            #expect(target.target == YearValue(year: 2030, value: 30) && target.version == 3)
            let after = try await page(client, focal)
            #expect(after.contains("<td>focal.point@demo.synergia.example</td><td>restore</td><td>KEN-T1</td><td>target value</td><td>35 (2030) → 30 (2030)</td><td>restores change \(edit.id) (web)</td>"), "\(after)")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSeriesValueIsRestoredAndAStaleRestoreAsksToConfirm(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let contributor = try await app.session(.contributor)
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            for value in ["20", "21", "22"] {
                let (headers, body) = form(contributor, ["target": "KEN-T1", "replace": "1",
                                                         "csv": "indicator,year,value,unit,source\nGBF-3.1,2029,\(value),percent,test\n"])
                #expect(try await client.execute(uri: "/w/KEN/series/import", method: .post, headers: headers, body: body).status == .ok)
            }
            func stored() async throws -> Double? {
                try await app.store.series(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "")?.observations.first { $0.year == 2029 }?.value
            }
            let changes = try await app.store.seriesHistory(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "").filter { $0.key == "GBF-3.1||2029" }
            #expect(changes.map(\.channel) == ["import", "import", "import"])
            #expect(changes.map(\.user) == Array(repeating: "contributor@demo.synergia.example", count: 3))
            let html = try await page(client, contributor)
            #expect(html.contains("<td>file import</td><td>GBF-3.1 2029</td><td>value</td><td>21 → 22</td><td>pasted.csv (web)</td>"), "\(html)")

            let historyBefore = try await app.store.seriesHistory(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "")
            let (staleStatus, stale) = try await restore(client, contributor, change: changes[1].id)
            #expect(staleStatus == .conflict)
            #expect(stale.contains("Not restored: the 2029 value of GBF-3.1 changed after change \(changes[1].id): value is now 22, not 21. Restoring would overwrite that later change."), "\(stale)")
            #expect(stale.contains("<input type=\"hidden\" name=\"confirm\" value=\"1\">"))
            #expect(try await stored() == 22)
            #expect(try await app.store.seriesHistory(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "") == historyBefore)

            #expect(try await restore(client, contributor, change: changes[1].id, confirm: true).0 == .seeOther)
            #expect(try await stored() == 20)
            let last = try #require(try await app.store.seriesHistory(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "").last)
            #expect(last.channel == "restore" && last.before?["value"] == .number(22) && last.after?["value"] == .number(20))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theAPIListsAndRestoresAndRefusesAnotherWorkspacesChange(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let fra = try #require(try await app.store.workspace(country: "FRA"))
            let focal = try await app.token(.focalPoint), viewer = try await app.token(.viewer)

            let listed = try await client.execute(uri: "/api/workspaces/KEN/history?target=T1", method: .get, headers: bearer(viewer))
            #expect(listed.status == .ok)
            let changes = try JSONDecoder.iso8601.decode([ChangeRecord].self, from: Data(buffer: listed.body))
            #expect(changes.first?.subject == .nationalTarget && changes.first?.note == "demo data (data/demo/ken.yaml)")
            #expect(changes.contains { $0.key == "KEN-T1|GBF-3" && $0.after == ["degree": .text("high")] })
            let none = try await client.execute(uri: "/api/workspaces/KEN/history", method: .get, headers: bearer(viewer))
            #expect(none.status == .unprocessableContent)

            _ = try await app.store.record([ObservationInput(indicator: "GBF-3.1", unit: "percent",
                                                             observation: Observation(year: 2029, value: 5, source: "fr", provenance: .entered(userID: nil)))],
                                           workspaceID: fra.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            let french = try #require(try await app.store.seriesHistory(workspaceID: fra.id, indicator: "GBF-3.1", disaggregation: "").last)
            let elsewhere = try await client.execute(uri: "/api/workspaces/KEN/history/\(french.id)/restore", method: .post, headers: bearer(focal))
            #expect(elsewhere.status == .notFound)
            #expect(String(buffer: elsewhere.body).contains("no change \(french.id) in this workspace's history"))
            #expect(try await app.store.series(workspaceID: fra.id, indicator: "GBF-3.1", disaggregation: "")?.observations.map(\.value) == [5])

            for value in [20.0, 21.0] {
                _ = try await app.store.record([ObservationInput(indicator: "GBF-3.1", unit: "percent",
                                                                 observation: Observation(year: 2029, value: value, source: "test", provenance: .entered(userID: nil)))],
                                               workspaceID: ken.id, replace: true, context: ChangeContext(userID: nil, channel: .cli))
            }
            let added = try #require(try await app.store.seriesHistory(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "").last { $0.key == "GBF-3.1||2029" && $0.before == nil })
            #expect(try await client.execute(uri: "/api/workspaces/KEN/history/\(added.id)/restore", method: .post, headers: bearer(viewer)).status == .forbidden)
            let stale = try await client.execute(uri: "/api/workspaces/KEN/history/\(added.id)/restore", method: .post, headers: bearer(focal))
            #expect(stale.status == .conflict)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: stale.body)) as? [String: Any])
            #expect(body["error"] as? String == "the 2029 value of GBF-3.1 changed after change \(added.id): value is now 21, not 20; send {\"force\": true} to restore anyway")
            #expect((body["current"] as? [String: Any])?["value"] as? Double == 21)

            let forced = try await client.execute(uri: "/api/workspaces/KEN/history/\(added.id)/restore", method: .post, headers: bearer(focal),
                                                  body: ByteBuffer(string: #"{"force": true}"#))
            #expect(forced.status == .ok)
            let made = try JSONDecoder.iso8601.decode([ChangeRecord].self, from: Data(buffer: forced.body))
            #expect(made.map(\.channel) == ["restore"] && made.first?.after == nil && made.first?.user == "focal.point@demo.synergia.example")
            #expect(try await app.store.series(workspaceID: ken.id, indicator: "GBF-3.1", disaggregation: "")?.observations.contains { $0.year == 2029 } == false)
        }
    }
}

