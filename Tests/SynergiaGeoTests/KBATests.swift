import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// KBA coverage (SDG 15.1.2 / 15.4.1): each KBA's % covered, their mean, and the count ≥ 98 %.
/// A longitude shift keeps Mollweide areas proportional, so the expected shares are exact.
@Suite struct KBATests {
    let engine = CoverageEngine()

    func kba(_ id: String, _ wkb: Data, iso3: [String] = []) -> KBARecord { KBARecord(id: id, name: "KBA \(id)", iso3: iso3, geometry: wkb) }

    @Test func oneKBAFullyInsideOneFortyPercentCovered() throws {
        // The 40 % comes from two overlapping sites: the overlap counts once.
        let sites = [site(1, box(9.5, 39.5, 11.5, 41.5)), site(2, box(13, 40, 13.3, 41)), site(3, box(13.1, 40, 13.4, 41))]
        let r = try engine.run(sites: sites, land: nil, eez: nil, country: "AAA",
                               kbas: [kba("B", box(13, 40, 14, 41)), kba("A", box(10, 40, 11, 41))])
        let k = try #require(r.kba)
        #expect(k.kbas.map(\.id) == ["A", "B"])
        #expect(close(k.kbas[0].coveredPercent, 100, rel: 1e-9) && close(k.kbas[1].coveredPercent, 40, rel: 1e-9))
        #expect(close(k.kbas[0].areaKm2, try measuredKm2(box(10, 40, 11, 41)), rel: 1e-12))
        #expect(close(k.kbas[1].coveredKm2, 0.4 * k.kbas[1].areaKm2, rel: 1e-9))
        #expect(close(k.meanPercent!, 70, rel: 1e-9))
        #expect(k.fullyCoveredCount == 1)
        #expect(k.kbas.map(\.fullyCovered) == [true, false])
    }

    @Test(arguments: [(10.985, 98.5, true), (10.979, 97.9, false)])
    func ninetyEightPercentCountsAsFullyCovered(siteEast: Double, percent: Double, full: Bool) throws {
        let r = try engine.run(sites: [site(1, box(10, 40, siteEast, 41))], land: nil, eez: nil, country: "AAA", kbas: [kba("A", box(10, 40, 11, 41))])
        let k = try #require(r.kba)
        #expect(close(k.kbas[0].coveredPercent, percent, rel: 1e-9), "got \(k.kbas[0].coveredPercent)")
        #expect(k.kbas[0].fullyCovered == full)
        #expect(k.fullyCoveredCount == (full ? 1 : 0))
    }

    @Test func onlyTheCountrysKBAsAndOnlyTheirPartInTheTerritory() throws {
        var o = CoverageOptions(); o.areaMethod = .geodesic
        let land = [box(10, 40, 12, 42)]
        let kbas = [kba("half-outside", box(11.5, 41, 12.5, 42)), kba("other country", box(10, 40, 11, 41), iso3: ["BBB"]),
                    kba("far away", box(30, 40, 31, 41)), kba("tagged", box(10, 40, 11, 41), iso3: ["AAA"])]
        let r = try CoverageEngine(options: o).run(sites: [site(1, box(10, 40, 12, 42))], land: land, eez: nil, country: "AAA", kbas: kbas)
        let k = try #require(r.kba)
        #expect(k.kbas.map(\.id) == ["half-outside", "tagged"])
        #expect(close(k.kbas[0].areaKm2, try measuredKm2(box(11.5, 41, 12, 42), o), rel: 1e-9))
        #expect(close(k.kbas[0].coveredPercent, 100, rel: 1e-9))
        #expect(k.withoutAreaInCountry == 1)
    }

    /// Geodesic frame: the two triangles are mirror images about 11°E, and the site's edge runs through the apex.
    @Test func invalidKBAsAreRepairedAndCounted() throws {
        var o = CoverageOptions(); o.areaMethod = .geodesic
        let bow = kba("bow", ring([10, 40, 12, 42, 12, 40, 10, 42]))
        let r = try CoverageEngine(options: o).run(sites: [site(1, box(10, 40, 11, 42))], land: nil, eez: nil, country: "AAA", kbas: [bow])
        let k = try #require(r.kba)
        #expect(k.geometriesRepaired == 1)
        let triangles = GeneratorGeography.wkbMultiPolygon([[[10, 40, 11, 41, 10, 42]], [[12, 40, 12, 42, 11, 41]]])
        #expect(close(k.kbas[0].areaKm2, try measuredKm2(triangles, o), rel: 1e-9))
        #expect(close(k.kbas[0].coveredPercent, 50, rel: 1e-9))
    }

