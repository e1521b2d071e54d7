import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// The exact-answer cases of the issue.
@Suite struct CoverageTests {
    let engine = CoverageEngine()

    @Test func twoSquaresOverlappingByAQuarter() throws {
        // B is A shifted east by 0.75°: a longitude shift keeps Mollweide areas
        // proportional, so the overlap is exactly 25 % and the union 1.75 × A.
        let a = site(1, box(10, 40, 11, 41)), b = site(2, box(10.75, 40, 11.75, 41))
        let one = try engine.run(sites: [a], land: nil, eez: nil, country: "AAA").coverage.totalKm2
        let both = try engine.run(sites: [a, b], land: nil, eez: nil, country: "AAA").coverage.totalKm2
        #expect(close(both, 1.75 * one, rel: 1e-9))
        #expect(close(one, try measuredKm2(box(10, 40, 11, 41))))
    }

    @Test(arguments: [(CoverageOptions.AreaMethod.geodesic, 0.0), (.geodesic, 60.0), (.equalArea, 45.0)])
    func pointBecomesCircleOfReportedArea(method: CoverageOptions.AreaMethod, lat: Double) throws {
        var o = CoverageOptions(); o.areaMethod = method
        let p = site(1, GeneratorGeography.wkbPoints([12, lat]), kind: .point, repArea: 100)
        let r = try CoverageEngine(options: o).run(sites: [p], land: nil, eez: nil, country: "AAA")
        #expect(abs(r.coverage.totalKm2 - 100) / 100 < 0.001, "got \(r.coverage.totalKm2)")
        #expect(r.input.pointsBuffered == 1)
    }

    @Test func pointAcrossAntimeridianIsSplitNotLost() throws {
        var o = CoverageOptions(); o.areaMethod = .geodesic
        let p = site(1, GeneratorGeography.wkbPoints([179.99, -17]), kind: .point, repArea: 100)
        let r = try CoverageEngine(options: o).run(sites: [p], land: nil, eez: nil, country: "AAA")
        #expect(abs(r.coverage.totalKm2 - 100) / 100 < 0.001, "got \(r.coverage.totalKm2)")
    }

    @Test func pointWithoutReportedAreaIsDropped() throws {
        let p = site(1, GeneratorGeography.wkbPoints([12, 45]), kind: .point, repArea: 0)
        let r = try engine.run(sites: [p], land: nil, eez: nil, country: "AAA")
        #expect(r.coverage.totalKm2 == 0)
        #expect(r.input.excluded[ExclusionReason.pointWithoutArea.rawValue] == 1)
    }

    /// Exact check in the geodesic frame (overlay in lon/lat, so the clipped
    /// pieces have exactly the vertices of the expected boxes).
    @Test func siteStraddlingTheCoastIsSplit() throws {
        var o = CoverageOptions(); o.areaMethod = .geodesic
        let land = [box(10, 40, 12, 42)], eez = [box(10, 38, 12, 40)]
        let s = site(1, box(10.5, 39.5, 11.5, 40.5))
        let r = try CoverageEngine(options: o).run(sites: [s], land: land, eez: eez, country: "AAA")
        let expLand = try measuredKm2(box(10.5, 40, 11.5, 40.5), o), expMarine = try measuredKm2(box(10.5, 39.5, 11.5, 40), o)
        #expect(close(r.coverage.landKm2!, expLand, rel: 1e-9))
        #expect(close(r.coverage.marineKm2!, expMarine, rel: 1e-9))
        #expect(r.coverage.totalKm2 == r.coverage.landKm2! + r.coverage.marineKm2!)
        #expect(close(r.coverage.landPercent!, 100 * expLand / (try measuredKm2(box(10, 40, 12, 42), o)), rel: 1e-9))
        #expect(close(r.territory!.marineKm2!, try measuredKm2(box(10, 38, 12, 40), o), rel: 1e-9))
    }

    /// In Mollweide the coastline edge is a straight projected segment, so the
    /// split point differs from the projected lon/lat corner by ~1e-5: check
    /// that nothing is lost or double counted instead.
    @Test func coastSplitInMollweideConservesArea() throws {
        let s = site(1, box(10.5, 39.5, 11.5, 40.5))
        let r = try engine.run(sites: [s], land: [box(10, 40, 12, 42)], eez: [box(10, 38, 12, 40)], country: "AAA")
        #expect(close(r.coverage.totalKm2, try measuredKm2(box(10.5, 39.5, 11.5, 40.5)), rel: 1e-9))
        #expect(abs(r.coverage.landKm2! / r.coverage.marineKm2! - 4729.0 / 4763.7) < 1e-3)
        #expect(r.input.siteAreaOutsideTerritoryKm2! < 1e-6)
    }

