import Foundation
import Testing
import SynergiaComputations
import SynergiaCore
import SynergiaGeoBindings
import SynergiaCoverage
import SynergiaDemoData
import SynergiaReference
import SynergiaStore
import SynergiaTestSupport

@Suite struct CoverageComputationTests {
    @Test(arguments: TestDatabase.kinds)
    func aRunOnGeneratedDataIsStoredAsComputedSeriesAndRepeatsExactly(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 11).write(to: file, sites: 80, countries: ["KEN", "TZA"])
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["CBD"])
            let files = CoverageFiles(wdpa: file, land: file, landLayer: "land", eez: file, eezLayer: "eez")
            let pipeline = CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025))
            let first = try await pipeline.run(files, recordInto: RunRecording(store: store, workspace: kenya))
            let run = try #require(first.run)
            #expect(run.engine == "coverage")
            #expect(run.inputs.map(\.role) == ["wdpa", "land", "eez"])
            #expect(run.inputs.allSatisfy { $0.sha256.count == 64 && $0.bytes > 0 })
            #expect(run.options["area_method"] == "equalArea")

            let land = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
            let stored = try #require(land.observations.first { $0.year == 2025 })
            #expect(stored.year == 2025)
            #expect(stored.provenance == .computed(runID: run.id))
            #expect(abs(stored.value - first.result.coverage.landPercent!) < 1e-4)
            let marine = try #require(try await store.series(workspaceID: kenya.id, indicator: "SDG-14.5.1", disaggregation: ""))
            #expect(abs(try #require(marine.observations.first { $0.year == 2025 }).value - first.result.coverage.marinePercent!) < 1e-4)

            // Invariants: coverage within 0–100 %, land + marine = total.
            let c = first.result.coverage
            #expect((0...100).contains(c.landPercent!) && (0...100).contains(c.marinePercent!))
            #expect(abs(c.landKm2! + c.marineKm2! - c.totalKm2) < 1e-6 * max(1, c.totalKm2))

            let second = try await pipeline.run(files, recordInto: RunRecording(store: store, workspace: kenya))
            #expect(second.result.coverage == first.result.coverage)
            #expect(second.run?.inputs == run.inputs)
        }
    }

    /// Two KBAs over the country's land, written as a GeoPackage with BirdLife's field names.
    func writeKBAs(over landFile: String, country: String, to path: String) throws {
        let ctx = GEOSContext()
        let land = try TerritoryReader.read(path: landFile, layer: "land", country: country)
        let b = try #require(try ctx.unaryUnion(land.map { try ctx.geometry(wkb: $0) }).bounds())
        let w = (b.maxX - b.minX) / 4, h = (b.maxY - b.minY) / 4
        let rows = try (0..<2).map { i -> (values: [FieldValue], wkb: Data?) in
            let x = b.minX + w * Double(1 + 2 * i), y = b.minY + h
            return ([.int(Int64(100 + i)), .string("KBA \(i)"), .string(country)], try ctx.polygon(shell: [x, y, x + w, y, x + w, y + h, x, y + h]).wkb())
        }
        let writer = try VectorWriter(path: path)
        try writer.writeLayer(name: "kba", srs: SpatialReference(SpatialReference.wgs84), geometry: .unknown,
                              fields: [("SitRecID", .integer64), ("NatName", .string), ("ISO3", .string)], rows: rows)
        writer.close()
    }

    @Test(arguments: TestDatabase.kinds)
    func kbaCoverageIsStoredAsSDG1512AndWrittenAsTables(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path, kbaFile = folder.appendingPathComponent("kba.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 11).write(to: file, sites: 80, countries: ["KEN", "TZA"])
        try writeKBAs(over: file, country: "KEN", to: kbaFile)
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["CBD"])
            var files = CoverageFiles(wdpa: file, land: file, landLayer: "land", eez: file, eezLayer: "eez", kba: .init(path: kbaFile))
            let pipeline = CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025))
            let out = folder.appendingPathComponent("tables").path
            let outcome = try await pipeline.run(files, tables: out, recordInto: RunRecording(store: store, workspace: kenya))
            let run = try #require(outcome.run)
            #expect(run.inputs.map(\.role) == ["wdpa", "land", "eez", "kba"])
            #expect(run.options["kba_id_field"] == "SitRecID")
            let kba = try #require(outcome.result.kba)
            #expect(kba.kbas.map(\.id) == ["100", "101"])
            let series = try #require(try await store.series(workspaceID: kenya.id, indicator: "SDG-15.1.2", disaggregation: ""))
            #expect(series.observations[0].provenance == .computed(runID: run.id))
            #expect(abs(series.observations[0].value - kba.meanPercent!) < 1e-4)

            let written = try FileManager.default.contentsOfDirectory(atPath: out)
            #expect(written.contains("kba_coverage.csv") && written.contains("coverage.gpkg"))
            let csv = try String(contentsOfFile: out + "/kba_coverage.csv", encoding: .utf8)
            #expect(csv.hasPrefix("kba_id,name,area_km2,covered_km2,covered_percent,fully_covered"))
            #expect(csv.split(separator: "\n").count == 3)

            // A bad KBA file refuses the whole run: no new run, no series changed.
            let runsBefore = try await store.runs(workspaceID: kenya.id).count
            files.kba = .init(path: folder.appendingPathComponent("missing.gpkg").path)
            let error = await #expect(throws: GeoError.self) { try await pipeline.run(files, recordInto: RunRecording(store: store, workspace: kenya)) }
            #expect("\(error!)".contains("missing.gpkg"))
            #expect(try await store.runs(workspaceID: kenya.id).count == runsBefore)
        }
    }

    @Test func aMissingCountryInTheLandLayerIsNamed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 3).write(to: file, sites: 10, countries: ["KEN"])
        let files = CoverageFiles(wdpa: file, land: file, landLayer: "land", eez: file, eezLayer: "eez")
        let error = await #expect(throws: TerritoryReadError.self) { try await CoveragePipeline(options: CoverageRunOptions(country: "FRA", year: 2025)).run(files) }
        #expect(error?.description.contains("has no feature for FRA") == true)
    }

    /// A WDPA file without a site of the country would give 0 % with no complaint.
    @Test func aWDPAFileWithoutASiteOfTheCountryIsRefusedNamingTheCodesItHas() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let boundaries = folder.appendingPathComponent("boundaries.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 5).write(to: boundaries, sites: 4, countries: ["KEN", "TZA"])
        let kenyaOnly = folder.appendingPathComponent("wdpa_KEN.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 6).write(to: kenyaOnly, sites: 7, countries: ["KEN"])
        let files = CoverageFiles(wdpa: kenyaOnly, land: boundaries, landLayer: "land", eez: boundaries, eezLayer: "eez")
        let kenyaSites = try WDPAReader.read(path: kenyaOnly).records.filter { $0.iso3.contains("KEN") }.count
        let error = await #expect(throws: DomainError.self) { try await CoveragePipeline(options: CoverageRunOptions(country: "TZA", year: 2025)).run(files) }
        #expect(error?.message == "the WDPA file wdpa_KEN.gpkg has no site for TZA in ISO3 (sites by code: KEN \(kenyaSites)); check the country code, or use the file that covers TZA")
        // The same file for its own country runs.
        let kenya = try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025)).run(files)
        #expect(kenya.result.coverage.totalKm2 > 0)
    }

    @Test func aBoundaryLayerWithoutTheTerritoryFieldNamesTheFieldsItHas() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 3).write(to: file, sites: 10, countries: ["KEN"])
        let fields = try VectorDataset(path: file).layer(named: "land").fieldNames.joined(separator: ", ")
        let error = await #expect(throws: GeoError.self) { try TerritoryReader.read(path: file, layer: "land", iso3Field: "GID_0", country: "KEN") }
        #expect("\(error!)".contains("the layer 'land' of wdpa.gpkg has no field GID_0; its fields are \(fields)"))
        #expect(try TerritoryReader.countryCodes(path: file, layer: "land", iso3Field: "ISO3") == ["KEN": 1])
        #expect(TerritoryReader.describe(["KEN": 3, "TZA": 3, "UGA": 9]) == "UGA 9, KEN 3, TZA 3")
        #expect(TerritoryReader.describe(["A": 1, "B": 1, "C": 1], limit: 2) == "A 1, B 1 and 1 more")
    }
}
