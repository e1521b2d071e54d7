import Foundation
import CGDAL

/// Owned OGR spatial reference. Axis order is forced to the traditional GIS
/// order (x = longitude/easting) so that EPSG:4326 coordinates are lon,lat
/// as in WKB from GeoPackage/shapefile: GDAL 3 otherwise uses lat,lon.
public final class SpatialReference {
    let handle: OGRSpatialReferenceH

    /// `definition`: "EPSG:4326", "ESRI:54009", WKT, PROJ string…
    public init(_ definition: String) throws {
        GDALSetup.ensure()
        guard let h = OSRNewSpatialReference(nil) else { throw GeoError.gdal(operation: "OSRNewSpatialReference", code: 0, message: "NULL") }
        let err = GDALCall.run("OSRSetFromUserInput") { OSRSetFromUserInput(h, definition) }
        if err != OGRERR_NONE {
            OSRRelease(h)
            throw GeoError.gdal(operation: "OSRSetFromUserInput(\(definition))", code: Int(err), message: "unrecognised spatial reference")
        }
        OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER)
        handle = h
    }

    /// Takes a clone of a borrowed handle (e.g. a layer's SRS).
    init(cloning borrowed: OGRSpatialReferenceH) {
        handle = OSRClone(borrowed)
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit { OSRRelease(handle) }

    public static let wgs84 = "EPSG:4326"
    public static let mollweide = "ESRI:54009"

    public func isSame(as other: SpatialReference) -> Bool { OSRIsSame(handle, other.handle) == 1 }
    public var isGeographic: Bool { OSRIsGeographic(handle) == 1 }
}

/// Owned OGR coordinate transformation (PROJ pipeline). Not thread-safe: one per thread.
public final class CoordinateTransformation {
    let handle: OGRCoordinateTransformationH
    public let source: SpatialReference
    public let target: SpatialReference

    public init(from source: SpatialReference, to target: SpatialReference) throws {
        let h = GDALCall.run("OCTNewCoordinateTransformation") { OCTNewCoordinateTransformation(source.handle, target.handle) }
        guard let h else { throw GDALCall.lastError("OCTNewCoordinateTransformation") }
        handle = h
        self.source = source
        self.target = target
    }
    deinit { OCTDestroyCoordinateTransformation(handle) }

    /// Transforms an interleaved x,y buffer in place.
    public func transform(_ xy: inout [Double]) throws {
        let n = xy.count / 2
        if n == 0 { return }
        var xs = [Double](repeating: 0, count: n), ys = xs
        for i in 0..<n { xs[i] = xy[2 * i]; ys[i] = xy[2 * i + 1] }
        let ok = GDALCall.run("OCTTransform") { OCTTransform(handle, Int32(n), &xs, &ys, nil) }
        guard ok == 1 else { throw GDALCall.lastError("OCTTransform", fallback: "coordinates outside the projection's domain") }
        for i in 0..<n { xy[2 * i] = xs[i]; xy[2 * i + 1] = ys[i] }
    }

    /// Transforms an interleaved x,y buffer in place point by point: which points
    /// succeeded, instead of failing the whole buffer (failed points are left as HUGE_VAL).
    public func transformEach(_ xy: inout [Double]) -> [Bool] {
        let n = xy.count / 2
        if n == 0 { return [] }
        var xs = [Double](repeating: 0, count: n), ys = xs
        var success = [Int32](repeating: 0, count: n)
        for i in 0..<n { xs[i] = xy[2 * i]; ys[i] = xy[2 * i + 1] }
        _ = GDALCall.run("OCTTransformEx") { OCTTransformEx(handle, Int32(n), &xs, &ys, nil, &success) }
        for i in 0..<n { xy[2 * i] = xs[i]; xy[2 * i + 1] = ys[i] }
        return success.map { $0 != 0 }
    }

    public func transform(_ g: Geometry) throws -> Geometry {
        try g.mapCoordinates { try transform(&$0) }
    }
}
