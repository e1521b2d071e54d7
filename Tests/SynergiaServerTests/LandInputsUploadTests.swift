import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaDemoData
import SynergiaStore
import SynergiaTestSupport
import Testing
import ZIPFoundation

/// A raster ZIP whose inputs.json was written by hand: its periods and options drive the web run
/// as they drive the CLI, and a wrong key is a 422 naming the JSON path, with nothing stored.
@Suite struct LandInputsUploadTests {
    typealias Pages = ComputationPagesTests

    static func zip(_ stack: URL, inputsJSON: String, to zip: URL) throws {
        try Data(inputsJSON.utf8).write(to: stack.appendingPathComponent("inputs.json"))
        let archive = try Archive(url: zip, accessMode: .create)
        for name in try FileManager.default.contentsOfDirectory(atPath: stack.path).sorted() where !name.hasPrefix("aoi") {
            try archive.addEntry(with: name, fileURL: stack.appendingPathComponent(name), compressionMethod: .deflate)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aHandWrittenInputsJSONSetsThePeriodsAndTheZone(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("land-inputs-upload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = folder.appendingPathComponent("stack")
        let written = try LandDataGenerator(seed: 5, size: 32).write(to: stack)
        let aoi = try Data(contentsOf: URL(fileURLWithPath: written.aoi))
        let good = folder.appendingPathComponent("good.zip"), bad = folder.appendingPathComponent("bad.zip")
        try Self.zip(stack, inputsJSON: #"""
            {"land_cover": {"2015": "land_cover_2015.tif", "2019": "land_cover_2019.tif"},
             "productivity": {"ndvi": {"file": "ndvi_2001_2023.tif", "first_year": 2001}},
             "soc": "soc_2000.tif",
             "periods": [{"name": "copernicus", "land_cover": [2015, 2019], "productivity": [2005, 2019]}],
             "options": {"climate_zone": "tropical_dry"}}
            """#, to: good)
        try Self.zip(stack, inputsJSON: #"""
            {"land_cover": {"2015": "land_cover_2015.tif"}, "productivity": {"lpd": {"copernicus": "ndvi_2001_2023.tif"}},
             "soc": "soc_2000.tif", "options": {"climate_zone": "tropical"}}
            """#, to: bad)
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = Pages.multipart(session, files: [("rasters", "good.zip", try Data(contentsOf: good)), ("aoi", "country.geojson", aoi)])
            let response = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            let job = try await Pages.waitForJob(app, try Pages.jobID(response))
            #expect(job.state == .succeeded, "\(job.message)")
            #expect(job.message.hasPrefix("copernicus ") && !job.message.contains("baseline"), "\(job.message)")
            let runID = try #require(job.runID)
            let run = try #require(try await app.store.run(id: runID))
            #expect(run.options["periods"] == "copernicus:2015-2019")
            #expect(run.options["climate_zone"] == "tropical_dry" && run.options["climate_factor"] == "0.58")
            #expect(run.warnings.isEmpty)
            #expect(run.inputs.map(\.role) == ["land_cover_2015", "land_cover_2019", "ndvi", "soc", "aoi"])

            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let jobsBefore = try await app.store.jobs(workspaceID: ken.id).count
            let (h2, b2) = Pages.multipart(session, files: [("rasters", "bad.zip", try Data(contentsOf: bad))])
            let refused = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: h2, body: b2)
            let text = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent)
            #expect(text.contains("inputs.json in bad.zip: $.options.climate_zone is") && text.contains("write one of boreal_dry"), "\(text.prefix(800))")
            #expect(!text.contains(folder.path) && !text.contains(app.settings.jobsFolder.path))
            #expect(try await app.store.jobs(workspaceID: ken.id).count == jobsBefore)
            #expect(try await app.store.runs(workspaceID: ken.id).count == 1)
        }
    }

    /// The form's periods and zone override the stack's inputs.json; a period written backwards is a 422 naming it.
    @Test func theFormsPeriodsAndZoneOverrideInputsJSON() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("land-form-fields-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = folder.appendingPathComponent("stack")
        let written = try LandDataGenerator(seed: 5, size: 32).write(to: stack)
        let zip = folder.appendingPathComponent("stack.zip")
        try Self.zip(stack, inputsJSON: String(decoding: try Data(contentsOf: stack.appendingPathComponent("inputs.json")), as: UTF8.self), to: zip)
        let files: [(field: String, name: String, data: Data)] = [("rasters", "stack.zip", try Data(contentsOf: zip)),
                                                                   ("aoi", "country.geojson", try Data(contentsOf: URL(fileURLWithPath: written.aoi)))]
        try await TestApp.with(.sqlite) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = Pages.multipart(session, fields: [("periods", "baseline=2015:2019:2005-2019, recent=2019:2022:2008-2022"), ("climate_zone", "boreal_dry")], files: files)
            let response = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            let job = try await Pages.waitForJob(app, try Pages.jobID(response))
            #expect(job.state == .succeeded, "\(job.message)")
            let runID = try #require(job.runID)
            let run = try #require(try await app.store.run(id: runID))
            #expect(run.options["periods"] == "baseline:2015-2019,recent:2019-2022")
            #expect(run.options["climate_zone"] == "boreal_dry" && run.options["climate_factor"] == "0.8")

            let (h2, b2) = Pages.multipart(session, fields: [("periods", "baseline=2019:2015")], files: files)
            let refused = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: h2, body: b2)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("period baseline: land cover end 2015 is not after its start 2019"), "\(String(buffer: refused.body).prefix(600))")
        }
    }
}
