import Foundation
import Hummingbird
import HummingbirdTesting
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// The coverage form with the boundary files people have: no EEZ for a
/// land-only run, an EEZ layer without the country refused with its message.
@Suite struct CoverageBoundaryFormTests {
    /// A GeoJSON layer of 2° boxes at the equator with one text field.
    static func layer(_ field: String, _ boxes: [(String, Double, Double)]) -> Data {
        let features = boxes.map { code, x, y in
            #"{"type": "Feature", "properties": {"\#(field)": "\#(code)"}, "geometry": {"type": "Polygon", "coordinates": [[[\#(x), \#(y)], [\#(x + 2), \#(y)], [\#(x + 2), \#(y + 2)], [\#(x), \#(y + 2)], [\#(x), \#(y)]]]}}"#
        }
        return Data(#"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ", "))]}"#.utf8)
    }

    /// One Kenyan site over half of its land box (30–31°E).
    static let wdpa = Data(#"""
    {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"WDPAID": 1, "WDPA_PID": "1", "PA_DEF": "1", "NAME": "Site 1",
     "DESIG_ENG": "National Park", "IUCN_CAT": "II", "MARINE": "0", "STATUS": "Designated", "STATUS_YR": 2000, "GOV_TYPE": "Federal or national ministry or agency",
     "ISO3": "KEN", "PARENT_ISO3": "KEN"}, "geometry": {"type": "Polygon", "coordinates": [[[30, 0], [31, 0], [31, 2], [30, 2], [30, 0]]]}}]}
    """#.utf8)

    @Test(arguments: TestDatabase.kinds)
    func anUploadWithoutEEZIsALandOnlyJobAndAnEEZWithoutTheCountryFailsWithItsMessage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let land = Self.layer("ISO_A3", [("KEN", 30, 0), ("TZA", 30, -2)])
            let (headers, body) = ComputationPagesTests.multipart(session, fields: [("year", "2024")],
                                                                  files: [("wdpa", "wdpa.geojson", Self.wdpa), ("land", "ne_10m_admin_0_countries.geojson", land)])
            let response = try await client.execute(uri: "/w/KEN/computations/coverage", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            let job = try await ComputationPagesTests.waitForJob(app, try ComputationPagesTests.jobID(response))
            #expect(job.state == .succeeded, "\(job.message)")
            #expect(job.message.hasSuffix(" km² · land 50.00 %"), "\(job.message)")
            let runID = try #require(job.runID)
            let run = try #require(try await app.store.run(id: runID))
            #expect(run.inputs.map(\.role) == ["wdpa", "land"])
            #expect(run.options["land_field"] == "ISO_A3")
            let landSeries = try #require(try await app.store.series(workspaceID: run.workspaceID, indicator: "GBF-3.1", disaggregation: "realm=land"))
            #expect(landSeries.observations.contains { $0.year == 2024 && abs($0.value - 50) < 1e-4 })
            // A land-only run computes no marine coverage (the demo's own marine series stays as it was).
            let marine = try await app.store.series(workspaceID: run.workspaceID, indicator: "GBF-3.1", disaggregation: "realm=marine")
            #expect(marine?.observations.contains { $0.provenance == .computed(runID: runID) } != true)

            // An EEZ layer without Kenya: the job fails with the form's message, nothing more is stored.
            let runsBefore = try await app.store.runs(workspaceID: run.workspaceID).count
            let eez = Self.layer("ISO_TER1", [("TZA", 32, -2)])
            let (h2, b2) = ComputationPagesTests.multipart(session, fields: [("year", "2024")],
                                                           files: [("wdpa", "wdpa.geojson", Self.wdpa), ("land", "ne_10m_admin_0_countries.geojson", land),
                                                                   ("eez", "eez_v12.geojson", eez)])
            let refused = try await client.execute(uri: "/w/KEN/computations/coverage", method: .post, headers: h2, body: b2)
            #expect(refused.status == .seeOther)
            let failed = try await ComputationPagesTests.waitForJob(app, try ComputationPagesTests.jobID(refused))
            #expect(failed.state == .failed && failed.runID == nil)
            #expect(failed.message.hasPrefix("“Exclusive economic zone boundary” eez_v12.geojson, layer "), "\(failed.message)")
            #expect(failed.message.contains("has no feature for KEN in field ISO_TER1 (features by code: TZA 1): check the file or the field in “Field of the EEZ layer holding the country code"), "\(failed.message)")
            #expect(failed.message.hasSuffix("or leave “Exclusive economic zone boundary” empty for a land-only run (a landlocked country)."), "\(failed.message)")
            #expect(!failed.message.contains(app.settings.jobsFolder.path))
            #expect(try await app.store.runs(workspaceID: run.workspaceID).count == runsBefore)
        }
    }
}