    /// Two sites across the coastline overlapping each other, and one inland.
    /// In the equal-area frame a site stays whole and its unions are split
    /// between land and sea: every year, group and realm must be the figure of
    /// the method's order (union of the sites, then ∩ land and ∩ EEZ − land),
    /// computed here with GEOS on the projected boxes. (Not in lon/lat: there
    /// a parallel is measured as a geodesic, so a box's area depends on where
    /// its edges are split, and boxes are not exact answers for overlaps.)
    @Test func overlappingCoastalSitesInMollweide() throws {
        let r = try engine.run(sites: coastalSites, land: [box(10, 40, 12, 42)], eez: [box(10, 38, 12, 40)], country: "AAA")
        let ctx = GEOSContext(), frame = try WorkingFrame(options: CoverageOptions())
        func projected(_ wkb: Data) throws -> Geometry { try frame.project(ctx.geometry(wkb: wkb)) }
        let land = try projected(box(10, 40, 12, 42)), marine = try projected(box(10, 38, 12, 40)).difference(land)
        let a = try projected(box(10.5, 39.5, 11.5, 40.5)), b = try projected(box(10.2, 40.8, 10.4, 41)), c = try projected(box(11, 39, 11.8, 41))
        func split(_ sites: [Geometry]) throws -> (Double, Double) {
            let union = try ctx.unaryUnion(sites.map { try $0.clone() })
            return (try frame.area(union.intersection(land)) / 1e6, try frame.area(union.intersection(marine)) / 1e6)
        }
        let all = try split([a, b, c]), before = try split([a, b]), oecm = try split([c])
        expectCoastal(r, years: [try split([a]), before, all], oecm: oecm, oecmAdded: (all.0 - before.0, all.1 - before.1))
        #expect(close(r.coverage.totalKm2, try frame.area(ctx.unaryUnion([a.clone(), b.clone(), c.clone()])) / 1e6))
    }

    private var coastalSites: [WDPARecord] {
        [site(1, box(10.5, 39.5, 11.5, 40.5), year: 2000), site(2, box(10.2, 40.8, 10.4, 41), year: 2005),
         site(3, box(11, 39, 11.8, 41), year: 2010, type: .oecm)]
    }

    private func expectCoastal(_ r: CoverageResult, years: [(Double, Double)], oecm: (Double, Double), oecmAdded: (Double, Double)) {
        #expect(r.timeSeries.map(\.year) == [2000, 2005, 2010])
        for (point, (land, marine)) in zip(r.timeSeries, years) {
            #expect(close(point.covered.landKm2!, land) && close(point.covered.marineKm2!, marine), "\(point.year): \(point.covered)")
        }
        let group = r.bySiteType.first { $0.key == "OECM" }!
        #expect(close(group.covered.landKm2!, oecm.0) && close(group.covered.marineKm2!, oecm.1))
        #expect(close(group.exclusive!.landKm2!, oecmAdded.0, rel: 1e-8) && close(group.exclusive!.marineKm2!, oecmAdded.1, rel: 1e-8))
        #expect(r.coverage.totalKm2 == r.coverage.landKm2! + r.coverage.marineKm2!)
        #expect(r.input.siteAreaOutsideTerritoryKm2! < 1e-6)
    }

    @Test func proposedAndMABSitesAreExcluded() throws {
        let kept = site(1, box(10, 40, 11, 41))
        let proposed = site(2, box(12, 40, 13, 41), status: .proposed)
        let mab = site(3, box(14, 40, 15, 41), designation: "UNESCO-MAB Biosphere Reserve")
        let r = try engine.run(sites: [kept, proposed, mab], land: nil, eez: nil, country: "AAA")
        #expect(close(r.coverage.totalKm2, try measuredKm2(box(10, 40, 11, 41))))
        #expect(r.input.excluded[ExclusionReason.status.rawValue] == 1)
        #expect(r.input.excluded[ExclusionReason.mab.rawValue] == 1)
        var o = CoverageOptions(); o.statuses.insert(.proposed)
        let r2 = try CoverageEngine(options: o).run(sites: [kept, proposed], land: nil, eez: nil, country: "AAA")
        #expect(close(r2.coverage.totalKm2, 2 * r.coverage.totalKm2, rel: 1e-9))
    }

