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

/// The computations pages: uploads streamed to disk and checked, engine runs
/// as background jobs with progress, results with map layers and downloads.
@Suite struct ComputationPagesTests {
    /// A multipart/form-data body; the CSRF field first, as the page's forms send it.
    static func multipart(_ session: (cookie: String, csrf: String)?, fields: [(String, String)] = [],
                          files: [(field: String, name: String, data: Data)] = [], csrf: String? = nil) -> (HTTPFields, ByteBuffer) {
        let boundary = "synergia-test-\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        var all = fields
        if let session { all.insert(("csrf", csrf ?? session.csrf), at: 0) }
        for (name, value) in all {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.append(file.data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        if let session { headers[.cookie] = session.cookie }
        return (headers, ByteBuffer(bytes: body))
    }

    static func waitForJob(_ app: TestApp, _ id: Int64) async throws -> ComputationJob {
        for _ in 0..<600 {
            if let job = try await app.store.job(id: id), job.state.isFinished { return job }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("job \(id) did not finish in 120 s")
        return try #require(try await app.store.job(id: id))
    }

    static func jobID(_ response: TestResponse) throws -> Int64 {
        let location = try #require(response.headers[.location])
        return try #require(Int64(location.split(separator: "/").last.map(String.init) ?? ""))
    }

    static func demoWDPA() throws -> (URL, Data) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("computations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("wdpa.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 3).write(to: path, sites: 40, countries: ["KEN", "TZA"])
        return (folder, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: TestDatabase.kinds)
    func coverageRunFromTheBrowser(kind: DatabaseKind) async throws {
        let (folder, wdpa) = try Self.demoWDPA()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = Self.multipart(session, fields: [("year", "2024")], files: [("wdpa", "My WDPA extract.gpkg", wdpa)])
            let response = try await client.execute(uri: "/w/KEN/computations/coverage", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            let job = try await Self.waitForJob(app, try Self.jobID(response))
            #expect(job.state == .succeeded, "\(job.message)")
            #expect(job.engine == "coverage" && job.runID != nil)
            #expect(job.message.contains("km²"))
            let run = try #require(try await app.store.run(id: job.runID!))
            #expect(run.inputs.first?.role == "wdpa")
            let series = try await app.store.series(workspaceID: run.workspaceID)
            #expect(series.contains { s in s.indicator == "GBF-3.1" && s.observations.contains { $0.provenance == .computed(runID: run.id) && $0.year == 2024 } })

            var page = HTTPFields(); page[.cookie] = session!.cookie
            let html = String(buffer: try await client.execute(uri: "/w/KEN/jobs/\(job.id)", method: .get, headers: page).body)
            #expect(html.contains("id=\"map\"") && html.contains("/vendor/leaflet/leaflet.js") && html.contains("summary.json"))
            let progress = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/progress", method: .get, headers: page)
            let state = try JSONSerialization.jsonObject(with: Data(buffer: progress.body)) as! [String: Any]
            #expect(state["state"] as? String == "succeeded" && (state["run"] as? Double).map { Int64($0) } == job.runID)
            let map = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/map.geojson", method: .get, headers: page)
            let layer = try JSONSerialization.jsonObject(with: Data(buffer: map.body)) as! [String: Any]
            let features = layer["features"] as! [[String: Any]]
            // The flattened coverage the engine wrote (coverage.gpkg), in WGS 84.
            let layers = Set(features.compactMap { ($0["properties"] as? [String: Any])?["layer"] as? String })
            #expect(layers == ["coverage"], "\(layers)")
            #expect(html.contains("coverage.gpkg"))
            let download = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/files/summary.json", method: .get, headers: page)
            #expect(download.status == .ok && download.headers[.contentDisposition]?.contains("attachment") == true)
            // A name outside the listing is never read.
            let escape = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/files/..%2F..%2Finputs", method: .get, headers: page)
            #expect(escape.status == .notFound)
            // Another workspace's member sees nothing of it.
            var other = HTTPFields(); other[.cookie] = try await app.session(.secretariat)!.cookie
            #expect(try await client.execute(uri: "/w/KEN/jobs/\(job.id)/map.geojson", method: .get, headers: other).status == .forbidden)
        }
    }

    @Test func badUploadsAreRefusedAndLeaveNothingBehind() async throws {
        var settings = TestApp.fastSettings
        settings.maxDataUploadBytes = 200_000
        try await TestApp.with(.sqlite, settings: settings) { client, app, _, _ in
            let session = try await app.session(.contributor)
            func post(_ form: (HTTPFields, ByteBuffer)) async throws -> TestResponse {
                try await client.execute(uri: "/w/KEN/computations/coverage", method: .post, headers: form.0, body: form.1)
            }
            // A text file where the WDPA extract goes: named field, named file, expected kinds.
            let text = try await post(Self.multipart(session, fields: [("year", "2024")], files: [("wdpa", "notes.gpkg", Data("just some notes".utf8))]))
            #expect(text.status == .unprocessableContent)
            let message = String(buffer: text.body)
            #expect(message.contains("notes.gpkg") && message.contains("WDPA") && message.contains("geopackage"), "\(message.prefix(400))")
            // No file at all.
            let missing = try await post(Self.multipart(session, fields: [("year", "2024")]))
            #expect(missing.status == .unprocessableContent)
            // A year out of range.
            let (folder, wdpa) = try Self.demoWDPA()
            defer { try? FileManager.default.removeItem(at: folder) }
            let small = Data(wdpa.prefix(150_000))
            let year = try await post(Self.multipart(session, fields: [("year", "20245")], files: [("wdpa", "w.gpkg", small)]))
            #expect(year.status == .unprocessableContent)
            // Too large.
            let large = try await post(Self.multipart(session, fields: [("year", "2024")], files: [("wdpa", "w.gpkg", Data(count: 300_000))]))
            #expect(large.status == .contentTooLarge)
            // A wrong CSRF field: refused before any file is written.
            let forged = try await post(Self.multipart(session, fields: [("year", "2024")], files: [("wdpa", "w.gpkg", small)], csrf: "forged"))
            #expect(forged.status == .forbidden)
            #expect(try await app.store.jobs(workspaceID: try #require(try await app.store.workspace(country: "KEN")).id).isEmpty)
            let left = (try? FileManager.default.contentsOfDirectory(atPath: app.settings.jobsFolder.path)) ?? []
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func landRunFromARasterZIP() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("land-upload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try LandDataGenerator(seed: 5, size: 48).write(to: folder.appendingPathComponent("stack"))
        try JSONEncoder().encode(written.inputs).write(to: folder.appendingPathComponent("stack/inputs.json"))
        let zip = folder.appendingPathComponent("stack.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("stack").path).sorted() where !name.hasPrefix("aoi") {
            try archive.addEntry(with: "stack/\(name)", fileURL: folder.appendingPathComponent("stack/\(name)"))
        }
        let aoi = try Data(contentsOf: URL(fileURLWithPath: written.aoi))
        try await TestApp.with(.sqlite) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = Self.multipart(session, files: [("rasters", "stack.zip", try Data(contentsOf: zip)), ("aoi", "country.geojson", aoi)])
            let response = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            let job = try await Self.waitForJob(app, try Self.jobID(response))
            #expect(job.state == .succeeded, "\(job.message)")
            #expect(job.message.contains("baseline"))
            var page = HTTPFields(); page[.cookie] = session!.cookie
            let html = String(buffer: try await client.execute(uri: "/w/KEN/jobs/\(job.id)", method: .get, headers: page).body)
            #expect(html.contains("data-bounds=\"") && html.contains("trends-earth-summary.json"))
            let png = try await client.execute(uri: "/w/KEN/jobs/\(job.id)/overlay.png", method: .get, headers: page)
            #expect(png.status == .ok && Array(Data(buffer: png.body).prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            // A ZIP without inputs.json says what is missing.
            let bare = folder.appendingPathComponent("bare.zip")
            let bareArchive = try Archive(url: bare, accessMode: .create)
            try bareArchive.addEntry(with: "soc.tif", fileURL: URL(fileURLWithPath: written.inputs.soc!))
            let (h2, b2) = Self.multipart(session, files: [("rasters", "bare.zip", try Data(contentsOf: bare))])
            let refused = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: h2, body: b2)
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("inputs.json"))
        }
    }
}
