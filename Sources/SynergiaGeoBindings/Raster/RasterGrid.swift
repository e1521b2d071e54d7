import CGDAL
import Foundation

/// A raster grid: size, affine geotransform and CRS. Two inputs can be combined
/// pixel by pixel only when their grids match.
public struct RasterGrid: Codable, Sendable, Equatable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    /// GDAL order: originX, pixelWidth, rotX, originY, rotY, pixelHeight (negative for north-up).
    public var geoTransform: [Double]
    /// CRS as WKT (empty when the file has none).
    public var crsWKT: String

    public init(width: Int, height: Int, geoTransform: [Double], crsWKT: String) {
        self.width = width; self.height = height; self.geoTransform = geoTransform; self.crsWKT = crsWKT
    }

    /// A north-up WGS84 grid, used by tests and the data generator.
    public static func geographic(west: Double, north: Double, cellDegrees: Double, width: Int, height: Int) -> RasterGrid {
        RasterGrid(width: width, height: height,
                   geoTransform: [west, cellDegrees, 0, north, 0, -cellDegrees],
                   crsWKT: RasterCRS.wkt(epsg: 4326))
    }

    public var pixelWidth: Double { geoTransform[1] }
    public var pixelHeight: Double { geoTransform[5] }
    public var west: Double { geoTransform[0] }
    public var north: Double { geoTransform[3] }
    public var east: Double { west + Double(width) * pixelWidth }
    public var south: Double { north + Double(height) * pixelHeight }

    /// Y coordinate of the top edge of row `row` (north-up grids).
    public func rowTop(_ row: Int) -> Double { north + Double(row) * pixelHeight }

    public var description: String {
        let crs = RasterCRS.shortName(crsWKT)
        return "\(width)x\(height) px, origin (\(west), \(north)), pixel (\(pixelWidth), \(pixelHeight)), \(crs)"
    }

    /// Same size, same transform (to a tolerance of 1e-6 pixel) and same CRS.
    public func matches(_ other: RasterGrid) -> Bool {
        guard width == other.width, height == other.height else { return false }
        let tolX = abs(pixelWidth) * 1e-6, tolY = abs(pixelHeight) * 1e-6
        let tol = [tolX, tolX, tolX, tolY, tolY, tolY]
        for i in 0..<6 where abs(geoTransform[i] - other.geoTransform[i]) > tol[i] { return false }
        return RasterCRS.same(crsWKT, other.crsWKT)
    }

    /// The geotransform of a window of this grid (for per-block rasterization).
    func geoTransform(of window: RasterWindow) -> [Double] {
        var gt = geoTransform
        gt[0] += Double(window.x) * gt[1] + Double(window.y) * gt[2]
        gt[3] += Double(window.x) * gt[4] + Double(window.y) * gt[5]
        return gt
    }
}

/// CRS helpers over OGR spatial references (kept stateless: handles are created
/// and destroyed per call, which is cheap and thread-safe).
public enum RasterCRS {
    public enum Kind: Equatable, Sendable { case geographic, equalArea(metresPerUnit: Double), other(String) }

    public static func wkt(epsg: Int32) -> String {
        GDALSetup.ensure()
        let srs = OSRNewSpatialReference(nil)
        defer { OSRDestroySpatialReference(srs) }
        OSRImportFromEPSG(srs, epsg)
        var out: UnsafeMutablePointer<CChar>? = nil
        OSRExportToWkt(srs, &out)
        defer { VSIFree(out) }
        return out.map { String(cString: $0) } ?? ""
    }

    static func withSRS<R>(_ wkt: String, _ body: (OGRSpatialReferenceH?) -> R) -> R {
        GDALSetup.ensure()
        guard !wkt.isEmpty else { return body(nil) }
        let srs = OSRNewSpatialReference(wkt)
        defer { if srs != nil { OSRDestroySpatialReference(srs) } }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        return body(srs)
    }

    public static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.isEmpty || b.isEmpty { return false }
        return withSRS(a) { sa in withSRS(b) { sb in sa != nil && sb != nil && OSRIsSame(sa, sb) != 0 } }
    }

    public static func shortName(_ wkt: String) -> String {
        if wkt.isEmpty { return "no CRS" }
        return withSRS(wkt) { srs in
            guard let srs else { return "unknown CRS" }
            OSRAutoIdentifyEPSG(srs)
            let name = OSRGetName(srs).map { String(cString: $0) } ?? "unnamed CRS"
            if let auth = OSRGetAuthorityCode(srs, nil) { return "\(name) (EPSG:\(String(cString: auth)))" }
            return name
        }
    }

    /// Geographic, one of the equal-area projections GDAL knows, or anything else.
    public static func kind(_ wkt: String) -> Kind {
        withSRS(wkt) { srs in
            guard let srs else { return .other("no CRS") }
            if OSRIsGeographic(srs) != 0 { return .geographic }
            let method = OSRGetAttrValue(srs, "PROJECTION", 0).map { String(cString: $0) } ?? ""
            let equalArea = ["Albers_Conic_Equal_Area", "Lambert_Azimuthal_Equal_Area", "Mollweide",
                             "Cylindrical_Equal_Area", "Sinusoidal", "Eckert_IV", "Eckert_VI",
                             "Goode_Homolosine", "Interrupted_Goode_Homolosine", "Equal_Earth",
                             "Quartic_Authalic", "Bonne"]
            if equalArea.contains(method) { return .equalArea(metresPerUnit: OSRGetLinearUnits(srs, nil)) }
            return .other(method.isEmpty ? shortName(wkt) : method)
        }
    }
}
