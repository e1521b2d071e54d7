import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// Method step 4: polygons written across ±180° are split, not read as a band around the globe.
@Suite struct AntimeridianTests {
    /// A 1°×1° square from 179.5°E to 179.5°W, as a Fiji or Chukotka site is often written.
    func acrossAntimeridian(_ y0: Double, _ y1: Double) -> Data { ring([179.5, y0, -179.5, y0, -179.5, y1, 179.5, y1]) }

    @Test(arguments: [-17.5, 64.5])
    func squareAcross180HasTheAreaOfAOneDegreeCell(lat: Double) throws {
        let across = try CoverageEngine().run(sites: [site(1, acrossAntimeridian(lat, lat + 1))], land: nil, eez: nil, country: "AAA")
        let sameLatitude = try measuredKm2(box(10.5, lat, 11.5, lat + 1))
        #expect(close(across.coverage.totalKm2, sameLatitude, rel: 1e-6), "got \(across.coverage.totalKm2), expected \(sameLatitude)")
        #expect(across.input.antimeridianSplits == 1)
        #expect(across.input.geometriesRepaired == 0)
    }

    /// Geodesic edges: the two parts' top and bottom edges are shorter geodesics than the
    /// whole 1° edge, which changes the area (here by 1.4e-5, as any edge split does,
    /// docs/coverage.md); the same square cut at 11°E has exactly the same edges.
    @Test func geodesicAreaAcross180() throws {
        var o = CoverageOptions(); o.areaMethod = .geodesic
        let across = try CoverageEngine(options: o).run(sites: [site(1, acrossAntimeridian(-17.5, -16.5))], land: nil, eez: nil, country: "AAA")
        let split = GeneratorGeography.wkbMultiPolygon([[[179.5, -17.5, 180, -17.5, 180, -16.5, 179.5, -16.5]],
                                                        [[-180, -17.5, -179.5, -17.5, -179.5, -16.5, -180, -16.5]]])
        let cutAt11 = GeneratorGeography.wkbMultiPolygon([[[10.5, -17.5, 11, -17.5, 11, -16.5, 10.5, -16.5]],
                                                          [[11, -17.5, 11.5, -17.5, 11.5, -16.5, 11, -16.5]]])
        #expect(close(across.coverage.totalKm2, try measuredKm2(split, o), rel: 1e-9))
        #expect(close(across.coverage.totalKm2, try measuredKm2(cutAt11, o), rel: 1e-9))
    }

    @Test func partsLieOnEitherSideAndHolesFollowTheirShell() throws {
        let ctx = GEOSContext()
        let withHole = try ctx.polygon(shell: [179, 10, -179, 10, -179, 12, 179, 12], holes: [[179.8, 10.8, -179.8, 10.8, -179.8, 11.2, 179.8, 11.2]])
        let split = try Antimeridian.split(withHole)
        let parts = try split.parts()
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { ($0.bounds()!.minX >= 179 && $0.bounds()!.maxX <= 180) || ($0.bounds()!.minX >= -180 && $0.bounds()!.maxX <= -179) })
        let expected = try ctx.geometry(wkt: "MULTIPOLYGON(((179 10, 180 10, 180 12, 179 12, 179 10), (179.8 10.8, 180 10.8, 180 11.2, 179.8 11.2, 179.8 10.8)), ((-180 10, -179 10, -179 12, -180 12, -180 10), (-180 10.8, -179.8 10.8, -179.8 11.2, -180 11.2, -180 10.8)))")
        #expect(close(try split.area(), try expected.area(), rel: 1e-12))
        #expect(split.isValid)
    }

    @Test func polygonsThatDoNotCrossAreUntouched() throws {
        let ctx = GEOSContext()
        let alreadySplit = try ctx.geometry(wkb: GeneratorGeography.wkbMultiPolygon([[[179.5, 0, 180, 0, 180, 1, 179.5, 1]], [[-180, 0, -179.5, 0, -179.5, 1, -180, 1]]]))
        #expect(try Antimeridian.split(alreadySplit) === alreadySplit)
        let r = try CoverageEngine().run(sites: [site(1, ring([179.5, 0, 180, 0, 180, 1, 179.5, 1]))], land: nil, eez: nil, country: "AAA")
        #expect(r.input.antimeridianSplits == 0)
    }

    /// Land and EEZ pass through the same repair: a territory across 180° is split too.
    /// Geodesic frame, so the overlay is exact in lon/lat (in Mollweide the cut edges on
    /// ±180° are chords of a curved meridian, and a site cut at other points than its
    /// territory loses a sliver there: docs/coverage.md, limits).
    @Test func territoryAcross180IsSplit() throws {
        var o = CoverageOptions(); o.areaMethod = .geodesic
        let land = [ring([178, -18, -178, -18, -178, -16, 178, -16])]
        let r = try CoverageEngine(options: o).run(sites: [site(1, acrossAntimeridian(-17.5, -16.5))], land: land, eez: nil, country: "AAA")
        let landParts = GeneratorGeography.wkbMultiPolygon([[[178, -18, 180, -18, 180, -16, 178, -16]], [[-180, -18, -178, -18, -178, -16, -180, -16]]])
        let siteParts = GeneratorGeography.wkbMultiPolygon([[[179.5, -17.5, 180, -17.5, 180, -16.5, 179.5, -16.5]],
                                                            [[-180, -17.5, -179.5, -17.5, -179.5, -16.5, -180, -16.5]]])
        #expect(close(r.territory!.landKm2!, try measuredKm2(landParts, o), rel: 1e-9))
        #expect(close(r.coverage.landKm2!, try measuredKm2(siteParts, o), rel: 1e-9))
        #expect(close(r.coverage.landPercent!, 100 * (try measuredKm2(siteParts, o) / measuredKm2(landParts, o)), rel: 1e-9))
    }
}
