import Foundation
import Testing
@testable import SynergiaGeoBindings

@Suite struct BindingsTests {
    @Test func wkbRoundTripAndArea() throws {
        let ctx = GEOSContext()
        let g = try ctx.geometry(wkt: "POLYGON((0 0, 4 0, 4 3, 0 3, 0 0))")
        #expect(try g.area() == 12)
        let back = try ctx.geometry(wkb: g.wkb())
        #expect(try back.area() == 12)
        #expect(back.type == .polygon)
    }

    @Test func geosErrorsBecomeSwiftErrors() throws {
        let ctx = GEOSContext()
        #expect(throws: GeoError.self) { try ctx.geometry(wkt: "POLYGON((0 0, 1") }
        do { _ = try ctx.geometry(wkt: "NOT WKT") } catch let GeoError.geos(op, message) {
            #expect(op == "WKT read")
            #expect(!message.isEmpty)
        }
    }

    @Test func gdalErrorsCarryMessage() throws {
        do {
            _ = try VectorDataset(path: "/nonexistent/file.gpkg")
            Issue.record("expected an error")
        } catch let GeoError.gdal(_, _, message) {
            #expect(message.contains("no such file"), "\(message)")
        }
        #expect(throws: GeoError.self) { try SpatialReference("EPSG:999999") }
    }

    @Test func bowTieIsRepairedIntoTwoTriangles() throws {
        let ctx = GEOSContext()
        let g = try ctx.geometry(wkt: "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))")
        #expect(!g.isValid)
        #expect(g.invalidReason.contains("Self-intersection"))
        let fixed = try g.makeValid().polygonalParts()
        #expect(fixed.isValid)
        #expect(try fixed.area() == 2)
    }

    @Test func spatialIndexFindsCandidates() throws {
        let ctx = GEOSContext()
        let items = try (0..<10).map { i in try ctx.geometry(wkt: "POLYGON((\(i) 0, \(i + 1) 0, \(i + 1) 1, \(i) 1, \(i) 0))") }
        let index = try SpatialIndex(items, context: ctx)
        #expect(index.query(try ctx.geometry(wkt: "POINT(3.5 0.5)")) == [3])
    }

    @Test func mollweideTransform() throws {
        let ct = try CoordinateTransformation(from: SpatialReference("EPSG:4326"), to: SpatialReference("ESRI:54009"))
        var xy = [60.0, 0.0]   // lon, lat: traditional GIS order is enforced
        try ct.transform(&xy)
        #expect(abs(xy[0] - 6_013_365.232) < 0.01)
        #expect(abs(xy[1]) < 1e-6)
    }

    @Test func geodesicAreaOfOneDegreeCell() {
        // Area of the 1°×1° cell at the equator with geodesic edges ≈ 12 308.8 km².
        let a = Geodesic().ringArea([0, 0, 1, 0, 1, 1, 0, 1]) / 1e6
        #expect(a > 12_200 && a < 12_450)  // ≈ 12 300 km² on WGS84
    }
}
