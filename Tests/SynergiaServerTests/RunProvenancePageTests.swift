import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// A table filled from an engine run says so on the report page, naming the engine and the run,
/// in the page's language.
@Suite struct RunProvenancePageTests {
    @Test(arguments: TestDatabase.kinds)
    func aTableFilledFromALandRunNamesTheRunOnThePage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let run = try await app.store.recordRun(
                ComputationRun(workspaceID: ken.id, engine: "land-degradation", inputs: [], options: [:], softwareVersion: "test",
                               startedAt: Date(timeIntervalSince1970: 1_800_000_000), durationMilliseconds: 1, warnings: []),
                results: [], tables: [RunTable(name: "land_cover_area", units: ["*": "km2"], cells: ["cropland": ["latest": 1234.5]])])
            let token = try await app.token(.focalPoint)
            let created = try await client.execute(uri: "/api/workspaces/KEN/reports", method: .post, headers: bearer(token),
                                                   body: ByteBuffer(string: #"{"template":"unccd-prais-so1"}"#))
            #expect(created.status == .ok)
            let report = try JSONDecoder.iso8601.decode(Report.self, from: Data(created.body.readableBytesView))
            let answer = try #require(try await app.store.answers(reportID: report.id).first { $0.key.description == "so1_1_land_cover" })
            #expect(answer.provenance.sourceRunID == run.id)

            let session = try #require(try await app.session(.focalPoint))
            var cookie = HTTPFields(); cookie[.cookie] = session.cookie
            for (language, text) in [("en", "Prefilled from land-degradation run #\(run.id)"), ("fr", "Prérempli depuis le calcul land-degradation n° \(run.id)")] {
                try await client.execute(uri: "/reports/\(report.id)?section=so1_1&lang=\(language)", method: .get, headers: cookie) { page in
                    #expect(page.status == .ok)
                    #expect(String(buffer: page.body).contains(text))
                }
            }
        }
    }
}
