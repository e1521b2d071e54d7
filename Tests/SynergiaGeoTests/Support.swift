import Foundation
@testable import SynergiaGeoBindings
@testable import SynergiaCoverage
@testable import SynergiaDemoData

/// WKB of a lon/lat box.
func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Data {
    GeneratorGeography.wkbMultiPolygon([[[x0, y0, x1, y0, x1, y1, x0, y1]]])
}

func ring(_ xy: [Double]) -> Data { GeneratorGeography.wkbMultiPolygon([[xy]]) }

func site(_ id: Int64, _ wkb: Data, iso3: [String] = ["AAA"], status: SiteStatus = .designated, year: Int = 2000,
          kind: GeometryKind = .polygonal, repArea: Double? = nil, type: SiteType = .protectedArea,
          iucn: IUCNCategory = .ii, designation: String = "National Park") -> WDPARecord {
    WDPARecord(siteID: id, siteType: type, designation: designation, iucnCategory: iucn, reportedArea: repArea,
               status: status, statusYear: year, iso3: iso3, geometryKind: kind, geometry: wkb)
}

/// Area in km² of a lon/lat geometry measured exactly as the engine does.
func measuredKm2(_ wkb: Data, _ options: CoverageOptions = CoverageOptions()) throws -> Double {
    let ctx = GEOSContext()
    let frame = try WorkingFrame(options: options)
    return try frame.area(frame.project(ctx.geometry(wkb: wkb))) / 1e6
}

func close(_ a: Double, _ b: Double, rel: Double = 1e-9) -> Bool {
    abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)
}

func tempPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-geo-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}
