import Foundation
import CGDAL

/// A read-only OGR vector data source given by a user: a GeoPackage, a
/// shapefile (or a folder or ZIP of them), GeoJSON or a file geodatabase, read
/// through `UserFile` (nothing else, nothing it points to). Owns the GDAL
/// dataset; layers keep it alive.
/// Not Sendable: GDAL datasets must not be used from two threads at once.
public final class VectorDataset {
    let handle: GDALDatasetH
    public let path: String
    /// The file name shown in messages (never the folder it is in).
    public let name: String

    /// Opens `path`. A `.zip` is opened through GDAL's /vsizip/ virtual file
    /// system, so a zipped shapefile (or gdb) is read without extracting it.
    public init(path: String) throws {
        self.path = path
        name = UserFile.displayName(path)
        do { handle = try UserFile.open(path, kind: .vector) } catch let refusal as UserFileRefusal {
            if refusal.missing { throw GeoError.gdal(operation: "open \(refusal.file)", code: 4, message: "no such file or directory") }
            throw GeoError.invalidInput(refusal.description)
        }
    }

    deinit { GDALClose(handle) }

    public var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

    public var layerNames: [String] { (0..<layerCount).map { layer(at: $0).name } }

    public func layer(at index: Int) -> VectorLayer {
        VectorLayer(dataset: self, handle: GDALDatasetGetLayer(handle, Int32(index)))
    }

    /// The layer to use when the user named none: the only layer, else the
    /// one called `fallback` ("land", "eez"); otherwise the user must choose.
    public static func layerName(in path: String, given: String?, fallback: String) throws -> String {
        if let given, !given.isEmpty { return given }
        let names = try VectorDataset(path: path).layerNames
        if names.count == 1 { return names[0] }
        if names.contains(fallback) { return fallback }
        throw GeoError.invalidInput("\(URL(fileURLWithPath: path).lastPathComponent) has several layers (\(names.joined(separator: ", "))); name the \(fallback) layer")
    }

    public func layer(named name: String) throws -> VectorLayer {
        guard let l = GDALDatasetGetLayerByName(handle, name) else {
            throw GeoError.invalidInput("layer '\(name)' not found in \(self.name) (layers: \(layerNames.joined(separator: ", ")))")
        }
        return VectorLayer(dataset: self, handle: l)
    }
}

/// A layer borrowed from its dataset (the dataset owns the OGR layer; we keep
/// a strong reference to the dataset so the layer cannot dangle).
public final class VectorLayer {
    public let dataset: VectorDataset
    let handle: OGRLayerH

    init(dataset: VectorDataset, handle: OGRLayerH) {
        self.dataset = dataset
        self.handle = handle
    }

    public var name: String { String(cString: OGR_L_GetName(handle)) }

    public var fieldNames: [String] {
        let defn = OGR_L_GetLayerDefn(handle)
        return (0..<OGR_FD_GetFieldCount(defn)).map { String(cString: OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, $0))) }
    }

    /// Upper-cased field name → index, for schema detection that tolerates case differences between formats.
    public var fieldIndex: [String: Int32] {
        var m: [String: Int32] = [:]
        for (i, n) in fieldNames.enumerated() where m[n.uppercased()] == nil { m[n.uppercased()] = Int32(i) }
        return m
    }

    public var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

    public var spatialReference: SpatialReference? {
        guard let s = OGR_L_GetSpatialRef(handle) else { return nil }
        return SpatialReference(cloning: s)
    }

    /// Calls `body` for each feature in order. The `Feature` is only valid
    /// inside the call (it is destroyed right after), so it cannot escape.
    public func forEachFeature(_ body: (Feature) throws -> Void) throws {
        OGR_L_ResetReading(handle)
        while true {
            let f = GDALCall.run("OGR_L_GetNextFeature") { OGR_L_GetNextFeature(handle) }
            guard let f else {
                if CPLGetLastErrorType() == CE_Failure { throw GDALCall.lastError("read layer \(name) of \(dataset.name)").scrubbed(dataset.path) }
                return
            }
            defer { OGR_F_Destroy(f) }
            try body(Feature(handle: f))
        }
    }
}

/// A feature borrowed for the duration of `forEachFeature`'s closure; do not
/// store it (the OGR feature is destroyed when the closure returns).
public struct Feature {
    let handle: OGRFeatureH
    init(handle: OGRFeatureH) { self.handle = handle }

    public var fid: Int64 { Int64(OGR_F_GetFID(handle)) }

    public func isSet(_ field: Int32) -> Bool { OGR_F_IsFieldSetAndNotNull(handle, field) == 1 }
    public func string(_ field: Int32) -> String? {
        guard isSet(field) else { return nil }
        return String(cString: OGR_F_GetFieldAsString(handle, field))
    }

    /// The geometry as 2D ISO WKB, linearised if it has curves (file
    /// geodatabases store arcs) and transformed to `transform`'s target if given.
    public func geometryWKB(transform: CoordinateTransformation?) throws -> Data? {
        guard let borrowed = OGR_F_GetGeometryRef(handle) else { return nil }
        let g: OGRGeometryH? = OGR_G_HasCurveGeometry(borrowed, 0) != 0 ? OGR_G_GetLinearGeometry(borrowed, 0, nil) : OGR_G_Clone(borrowed)
        defer { if let g { OGR_G_DestroyGeometry(g) } }
        guard let geom = g else { return nil }
        OGR_G_FlattenTo2D(geom)
        if let t = transform {
            let err = GDALCall.run("OGR_G_Transform") { OGR_G_Transform(geom, t.handle) }
            if err != OGRERR_NONE { throw GDALCall.lastError("transform geometry", fallback: "coordinate transformation failed") }
        }
        let size = Int(OGR_G_WkbSize(geom))
        var data = Data(count: size)
        let err = data.withUnsafeMutableBytes { OGR_G_ExportToIsoWkb(geom, wkbNDR, $0.bindMemory(to: UInt8.self).baseAddress) }
        if err != OGRERR_NONE { throw GeoError.gdal(operation: "export WKB", code: Int(err), message: "cannot export geometry") }
        return data
    }
}