    @Test func noKBALayerMeansNoKBAResult() throws {
        #expect(try engine.run(sites: [site(1, box(10, 40, 11, 41))], land: nil, eez: nil, country: "AAA").kba == nil)
        let none = try engine.run(sites: [site(1, box(10, 40, 11, 41))], land: nil, eez: nil, country: "AAA", kbas: [kba("x", box(10, 40, 11, 41), iso3: ["BBB"])])
        #expect(none.kba?.kbas.isEmpty == true && none.kba?.meanPercent == nil)
    }
}

/// Reading KBA files: field detection and clear refusals.
@Suite struct KBAReaderTests {
    func write(_ name: String, fields: [(String, FieldType)], rows: [(values: [FieldValue], wkb: Data?)], geometry: LayerGeometry = .multiPolygon) throws -> String {
        let path = tempPath("\(name)-\(UUID().uuidString).gpkg")
        let writer = try VectorWriter(path: path)
        try writer.writeLayer(name: "kba", srs: SpatialReference(SpatialReference.wgs84), geometry: geometry, fields: fields, rows: rows)
        writer.close()
        return path
    }

    @Test func detectsBirdLifeFields() throws {
        let path = try write("kba", fields: [("SitRecID", .integer64), ("NatName", .string), ("ISO3", .string)],
                             rows: [([.int(17), .string("Lake A"), .string("AAA")], box(10, 40, 11, 41)),
                                    ([.int(18), .string("Point B"), .string("AAA")], GeneratorGeography.wkbPoints([12, 40]))])
        let read = try KBAReader.read(path: path)
        #expect(read.idField == "SitRecID" && read.nameField == "NatName" && read.countryField == "ISO3")
        #expect(read.records.map(\.id) == ["17"] && read.records[0].name == "Lake A" && read.records[0].iso3 == ["AAA"])
        #expect(read.featuresWithoutPolygon == 1)
    }

    @Test func fieldsCanBeNamed() throws {
        let path = try write("named", fields: [("code", .string), ("label", .string)], rows: [([.string("K1"), .string("Ridge")], box(10, 40, 11, 41))])
        let read = try KBAReader.read(path: path, idField: "CODE", nameField: "label")
        #expect(read.records.map(\.id) == ["K1"] && read.records[0].name == "Ridge" && read.countryField == nil)
    }

    @Test func unknownFieldsAreNamedInTheError() throws {
        let path = try write("nofields", fields: [("code", .string), ("label", .string)], rows: [([.string("K1"), .string("Ridge")], box(10, 40, 11, 41))])
        let error = #expect(throws: KBAReadError.self) { try KBAReader.read(path: path) }
        #expect("\(error!)".contains("KBA file \(URL(fileURLWithPath: path).lastPathComponent),") && !"\(error!)".contains(path) && "\(error!)".contains("fields found: code, label"))
        // The fix is named as a choice; the CLI phrases it as --kba-id-field (CoverageCLITests), the web as its form field.
        #expect(error?.choice == .idField && "\(error!)".hasSuffix("Name the KBA id field.") && !"\(error!)".contains("--"))
        let named = #expect(throws: KBAReadError.self) { try KBAReader.read(path: path, idField: "SitRecID") }
        #expect("\(named!)".contains("no field SitRecID") && named?.choice == .idField)
    }

    @Test func missingFileAndFileWithoutPolygonsAreRefused() throws {
        let missing = #expect(throws: GeoError.self) { try KBAReader.read(path: "/nonexistent/kba.gpkg") }
        #expect("\(missing!)".contains("KBA file kba.gpkg cannot be read") && !"\(missing!)".contains("/nonexistent"))
        let points = try write("points", fields: [("kba_id", .string), ("name", .string)],
                               rows: [([.string("K1"), .string("Spring")], GeneratorGeography.wkbPoints([10, 40]))], geometry: .point)
        let error = #expect(throws: GeoError.self) { try KBAReader.read(path: points) }
        #expect("\(error!)".contains("no polygon among 1 features"))
        let notVector = tempPath("not-a-kba-\(UUID().uuidString).txt")
        try "hello".write(toFile: notVector, atomically: true, encoding: .utf8)
        #expect(throws: GeoError.self) { try KBAReader.read(path: notVector) }
    }
}
