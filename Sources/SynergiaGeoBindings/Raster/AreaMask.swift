import CGDAL
import Foundation

/// An area of interest as it is written in a report: its name, its polygons as a
/// GeoJSON feature collection in its own CRS, and that CRS as WKT.
public struct AreaOutline: Sendable, Equatable {
    public var name: String
    public var geojson: JSONValue
    public var crsWKT: String
}

/// Masks pixels by an area-of-interest polygon layer (the user's vector file, read as one).
/// A pixel belongs to the area when its centre is inside (docs/methods/land-degradation-sdg-15-3-1.md §Areas),
/// which is GDAL's default rasterization rule (ALL_TOUCHED off). Each block is
/// rasterized on its own into a small in-memory raster, so memory stays bounded;
/// one instance per worker thread because OGR handles are not shareable.
/// Without a file, every pixel is in the area.
public final class AreaMask {
    private let path: String?
    private let dataset: GDALDatasetH?
    private let layer: OGRLayerH?
    private let grid: RasterGrid

    public init(path: String?, grid: RasterGrid) throws {
        self.path = path; self.grid = grid
        guard let path else { dataset = nil; layer = nil; return }
        GDALCall.reset()
        let ds: GDALDatasetH
        do { ds = try UserFile.open(path, kind: .vector) } catch let refusal as UserFileRefusal {
            throw GeoError.aoiUnreadable(path: path, reason: refusal.problem)
        }
        guard GDALDatasetGetLayerCount(ds) > 0, let l = GDALDatasetGetLayer(ds, 0) else {
            GDALClose(ds)
            throw GeoError.aoiUnreadable(path: path, reason: "no layer")
        }
        dataset = ds; layer = l
    }

    deinit { if let dataset { GDALClose(dataset) } }

    /// Fails early when the area's extent (in the raster CRS) misses the grid.
    public func checkOverlap() throws {
        guard let layer, let path else { return }
        var env = OGREnvelope()
        guard OGR_L_GetExtent(layer, &env, 1) == OGRERR_NONE else {
            throw GeoError.aoiUnreadable(path: path, reason: "empty layer")
        }
        var (minX, minY, maxX, maxY) = (env.MinX, env.MinY, env.MaxX, env.MaxY)
        if let lsrs = OGR_L_GetSpatialRef(layer), !grid.crsWKT.isEmpty {
            RasterCRS.withSRS(grid.crsWKT) { dst in
                OSRSetAxisMappingStrategy(lsrs, OAMS_TRADITIONAL_GIS_ORDER)
                guard let dst, OSRIsSame(lsrs, dst) == 0, let ct = OCTNewCoordinateTransformation(lsrs, dst) else { return }
                defer { OCTDestroyCoordinateTransformation(ct) }
                var a = 0.0, b = 0.0, c = 0.0, d = 0.0
                if OCTTransformBounds(ct, minX, minY, maxX, maxY, &a, &b, &c, &d, 21) != 0 { (minX, minY, maxX, maxY) = (a, b, c, d) }
            }
        }
        let gx0 = min(grid.west, grid.east), gx1 = max(grid.west, grid.east)
        let gy0 = min(grid.north, grid.south), gy1 = max(grid.north, grid.south)
        if maxX <= gx0 || minX >= gx1 || maxY <= gy0 || minY >= gy1 {
            throw GeoError.aoiDoesNotOverlap(aoi: path, grid: grid.description)
        }
    }

    /// 1 for pixels whose centre is in the area, 0 elsewhere.
    public func mask(_ window: RasterWindow, into out: inout [UInt8]) throws {
        guard let layer else { out = [UInt8](repeating: 1, count: window.count); return }
        out = [UInt8](repeating: 0, count: window.count)
        guard let mem = GDALCreate(GDALGetDriverByName("MEM"), "", Int32(window.width), Int32(window.height), 1, GDT_Byte, nil) else {
            throw GeoError.aoiUnreadable(path: path ?? "", reason: GDALCall.lastMessage("cannot create mask"))
        }
        defer { GDALClose(mem) }
        var gt = grid.geoTransform(of: window)
        GDALSetGeoTransform(mem, &gt)
        if !grid.crsWKT.isEmpty { GDALSetProjection(mem, grid.crsWKT) }
        var bands: [Int32] = [1]
        var layers: [OGRLayerH?] = [layer]
        var burn: [Double] = [1]
        GDALCall.reset()
        let err = GDALRasterizeLayers(mem, 1, &bands, 1, &layers, nil, nil, &burn, nil, nil, nil)
        if err != CE_None { throw GeoError.aoiUnreadable(path: path ?? "", reason: GDALCall.lastMessage()) }
        let readErr = out.withUnsafeMutableBytes { raw in
            GDALRasterIO(GDALGetRasterBand(mem, 1), GF_Read, 0, 0, Int32(window.width), Int32(window.height),
                         raw.baseAddress, Int32(window.width), Int32(window.height), GDT_Byte, 0, 0)
        }
        if readErr != CE_None { throw GeoError.aoiUnreadable(path: path ?? "", reason: GDALCall.lastMessage()) }
    }

    /// The area as a GeoJSON feature collection in its own CRS, with that CRS
    /// as WKT; an empty collection, in the grid's CRS, without a file.
    public func outline() throws -> AreaOutline {
        guard let layer, let path else {
            return AreaOutline(name: "whole raster", geojson: .object(["type": .string("FeatureCollection"), "features": .array([])]),
                               crsWKT: grid.crsWKT)
        }
        var features: [JSONValue] = []
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            guard let geometry = OGR_F_GetGeometryRef(feature), let text = OGR_G_ExportToJson(geometry) else { continue }
            defer { VSIFree(text) }
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(String(cString: text).utf8))
            features.append(.object(["type": .string("Feature"), "properties": .object([:]), "geometry": value]))
        }
        var wkt = ""
        if let srs = OGR_L_GetSpatialRef(layer) {
            var out: UnsafeMutablePointer<CChar>?
            if OSRExportToWkt(srs, &out) == OGRERR_NONE, let out { wkt = String(cString: out); VSIFree(out) }
        }
        return AreaOutline(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                           geojson: .object(["type": .string("FeatureCollection"), "features": .array(features)]), crsWKT: wkt)
    }
}