    @Test func bowTieIsRepaired() throws {
        let bow = site(1, ring([10, 40, 12, 42, 12, 40, 10, 42]))
        let r = try engine.run(sites: [bow], land: nil, eez: nil, country: "AAA")
        let triangles = GeneratorGeography.wkbMultiPolygon([[[10, 40, 11, 41, 10, 42]], [[12, 40, 12, 42, 11, 41]]])
        #expect(r.input.geometriesRepaired == 1)
        #expect(close(r.coverage.totalKm2, try measuredKm2(triangles), rel: 1e-9))
    }

    @Test func transboundarySiteIsSplitBetweenCountries() throws {
        var o = CoverageOptions(); o.areaMethod = .geodesic
        let engine = CoverageEngine(options: o)
        let s = site(1, box(10.75, 40.2, 11.5, 40.8), iso3: ["AAA", "BBB"])
        let a = try engine.run(sites: [s], land: [box(10, 40, 11, 41)], eez: [], country: "AAA")
        let b = try engine.run(sites: [s], land: [box(11, 40, 12, 41)], eez: [], country: "BBB")
        #expect(close(a.coverage.landKm2!, try measuredKm2(box(10.75, 40.2, 11, 40.8), o), rel: 1e-9))
        #expect(close(b.coverage.landKm2!, try measuredKm2(box(11, 40.2, 11.5, 40.8), o), rel: 1e-9))
        // Geodesic edges: splitting the top/bottom edge at 11° changes the area by ~4e-6.
        #expect(close(a.coverage.totalKm2 + b.coverage.totalKm2, try measuredKm2(box(10.75, 40.2, 11.5, 40.8), o), rel: 1e-5))
        #expect(a.coverage.marineKm2 == 0)
        #expect(close(a.input.siteAreaOutsideTerritoryKm2!, b.coverage.totalKm2, rel: 1e-5))
    }

    @Test func timeSeriesOfThreeSites() throws {
        // 2010 overlaps half of 2000: only its new half is added in 2010.
        let s = [site(3, box(13, 40, 14, 41), year: 2020), site(1, box(10, 40, 11, 41), year: 2000),
                 site(2, box(10.5, 40, 11.5, 41), year: 2010)]
        let r = try engine.run(sites: s, land: nil, eez: nil, country: "AAA")
        let a = try measuredKm2(box(10, 40, 11, 41))
        #expect(r.timeSeries.map(\.year) == [2000, 2010, 2020])
        let values = r.timeSeries.map(\.covered.totalKm2)
        #expect(close(values[0], a, rel: 1e-9) && close(values[1], 1.5 * a, rel: 1e-9) && close(values[2], 2.5 * a, rel: 1e-9))
        #expect(r.unknownYear.totalKm2 == 0)
    }

    @Test func unknownYearOnlyAreaIsSeparate() throws {
        let s = [site(1, box(10, 40, 11, 41), year: 2000), site(2, box(12, 40, 13, 41), year: 0)]
        let r = try engine.run(sites: s, land: nil, eez: nil, country: "AAA")
        #expect(r.timeSeries.count == 1)
        #expect(close(r.unknownYear.totalKm2, r.timeSeries[0].covered.totalKm2, rel: 1e-9))
    }

    @Test func groupsPAvsOECMAndIUCN() throws {
        let s = [site(1, box(10, 40, 11, 41), iucn: .ia), site(2, box(10.5, 40, 11.5, 41), type: .oecm, iucn: .v)]
        let r = try engine.run(sites: s, land: nil, eez: nil, country: "AAA")
        let a = try measuredKm2(box(10, 40, 11, 41))
        let pa = r.bySiteType.first { $0.key == "PA" }!, oecm = r.bySiteType.first { $0.key == "OECM" }!
        #expect(close(pa.covered.totalKm2, a, rel: 1e-9) && close(oecm.covered.totalKm2, a, rel: 1e-9))
        #expect(close(oecm.exclusive!.totalKm2, 0.5 * a, rel: 1e-9))
        #expect(r.byIUCNCategory.map(\.key) == ["Ia", "V"])
        #expect(close(r.byIUCNCategory[1].exclusive!.totalKm2, 0.5 * a, rel: 1e-9))
    }

    @Test func resultIsCodable() throws {
        let r = try engine.run(sites: [site(1, box(10, 40, 11, 41))], land: [box(9, 39, 12, 42)], eez: nil, country: "AAA")
        let back = try JSONDecoder().decode(CoverageResult.self, from: JSONEncoder().encode(r))
        #expect(back == r)
    }
}
