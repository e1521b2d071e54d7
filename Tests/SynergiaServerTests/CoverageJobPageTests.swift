import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// After a coverage run from the browser: the job page shows the run's warnings and the
/// per-site table, the run page lists every series the run stored with its years.
@Suite struct CoverageJobPageTests {
    @Test(arguments: TestDatabase.kinds)
    func theJobPageShowsTheWarningsAndTheSiteTableAndTheRunPageTheSeries(kind: DatabaseKind) async throws {
        let (folder, wdpa) = try ComputationPagesTests.demoWDPA()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = ComputationPagesTests.multipart(session, fields: [("year", "2024")], files: [("wdpa", "wdpa_KEN.gpkg", wdpa)])
            let response = try await client.execute(uri: "/w/KEN/computations/coverage", method: .post, headers: headers, body: body)
            let job = try await ComputationPagesTests.waitForJob(app, try ComputationPagesTests.jobID(response))
            #expect(job.state == .succeeded, "\(job.message)")
            let runID = try #require(job.runID)
            let run = try #require(try await app.store.run(id: runID))
            // The generated file holds one record with STATUS "Gazetted" (skipped) and one with IUCN_CAT "Category 2".
            #expect(run.warnings.contains { $0.contains("field STATUS = 'Gazetted'") })
            #expect(run.warnings.contains { $0.contains("field IUCN_CAT = 'Category 2'") })

            var page = HTTPFields(); page[.cookie] = session!.cookie
            let html = String(buffer: try await client.execute(uri: "/w/KEN/jobs/\(job.id)", method: .get, headers: page).body)
            let warnings = try #require(html.range(of: "<ul id=\"job-warnings\">")).upperBound
            let listed = html[warnings...].prefix { $0 != "\n" }
            #expect(listed.components(separatedBy: "<li>").count - 1 == run.warnings.count)
            #expect(listed.contains("field STATUS = &#39;Gazetted&#39;") || listed.contains("field STATUS = &#x27;Gazetted&#x27;"), "\(listed.prefix(400))")
            #expect(html.contains("<h2>Per-site table</h2>"))
            #expect(html.contains("/w/KEN/jobs/\(job.id)/files/sites.csv") && html.contains("/w/KEN/jobs/\(job.id)/files/sites.xlsx"))
            let table = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/files/sites.csv", method: .get, headers: page)
            #expect(table.status == .ok)
            #expect(String(buffer: table.body).hasPrefix("WDPAID,WDPA_PID,NAME,DESIG_ENG,DESIG_TYPE,IUCN_CAT,GOV_TYPE,STATUS,STATUS_YR,SITE_TYPE,MARINE,REALM"))
            let workbook = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/files/sites.xlsx", method: .get, headers: page)
            #expect(workbook.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

            // The map still draws the coverage, not the sites layer of the per-site table.
            let map = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/map.geojson", method: .get, headers: page)
            let features = try #require(try JSONSerialization.jsonObject(with: Data(buffer: map.body)) as? [String: Any])["features"] as? [[String: Any]]
            #expect(Set(try #require(features).compactMap { ($0["properties"] as? [String: Any])?["layer"] as? String }) == ["coverage"])

            let runPage = String(buffer: try await client.execute(uri: "/w/KEN/runs/\(run.id)", method: .get, headers: page).body)
            let stored = try #require(runPage.range(of: "<ul id=\"series-stored\">")).upperBound
            let list = String(runPage[stored...].prefix { $0 != "\n" })
            for series in try await app.store.series(workspaceID: run.workspaceID)
            where series.observations.contains(where: { $0.provenance == .computed(runID: run.id) }) {
                let name = series.disaggregation.isEmpty ? series.indicator : "\(series.indicator) \(series.disaggregation)"
                #expect(list.contains(name), "\(name) not in \(list.prefix(300))")
            }
            #expect(list.contains("GBF-3.1 realm=land</span>: ") && list.contains("SDG-14.5.1</span>: "))
        }
    }
}
