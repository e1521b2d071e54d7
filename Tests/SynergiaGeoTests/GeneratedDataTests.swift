import Foundation
import Testing
import SynergiaCore
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// Import and invariants on the generated WDPA-like data.
@Suite(.serialized) struct GeneratedDataTests {
    static let path: String = {
        let p = tempPath("demo-\(UUID().uuidString).gpkg")
        _ = try! ProtectedAreaGenerator(seed: 42).write(to: p, sites: 120)
        return p
    }()

    func territory(_ iso: String) throws -> (land: [Data], eez: [Data]) {
        (try TerritoryReader.read(path: Self.path, layer: "land", country: iso),
         try TerritoryReader.read(path: Self.path, layer: "eez", country: iso))
    }

    @Test func importReportsBadRecordsWithLocation() throws {
        let imp = try WDPAReader.read(path: Self.path)
        #expect(imp.schema == .legacy)
        #expect(Set(imp.layers.map(\.layer)) == ["wdpa_poly", "wdpa_point"])
        let bad = imp.problems.filter { $0.severity == .error }
        #expect(bad.count == 1)
        #expect(bad.first?.field == "STATUS" && bad.first?.value == "Gazetted" && bad.first?.layer == "wdpa_poly")
        #expect(imp.problems.contains { $0.severity == .warning && $0.field == "IUCN_CAT" && $0.value == "Category 2" })
        // Nothing is dropped silently: accepted + skipped == read.
        #expect(imp.records.count + imp.recordsSkipped == imp.featuresRead)
        #expect(imp.recordsSkipped == 1)
        #expect(throws: WDPAImportError.self) { try WDPAReader.read(path: Self.path, policy: .refuse) }
    }

    @Test func everyStatusAndYearRangePresent() throws {
        let imp = try WDPAReader.read(path: Self.path)
        #expect(Set(imp.records.map(\.status)) == Set(SiteStatus.allCases))
        #expect(imp.records.contains { $0.statusYear == 0 })
        #expect(imp.records.allSatisfy { $0.statusYear == 0 || (1900...2025).contains($0.statusYear) })
        #expect(imp.records.contains { $0.iso3.count == 2 })
        #expect(imp.records.contains { $0.geometryKind == .point })
    }

