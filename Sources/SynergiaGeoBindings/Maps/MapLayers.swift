import CGDAL
import Foundation

/// Layers for the web map of a run, made through GDAL's own utilities
/// (ogr2ogr and gdaldem as a library): vector files as GeoJSON in WGS 84, and
/// class rasters as a coloured PNG with its WGS 84 bounds, so the browser
/// needs no tile server and no reprojection.
public enum MapLayers {
    public struct Overlay: Sendable {
        public var png: Data
        public var south: Double, west: Double, north: Double, east: Double

        public init(png: Data, south: Double, west: Double, north: Double, east: Double) {
            self.png = png; self.south = south; self.west = west; self.north = north; self.east = east
        }
    }

    /// Every layer of `path` (or the named ones) as one feature collection;
    /// each feature gets a `layer` property naming its layer. `path` may be the
    /// user's upload, so it is read as one.
    public static func geoJSON(path: String, layers: [String]? = nil) throws -> Data {
        GDALSetup.ensure()
        GDALCall.reset()
        let ds: GDALDatasetH
        do { ds = try UserFile.open(path, kind: .vector) } catch let refusal as UserFileRefusal {
            throw GeoError.cannotOpen(path: path, reason: refusal.problem)
        }
        defer { GDALClose(ds) }
        let names = layers ?? (0..<GDALDatasetGetLayerCount(ds)).compactMap { i in
            GDALDatasetGetLayer(ds, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
        var features: [JSONValue] = []
        for name in names {
            let target = "/vsimem/map-\(UUID().uuidString).geojson"
            defer { VSIUnlink(target) }
            let args = ["-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "RFC7946=YES", "-lco", "COORDINATE_PRECISION=6", name]
            let options = GDALCall.withCStringList(args) { GDALVectorTranslateOptionsNew($0, nil) }
            guard let options else { throw GeoError.writeFailed(path: target, reason: GDALCall.lastMessage()) }
            defer { GDALVectorTranslateOptionsFree(options) }
            var sources: [GDALDatasetH?] = [ds]
            var usageError: Int32 = 0
            let out = sources.withUnsafeMutableBufferPointer { GDALVectorTranslate(target, nil, 1, $0.baseAddress, options, &usageError) }
            guard let out else { throw GeoError.readFailed(path: path, reason: GDALCall.lastMessage("layer \(name)")) }
            GDALClose(out)
            guard case .object(let collection) = try JSONDecoder().decode(JSONValue.self, from: try memoryFile(target)),
                  case .array(let layerFeatures)? = collection["features"] else { continue }
            for case .object(var feature) in layerFeatures {
                var properties: [String: JSONValue] = [:]
                if case .object(let p)? = feature["properties"] { properties = p }
                properties["layer"] = .string(name)
                feature["properties"] = .object(properties)
                features.append(.object(feature))
            }
        }
        return try JSONEncoder().encode(JSONValue.object(["type": .string("FeatureCollection"), "features": .array(features)]))
    }

    /// A class raster warped to WGS 84 (nearest neighbour) and coloured by
    /// value (`colors`: value → "r g b a"); other values and no data are transparent.
    /// `path` is an engine output, Synergia's own file.
    public static func classOverlay(path: String, colors: [Int: String]) throws -> Overlay {
        GDALSetup.ensure()
        GDALCall.reset()
        guard let src = SynergiaFile.open(path, raster: true) else {
            throw GeoError.cannotOpen(path: path, reason: UserFile.scrub(GDALCall.lastMessage(), path: path))
        }
        defer { GDALClose(src) }
        let id = UUID().uuidString
        let warped = "/vsimem/overlay-\(id).vrt", palette = "/vsimem/overlay-\(id).txt", png = "/vsimem/overlay-\(id).png"
        defer { for f in [warped, palette, png, png + ".aux.xml"] { VSIUnlink(f) } }
        let warpArgs = ["-of", "VRT", "-r", "near", "-t_srs", "EPSG:4326", "-dstnodata", "\(RasterNoData.int32)"]
        guard let warpOptions = GDALCall.withCStringList(warpArgs, { GDALWarpAppOptionsNew($0, nil) }) else {
            throw GeoError.warpFailed(path: path, reason: GDALCall.lastMessage())
        }
        defer { GDALWarpAppOptionsFree(warpOptions) }
        var sources: [GDALDatasetH?] = [src]
        var usageError: Int32 = 0
        guard let geographic = sources.withUnsafeMutableBufferPointer({ GDALWarp(warped, nil, 1, $0.baseAddress, warpOptions, &usageError) }) else {
            throw GeoError.warpFailed(path: path, reason: GDALCall.lastMessage())
        }
        defer { GDALClose(geographic) }
        var gt = [Double](repeating: 0, count: 6)
        GDALGetGeoTransform(geographic, &gt)
        let width = Double(GDALGetRasterXSize(geographic)), height = Double(GDALGetRasterYSize(geographic))
        let table = colors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "\n") + "\nnv 0 0 0 0\n"
        try writeMemoryFile(palette, Data(table.utf8))
        let demArgs = ["-of", "PNG", "-alpha", "-exact_color_entry"]
        guard let demOptions = GDALCall.withCStringList(demArgs, { GDALDEMProcessingOptionsNew($0, nil) }) else {
            throw GeoError.writeFailed(path: png, reason: GDALCall.lastMessage())
        }
        defer { GDALDEMProcessingOptionsFree(demOptions) }
        guard let coloured = GDALDEMProcessing(png, geographic, "color-relief", palette, demOptions, &usageError) else {
            throw GeoError.writeFailed(path: png, reason: GDALCall.lastMessage())
        }
        GDALClose(coloured)
        return Overlay(png: try memoryFile(png), south: gt[3] + gt[5] * height, west: gt[0], north: gt[3], east: gt[0] + gt[1] * width)
    }

    private static func memoryFile(_ name: String) throws -> Data {
        var length: vsi_l_offset = 0
        guard let bytes = VSIGetMemFileBuffer(name, &length, 0) else {
            throw GeoError.readFailed(path: name, reason: "no output")
        }
        return Data(bytes: bytes, count: Int(length))
    }

    private static func writeMemoryFile(_ name: String, _ data: Data) throws {
        guard let handle = VSIFOpenL(name, "wb") else { throw GeoError.writeFailed(path: name, reason: "cannot create") }
        _ = data.withUnsafeBytes { VSIFWriteL($0.baseAddress, 1, data.count, handle) }
        VSIFCloseL(handle)
    }
}
