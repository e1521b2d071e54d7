import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// The per-site table: every record of the country, its area as the run measured it next to
/// REP_AREA and GIS_AREA, its part in the territory, or why it was left out.
@Suite struct SiteTableTests {
    /// A 10 km × 10 km square drawn in World Mollweide (the equal-area frame), written as its
    /// four corners in lon/lat: projected back, its area is exactly 100 km².
    func mollweideSquare(x: Double, y: Double, side: Double = 10_000) throws -> Data {
        let ctx = GEOSContext(), frame = try WorkingFrame(options: CoverageOptions())
        let square = try ctx.polygon(shell: [x, y, x + side, y, x + side, y + side, x, y + side])
        return try frame.unproject(square).wkb()
    }

    func record(_ id: Int64, _ wkb: Data, parcel: String? = nil, iso3: [String] = ["AAA"], status: SiteStatus = .designated,
                designation: String = "National Park", kind: GeometryKind = .polygonal, repArea: Double? = nil, gisArea: Double? = nil,
                realm: Realm = .terrestrial, fid: Int64 = 1) -> WDPARecord {
        WDPARecord(siteID: id, parcelID: parcel, name: "Site \(id)", designation: designation, realm: realm, reportedArea: repArea,
                   gisArea: gisArea, status: status, statusYear: 2001, iso3: iso3, geometryKind: kind, geometry: wkb,
                   source: RecordSource(layer: kind == .point ? "wdpa_point" : "wdpa_poly", featureID: fid))
    }

    @Test func aSquareOfKnownSizeInTheEqualAreaFrameReadsItsAreaAndItsDifferenceToGISArea() throws {
        let square = record(1, try mollweideSquare(x: 1_000_000, y: 5_000_000), gisArea: 100.5)
        let land = try mollweideSquare(x: 900_000, y: 4_900_000, side: 300_000)
        let (result, layers) = try CoverageEngine().runWithLayers(sites: [square], land: [land], eez: nil, country: "AAA")
        let row = try #require(layers.sites.first?.row)
        #expect(layers.sites.count == 1)
        #expect(close(row.computedAreaKm2!, 100, rel: 1e-9), "\(row.computedAreaKm2!)")
        #expect(close(row.differenceKm2!, -0.5, rel: 1e-7))
        #expect(close(row.differencePercent!, -50 / 100.5, rel: 1e-7))
        #expect(close(row.insideKm2!, 100, rel: 1e-9) && close(row.insideLandKm2!, 100, rel: 1e-9) && row.insideMarineKm2! == 0)
        #expect(row.excluded == nil)
        #expect(close(result.coverage.totalKm2, 100, rel: 1e-9))
        #expect(row.realmMeaning == "terrestrial" && row.gisAreaKm2 == 100.5)
    }

    @Test func excludedRecordsAreListedWithTheirReasonAndOtherCountriesAreNot() throws {
        let kept = record(1, box(10, 40, 10.5, 40.5))
        let proposed = record(2, box(11, 40, 11.5, 40.5), status: .proposed)
        let mab = record(3, box(12, 40, 12.5, 40.5), designation: "UNESCO-MAB Biosphere Reserve")
        let elsewhere = record(4, box(13, 40, 13.5, 40.5), iso3: ["BBB"])
        let offshore = record(5, box(30, 10, 30.5, 10.5))
        let pointWithoutArea = record(6, GeneratorGeography.wkbPoints([10.2, 40.2]), kind: .point, repArea: 0)
        let (result, layers) = try CoverageEngine().runWithLayers(sites: [offshore, elsewhere, mab, proposed, kept, pointWithoutArea],
                                                                  land: [box(9, 39, 13, 42)], eez: nil, country: "AAA")
        let rows = layers.sites.map(\.row)
        #expect(rows.map(\.siteID) == [1, 2, 3, 5, 6])
        #expect(rows.map(\.excluded) == [nil, "status not kept", "UNESCO-MAB Biosphere Reserve", "outside territory", "point without REP_AREA"])
        #expect(rows[1].computedAreaKm2 == nil && rows[1].insideKm2 == nil)
        // A site outside the land and sea is measured, and has nothing inside.
        #expect(close(rows[3].computedAreaKm2!, try measuredKm2(box(30, 10, 30.5, 10.5))) && rows[3].insideKm2 == 0)
        #expect(layers.sites.map { $0.wkb != nil } == [true, false, false, true, false])
        #expect(result.input.excluded == ["status not kept": 1, "UNESCO-MAB Biosphere Reserve": 1, "other country": 1, "point without REP_AREA": 1])
    }

