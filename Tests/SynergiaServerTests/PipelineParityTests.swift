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

/// A run started from the web and the same run started from the CLI go
/// through the same pipeline: same options stored, same series, same files.
@Suite struct PipelineParityTests {
    struct CLIRun {
        var status: Int32
        var stderr: String
    }

    /// The built `synergia` binary, as Tests/SynergiaCLITests run it.
    static func cli(_ arguments: [String], database: String) throws -> CLIRun {
        let process = Process()
        process.executableURL = ProcessInfo.processInfo.environment["SYNERGIA_CLI"].map { URL(fileURLWithPath: $0) }
            ?? TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent(".build/debug/synergia")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["SYNERGIA_DATABASE_URL": database, "SYNERGIA_DATA_DIR": TestDatabase.dataDirectory.path]) { $1 }
        let err = Pipe()
        process.standardOutput = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stderr: stderr)
    }

    /// Every value a run stored: indicator, disaggregation, unit, year, value and source.
    static func values(_ store: SQLStore, workspaceID: Int64, run: Int64) async throws -> [String] {
        try await store.series(workspaceID: workspaceID).flatMap { series in
            series.observations.filter { $0.provenance == .computed(runID: run) }
                .map { "\(series.indicator)|\(series.disaggregation)|\(series.unit)|\($0.year)|\($0.value)|\($0.source)" }
        }.sorted()
    }

    /// Runs the CLI on a seeded database of `kind` and returns what its last run stored in KEN.
    static func cliRun(_ kind: DatabaseKind, _ arguments: [String]) async throws -> (run: ComputationRun, values: [String]) {
        try await TestDatabase.withDatabaseURL(kind) { url in
            let seeded = try cli(["seed", "--demo"], database: url)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let ran = try cli(arguments + ["--workspace", "KEN"], database: url)
            #expect(ran.status == 0, "\(ran.stderr)")
            return try await withMigratedStore(url: url, logger: TestDatabase.logger) { store in
                let ken = try #require(try await store.workspace(country: "KEN"))
                let run = try #require(try await store.runs(workspaceID: ken.id).last)
                return (run, try await values(store, workspaceID: ken.id, run: run.id))
            }
        }
    }

    static func webRun(_ client: any TestClientProtocol, _ app: TestApp, engine: String, fields: [(String, String)],
                       files: [(field: String, name: String, data: Data)]) async throws -> (job: ComputationJob, run: ComputationRun, values: [String]) {
        let session = try await app.session(.contributor)
        let (headers, body) = ComputationPagesTests.multipart(session, fields: fields, files: files)
        let response = try await client.execute(uri: "/w/KEN/computations/\(engine)", method: .post, headers: headers, body: body)
        #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
        let job = try await ComputationPagesTests.waitForJob(app, try ComputationPagesTests.jobID(response))
        #expect(job.state == .succeeded, "\(job.message)")
        let runID = try #require(job.runID)
        let run = try #require(try await app.store.run(id: runID))
        return (job, run, try await values(app.store, workspaceID: run.workspaceID, run: run.id))
    }

    @Test(arguments: TestDatabase.kinds)
    func coverageFromTheWebAndFromTheCLIStoresTheSameSeries(kind: DatabaseKind) async throws {
        let (folder, wdpa) = try ComputationPagesTests.demoWDPA()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        let cli = try await Self.cliRun(kind, ["coverage", "run", "--wdpa", file, "--land", file, "--eez", file, "--country", "KEN", "--year", "2024",
                                               "--area", "geodesic", "--snap-grid", "0.001", "--keep-mab"])
        // Every series the run allows (docs/coverage.md, "Series stored with a run"), the three headline values of 2024 among them.
        #expect(["GBF-3.1|realm=land|percent|2024|", "GBF-3.1|realm=marine|percent|2024|", "SDG-14.5.1||percent|2024|"]
            .allSatisfy { prefix in cli.values.count { $0.hasPrefix(prefix) } == 1 }, "\(cli.values)")
        #expect(cli.run.options["area_method"] == "geodesic" && cli.run.options["snap_grid_m"] == "0.001" && cli.run.options["exclude_mab"] == "false")

        try await TestApp.with(kind) { client, app, _, _ in
            let advanced = [("year", "2024"), ("area_method", "geodesic"), ("snap_grid", "0.001"), ("keep_mab", "on"), ("bad_records", "skip")]
            let web = try await Self.webRun(client, app, engine: "coverage", fields: advanced, files: [("wdpa", "wdpa.gpkg", wdpa)])
            // Same series (values, years, disaggregations, units, sources) and the same options recorded.
            #expect(web.values == cli.values)
            #expect(web.run.options == cli.run.options)
            #expect(web.run.inputs.map(\.sha256) == cli.run.inputs.map(\.sha256))

            // The area method reaches the engine: equal-area stores other areas than geodesic, as the CLI's flag does.
            let equalArea = try await Self.webRun(client, app, engine: "coverage", fields: [("year", "2024")], files: [("wdpa", "wdpa.gpkg", wdpa)])
            #expect(equalArea.run.options["area_method"] == "equalArea" && equalArea.run.options["exclude_mab"] == "true")
            #expect(equalArea.values.count == web.values.count && equalArea.values != web.values)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func landFromTheWebWritesTheCLIsWorkbookAndSeries(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("land-parity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try LandDataGenerator(seed: 5, size: 48).write(to: folder.appendingPathComponent("stack"))
        let inputsFile = folder.appendingPathComponent("stack/inputs.json")
        try JSONEncoder().encode(written.inputs).write(to: inputsFile)
        let zip = folder.appendingPathComponent("stack.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("stack").path).sorted() where !name.hasPrefix("aoi") {
            try archive.addEntry(with: "stack/\(name)", fileURL: folder.appendingPathComponent("stack/\(name)"))
        }
        let cliOut = folder.appendingPathComponent("cli-out")
        let cli = try await Self.cliRun(kind, ["land", "run", "--inputs", inputsFile.path, "--aoi", written.aoi, "--out", cliOut.path, "--align"])
        #expect(cli.run.options["align"] == "true")

        try await TestApp.with(kind) { client, app, _, _ in
            let web = try await Self.webRun(client, app, engine: "land", fields: [("align", "on")], files: [
                ("rasters", "stack.zip", try Data(contentsOf: zip)), ("aoi", "aoi.geojson", try Data(contentsOf: URL(fileURLWithPath: written.aoi))),
            ])
            #expect(web.run.options["align"] == "true")
            #expect(!web.values.isEmpty && web.values == cli.values)

            var page = HTTPFields(); page[.cookie] = try #require(try await app.session(.contributor)).cookie
            let html = String(buffer: try await client.execute(uri: "/w/KEN/jobs/\(web.job.id)", method: .get, headers: page).body)
            #expect(html.contains("tables.xlsx"))
            let download = try await client.execute(uri: "/w/KEN/jobs/\(web.job.id)/files/tables.xlsx", method: .get, headers: page)
            #expect(download.status == .ok)
            // The same sheets, cell for cell, as the workbook the CLI wrote.
            let webBook = folder.appendingPathComponent("web-tables.xlsx")
            try Data(buffer: download.body).write(to: webBook)
            #expect(try Self.sheets(webBook) == Self.sheets(cliOut.appendingPathComponent("tables.xlsx")))
            #expect(try Self.sheets(webBook).count > 1)
        }
    }

    /// The workbook's parts under xl/ (sheets, shared strings, styles), by name.
    static func sheets(_ url: URL) throws -> [String: Data] {
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive where entry.path.hasPrefix("xl/") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        return parts
    }

    @Test(arguments: TestDatabase.kinds)
    func advancedOptionsAreRefusedNamingTheFormField(kind: DatabaseKind) async throws {
        let (folder, wdpa) = try ComputationPagesTests.demoWDPA()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            func post(_ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String) {
                let (headers, body) = ComputationPagesTests.multipart(session, fields: [("year", "2024")] + fields, files: [("wdpa", "wdpa.gpkg", wdpa)])
                let response = try await client.execute(uri: "/w/KEN/computations/coverage", method: .post, headers: headers, body: body)
                return (response.status, String(buffer: response.body))
            }
            let snap = try await post([("snap_grid", "-1")])
            #expect(snap.0 == .unprocessableContent)
            #expect(snap.1.contains("Snap vertices to a grid of this many metres") && snap.1.contains("-1") && !snap.1.contains("--snap-grid"), "\(snap.1.prefix(400))")
            let area = try await post([("area_method", "mercator")])
            #expect(area.0 == .unprocessableContent && area.1.contains("Area method") && area.1.contains("mercator") && area.1.contains("equal-area, geodesic"))
            let kba = try await post([("kba_id_field", "SitRecID")])
            #expect(kba.0 == .unprocessableContent && kba.1.contains("KBA id field") && kba.1.contains("Key Biodiversity Areas"), "\(kba.1.prefix(400))")
            let records = try await post([("bad_records", "sometimes")])
            #expect(records.0 == .unprocessableContent && records.1.contains("skip, refuse"))
            // Nothing started, nothing left behind.
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            #expect(try await app.store.jobs(workspaceID: ken.id).isEmpty)
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: app.settings.jobsFolder.path)) ?? []).isEmpty)
            // The form offers every option, folded under Advanced options.
            var page = HTTPFields(); page[.cookie] = session!.cookie
            let html = String(buffer: try await client.execute(uri: "/w/KEN/computations", method: .get, headers: page).body)
            #expect(html.contains("<details>") && html.contains("Advanced options"))
            for field in ["area_method", "snap_grid", "keep_mab", "bad_records", "wdpa_layer", "land_field", "eez_field", "kba_layer", "kba_id_field", "kba_name_field", "legend", "matrix", "align"] {
                #expect(html.contains("name=\"\(field)\""), "\(field)")
            }
        }
    }
}
