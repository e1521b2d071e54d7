import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// coverage.gpkg: the flattened coverage per realm and the KBAs, in EPSG:4326, read back with our GDAL reader.
@Suite struct CoverageGeoPackageTests {
    /// A 3×3 grid of KBAs over the country's land.
    func kbaGrid(over land: [Data]) throws -> [KBARecord] {
        let ctx = GEOSContext()
        let b = try #require(try ctx.unaryUnion(land.map { try ctx.geometry(wkb: $0) }).bounds())
        let dx = (b.maxX - b.minX) / 3, dy = (b.maxY - b.minY) / 3
        return (0..<9).map { i in
            let x = b.minX + Double(i % 3) * dx, y = b.minY + Double(i / 3) * dy
            return KBARecord(id: "K\(i)", name: "KBA \(i)", iso3: ["AAA"], geometry: box(x, y, x + dx * 0.8, y + dy * 0.8))
        }
    }

    func areas(_ layer: VectorLayer) throws -> [Double] {
        let field = try #require(layer.fieldIndex["AREA_KM2"])
        var values: [Double] = []
        try layer.forEachFeature { values.append(Double($0.string(field) ?? "") ?? .nan) }
        return values
    }

    @Test func layersCountsAndTotalMatchTheRun() throws {
        let data = tempPath("gpkg-source-\(UUID().uuidString).gpkg")
        _ = try ProtectedAreaGenerator(seed: 7).write(to: data, sites: 150)
        let sites = try WDPAReader.read(path: data).records
        let land = try TerritoryReader.read(path: data, layer: "land", country: "AAA")
        let eez = try TerritoryReader.read(path: data, layer: "eez", country: "AAA")
        let (result, layers) = try CoverageEngine().runWithLayers(sites: sites, land: land, eez: eez, country: "AAA", kbas: try kbaGrid(over: land))
        let path = tempPath("coverage-\(UUID().uuidString).gpkg")
        try CoverageGeoPackage.write(layers, to: path)

        let gpkg = try VectorDataset(path: path)
        #expect(gpkg.layerNames == ["coverage", "kba_coverage", "sites"])
        let coverage = try gpkg.layer(named: "coverage")
        #expect(coverage.featureCount == 2)
        #expect(coverage.fieldNames == ["iso3", "realm", "area_km2"])
        #expect(try #require(coverage.spatialReference).isSame(as: try SpatialReference(SpatialReference.wgs84)))
        var realms: [String] = []
        try coverage.forEachFeature { f in realms.append(f.string(coverage.fieldIndex["REALM"]!) ?? "") }
        #expect(realms == ["land", "marine"])
        #expect(close(try areas(coverage).reduce(0, +), result.coverage.totalKm2, rel: 1e-9))
        #expect(close(try areas(coverage)[0], result.coverage.landKm2!, rel: 1e-9))

        let kba = try gpkg.layer(named: "kba_coverage")
        #expect(kba.featureCount == result.kba!.kbas.count && kba.featureCount == 9)
        #expect(close(try areas(kba).reduce(0, +), result.kba!.kbas.reduce(0) { $0 + $1.areaKm2 }, rel: 1e-12))
        // Back in lon/lat: the geometry lies where the generated countries are (10–18°E, 42–47°N).
        try coverage.forEachFeature { f in
            let g = try GEOSContext().geometry(wkb: #require(try f.geometryWKB(transform: nil)))
            let b = try #require(g.bounds())
            #expect(b.minX > 5 && b.maxX < 25 && b.minY > 35 && b.maxY < 55)
        }
    }

    @Test func withoutKBAsThereIsNoKBALayer() throws {
        let (_, layers) = try CoverageEngine().runWithLayers(sites: [site(1, box(10, 40, 11, 41))], land: nil, eez: nil, country: "AAA")
        let path = tempPath("coverage-\(UUID().uuidString).gpkg")
        try CoverageGeoPackage.write(layers, to: path)
        let gpkg = try VectorDataset(path: path)
        #expect(gpkg.layerNames == ["coverage", "sites"])
        #expect(close(try areas(try gpkg.layer(named: "coverage"))[0], try measuredKm2(box(10, 40, 11, 41)), rel: 1e-9))
    }

    /// The parts of a site split at the antimeridian end exactly on ±180° once transformed back.
    @Test func coverageAcross180IsWrittenOnBothSides() throws {
        let fiji = site(1, ring([179.5, -17.5, -179.5, -17.5, -179.5, -16.5, 179.5, -16.5]))
        let (result, layers) = try CoverageEngine().runWithLayers(sites: [fiji], land: nil, eez: nil, country: "AAA")
        let path = tempPath("coverage-\(UUID().uuidString).gpkg")
        try CoverageGeoPackage.write(layers, to: path)
        let coverage = try VectorDataset(path: path).layer(named: "coverage")
        #expect(close(try areas(coverage)[0], result.coverage.totalKm2, rel: 1e-9))
        try coverage.forEachFeature { f in
            let g = try GEOSContext().geometry(wkb: #require(try f.geometryWKB(transform: nil)))
            #expect(g.numGeometries == 2)
            let b = try #require(g.bounds())
            #expect(abs(b.minX + 180) < 1e-9 && abs(b.maxX - 180) < 1e-9, "\(b)")
        }
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoPartialOne() throws {
        let folder = tempPath("gpkg-fail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/coverage.gpkg"
        let (_, good) = try CoverageEngine().runWithLayers(sites: [site(1, box(10, 40, 11, 41))], land: nil, eez: nil, country: "AAA")
        try CoverageGeoPackage.write(good, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var broken = good
        broken.coverage[0].wkb = Data([1, 2, 3])
        #expect(throws: GeoError.self) { try CoverageGeoPackage.write(broken, to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["coverage.gpkg"])
    }
}