    @Test func invariants() throws {
        let imp = try WDPAReader.read(path: Self.path)
        let (land, eez) = try territory("AAA")
        let r = try CoverageEngine().run(sites: imp.records, land: land, eez: eez, country: "AAA")
        #expect(r.input.sitesUsed > 50)
        #expect(r.input.geometriesRepaired > 0)
        #expect(r.coverage.landPercent! <= 100 && r.coverage.marinePercent! <= 100)
        #expect(r.coverage.landKm2! + r.coverage.marineKm2! == r.coverage.totalKm2)
        let series = r.timeSeries.map(\.covered.totalKm2)
        #expect(zip(series, series.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(close((series.last ?? 0) + r.unknownYear.totalKm2, r.coverage.totalKm2, rel: 1e-9))
        let exclusiveSum = r.byIUCNCategory.reduce(0) { $0 + $1.exclusive!.totalKm2 }
        #expect(close(exclusiveSum, r.coverage.totalKm2, rel: 1e-9))
        for g in r.byIUCNCategory + r.byGovernanceType + r.bySiteType { #expect(g.covered.totalKm2 <= r.coverage.totalKm2 * (1 + 1e-12)) }
        // Input order does not change the result.
        var rng = SeededRandom(seed: 7)
        let shuffled = try CoverageEngine().run(sites: imp.records.shuffled(using: &rng), land: land, eez: eez, country: "AAA")
        #expect(shuffled == r)
    }

    /// Dense overlap clusters are cut into tiles for speed; the areas must not move.
    @Test func tilingDoesNotChangeTheAreas() throws {
        let imp = try WDPAReader.read(path: Self.path)
        let (land, eez) = try territory("AAA")
        func run(_ piecesPerTile: Int) throws -> CoverageResult {
            var engine = CoverageEngine(); engine.piecesPerTile = piecesPerTile
            return try engine.run(sites: imp.records, land: land, eez: eez, country: "AAA")
        }
        let whole = try run(Int.max), tiled = try run(3)
        #expect(close(whole.coverage.totalKm2, tiled.coverage.totalKm2, rel: 1e-9))
        #expect(close(whole.coverage.landKm2!, tiled.coverage.landKm2!, rel: 1e-9))
        #expect(whole.timeSeries.map(\.year) == tiled.timeSeries.map(\.year))
        for (a, b) in zip(whole.timeSeries, tiled.timeSeries) { #expect(close(a.covered.totalKm2, b.covered.totalKm2, rel: 1e-9)) }
        for (a, b) in zip(whole.byIUCNCategory + whole.byGovernanceType + whole.bySiteType, tiled.byIUCNCategory + tiled.byGovernanceType + tiled.bySiteType) {
            #expect(a.key == b.key)
            #expect(close(a.covered.totalKm2, b.covered.totalKm2, rel: 1e-9))
            #expect(close(a.exclusive?.totalKm2 ?? 0, b.exclusive?.totalKm2 ?? 0, rel: 1e-9))
        }
    }

    @Test func threadsGiveTheSameFiguresBitForBit() throws {
        let imp = try WDPAReader.read(path: Self.path)
        let (land, eez) = try territory("AAA")
        func run(_ threads: Int) throws -> CoverageResult {
            var engine = CoverageEngine(); engine.threads = threads; engine.piecesPerTile = 8
            return try engine.run(sites: imp.records, land: land, eez: eez, country: "AAA")
        }
        let one = try run(1), three = try run(3)
        #expect(one.coverage.totalKm2 > 0)
        #expect(one == three)
    }

    @Test func generatorIsDeterministic() throws {
        let p = tempPath("demo-again-\(UUID().uuidString).gpkg")
        _ = try ProtectedAreaGenerator(seed: 42).write(to: p, sites: 120)
        let a = try WDPAReader.read(path: Self.path).records, b = try WDPAReader.read(path: p).records
        #expect(a == b)
    }

    @Test func newSchemaAndOtherFormatsReadTheSameSites() throws {
        let reference = try WDPAReader.read(path: Self.path).records.map(\.siteID).sorted()
        let nov = tempPath("nov-\(UUID().uuidString).gpkg")
        _ = try ProtectedAreaGenerator(seed: 42).write(to: nov, sites: 120, schema: .nov2025)
        let n = try WDPAReader.read(path: nov)
        #expect(n.schema == .nov2025)
        #expect(n.records.map(\.siteID).sorted() == reference)

        let json = tempPath("demo-\(UUID().uuidString).geojson")
        _ = try ProtectedAreaGenerator(seed: 42).write(to: json, sites: 120, driver: "GeoJSON")
        // GeoJSON holds one layer: the polygons of the generated set.
        let j = try WDPAReader.read(path: json)
        #expect(j.records.count == n.layers.first { $0.layer == "wdpa_poly" }!.recordsAccepted)

        let gdb = tempPath("demo-\(UUID().uuidString).gdb")
        _ = try ProtectedAreaGenerator(seed: 42).write(to: gdb, sites: 120, driver: "OpenFileGDB")
        #expect(try WDPAReader.read(path: gdb).records.map(\.siteID).sorted() == reference)

        let shpDir = tempPath("shp-\(UUID().uuidString)")
        _ = try ProtectedAreaGenerator(seed: 42).write(to: shpDir, sites: 120, driver: "ESRI Shapefile")
        let shp = try WDPAReader.read(path: shpDir)
        #expect(shp.records.map(\.siteID).sorted() == reference)
        #expect(shp.records.contains { $0.parentISO3.count == 2 })   // PARENT_ISO3 truncated to PARENT_ISO

        let zip = shpDir + ".zip"
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        proc.currentDirectoryURL = URL(fileURLWithPath: shpDir)
        proc.arguments = ["-q", "-r", zip, "."]
        try proc.run(); proc.waitUntilExit()
        #expect(try WDPAReader.read(path: zip).records.map(\.siteID).sorted() == reference)
    }
}