    @Test func theParcelsOfOneSiteAreRowsOfTheirOwn() throws {
        let a = record(7, box(10, 40, 10.5, 40.5), parcel: "7_B", fid: 2), b = record(7, box(10.5, 40, 11, 40.5), parcel: "7_A", fid: 3)
        let (result, layers) = try CoverageEngine().runWithLayers(sites: [a, b], land: nil, eez: nil, country: "AAA")
        let rows = layers.sites.map(\.row)
        #expect(rows.map(\.parcelID) == ["7_A", "7_B"])
        #expect(close(rows[0].computedAreaKm2!, try measuredKm2(box(10.5, 40, 11, 40.5))))
        #expect(close(rows[1].computedAreaKm2!, try measuredKm2(box(10, 40, 10.5, 40.5))))
        #expect(close(rows[0].computedAreaKm2! + rows[1].computedAreaKm2!, result.coverage.totalKm2, rel: 1e-9))
        // Without a territory there is nothing to be inside of.
        #expect(rows.allSatisfy { $0.insideKm2 == nil && $0.insideLandKm2 == nil })
    }

    @Test func aPointIsBufferedToItsReportedArea() throws {
        var options = CoverageOptions(); options.areaMethod = .geodesic
        let point = record(9, GeneratorGeography.wkbPoints([12, 45]), kind: .point, repArea: 250, realm: .coastal)
        let (_, layers) = try CoverageEngine(options: options).runWithLayers(sites: [point], land: nil, eez: nil, country: "AAA")
        let row = try #require(layers.sites.first?.row)
        #expect(abs(row.computedAreaKm2! - 250) / 250 < 1e-6, "\(row.computedAreaKm2!)")
        #expect(row.reportedAreaKm2 == 250 && row.gisAreaKm2 == nil && row.differenceKm2 == nil)
        #expect(row.geometryKind == .point && row.realm == .coastal && row.realmMeaning == "coastal (terrestrial and marine)")
        #expect(layers.sites[0].wkb != nil)
    }

    /// In lon/lat each realm's part is exact: the boxes on either side of the coast at 40°N.
    @Test func aCoastalSiteIsSplitIntoItsLandAndMarineParts() throws {
        var options = CoverageOptions(); options.areaMethod = .geodesic
        let coastal = record(3, box(10.5, 39.5, 11.5, 40.5), realm: .coastal)
        let (_, layers) = try CoverageEngine(options: options).runWithLayers(sites: [coastal], land: [box(10, 40, 12, 42)],
                                                                             eez: [box(10, 38, 12, 40)], country: "AAA")
        let row = try #require(layers.sites.first?.row)
        #expect(close(row.insideLandKm2!, try measuredKm2(box(10.5, 40, 11.5, 40.5), options)))
        #expect(close(row.insideMarineKm2!, try measuredKm2(box(10.5, 39.5, 11.5, 40), options), rel: 1e-6))
        #expect(close(row.computedAreaKm2!, try measuredKm2(box(10.5, 39.5, 11.5, 40.5), options)))
    }

    /// The same split in the equal-area frame, where the site stays one piece across the coastline.
    @Test func aCoastalSiteInMollweideAddsUpToItsAreaInside() throws {
        let coastal = record(3, box(10.5, 39.5, 11.5, 40.5), realm: .coastal)
        let (result, layers) = try CoverageEngine().runWithLayers(sites: [coastal], land: [box(10, 40, 12, 42)], eez: [box(10, 38, 12, 40)], country: "AAA")
        let row = try #require(layers.sites.first?.row)
        #expect(close(row.insideLandKm2!, result.coverage.landKm2!, rel: 1e-9))
        #expect(close(row.insideMarineKm2!, result.coverage.marineKm2!, rel: 1e-9))
        #expect(close(row.insideKm2!, row.computedAreaKm2!, rel: 1e-9))
    }

    @Test func theGeoPackageHasASitesLayerWithEveryRecord() throws {
        let kept = record(1, box(10, 40, 10.5, 40.5), gisArea: 2000)
        let proposed = record(2, box(11, 40, 11.5, 40.5), status: .proposed)
        let (_, layers) = try CoverageEngine().runWithLayers(sites: [kept, proposed], land: [box(9, 39, 13, 42)], eez: nil, country: "AAA")
        let path = tempPath("sites-\(UUID().uuidString).gpkg")
        try CoverageGeoPackage.write(layers, to: path)
        let sites = try VectorDataset(path: path).layer(named: "sites")
        #expect(sites.featureCount == 2)
        #expect(sites.fieldNames == SiteColumns.all.map { $0.name.lowercased() })
        var values: [(id: String, excluded: String, area: String, hasGeometry: Bool)] = []
        try sites.forEachFeature { f in
            values.append((f.string(sites.fieldIndex["WDPAID"]!) ?? "", f.string(sites.fieldIndex["EXCLUDED"]!) ?? "",
                           f.string(sites.fieldIndex["AREA_KM2"]!) ?? "NULL", try f.geometryWKB(transform: nil) != nil))
        }
        #expect(values.map(\.id) == ["1", "2"] && values.map(\.excluded) == ["", "status not kept"])
        #expect(close(Double(values[0].area)!, layers.sites[0].row.computedAreaKm2!, rel: 1e-12))
        #expect(values[1].area == "NULL" && values.map(\.hasGeometry) == [true, false])
    }
}
