import Foundation
import CGDAL

public enum FieldType: Sendable { case string, integer64, real }
public enum FieldValue: Sendable, Equatable { case string(String), int(Int64), double(Double), null }
public enum LayerGeometry: Sendable { case multiPolygon, point, multiPoint, unknown }

/// Writes vector layers (GeoPackage by default). Owns the GDAL dataset; call
/// `close()` (or let it deinit) to flush. Each layer is written in one
/// transaction, which is what makes GeoPackage writing fast.
public final class VectorWriter {
    private var handle: GDALDatasetH?
    public let path: String

    public init(path: String, driver: String = "GPKG") throws {
        GDALSetup.ensure()
        self.path = path
        try? FileManager.default.removeItem(atPath: path)
        guard let drv = GDALGetDriverByName(driver) else { throw GeoError.invalidInput("GDAL driver \(driver) not available") }
        let h = GDALCall.run("GDALCreate") { GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, nil) }
        guard let h else { throw GDALCall.lastError("create \(path)") }
        handle = h
    }

    deinit { close() }

    public func close() {
        if let h = handle { GDALClose(h) }
        handle = nil
    }

    /// Creates a layer and writes all rows in a single transaction.
    public func writeLayer(name: String, srs: SpatialReference, geometry: LayerGeometry,
                           fields: [(String, FieldType)],
                           rows: [(values: [FieldValue], wkb: Data?)]) throws {
        guard let ds = handle else { throw GeoError.invalidInput("writer closed") }
        let gtype: OGRwkbGeometryType = switch geometry {
        case .multiPolygon: wkbMultiPolygon
        case .point: wkbPoint
        case .multiPoint: wkbMultiPoint
        case .unknown: wkbUnknown
        }
        try GDALCall.run("write layer \(name)") {
            guard let layer = GDALDatasetCreateLayer(ds, name, srs.handle, gtype, nil) else {
                throw GDALCall.lastError("create layer \(name)")
            }
            for (fname, ftype) in fields {
                let t: OGRFieldType = switch ftype { case .string: OFTString; case .integer64: OFTInteger64; case .real: OFTReal }
                let fd = OGR_Fld_Create(fname, t)
                defer { OGR_Fld_Destroy(fd) }
                guard OGR_L_CreateField(layer, fd, 1) == OGRERR_NONE else { throw GDALCall.lastError("create field \(fname)") }
            }
            // Drivers without transactions (shapefile, OpenFileGDB) write directly.
            let inTransaction = GDALDatasetStartTransaction(ds, 0) == OGRERR_NONE
            let defn = OGR_L_GetLayerDefn(layer)
            for row in rows {
                guard let f = OGR_F_Create(defn) else { throw GDALCall.lastError("create feature") }
                defer { OGR_F_Destroy(f) }
                for (i, v) in row.values.enumerated() {
                    switch v {
                    case .string(let s): OGR_F_SetFieldString(f, Int32(i), s)
                    case .int(let n): OGR_F_SetFieldInteger64(f, Int32(i), GIntBig(n))
                    case .double(let d): OGR_F_SetFieldDouble(f, Int32(i), d)
                    case .null: OGR_F_SetFieldNull(f, Int32(i))
                    }
                }
                if let wkb = row.wkb {
                    var g: OGRGeometryH?
                    let err = wkb.withUnsafeBytes { raw in
                        OGR_G_CreateFromWkb(raw.baseAddress, srs.handle, &g, Int32(raw.count))
                    }
                    guard err == OGRERR_NONE, let g else { throw GeoError.gdal(operation: "geometry from WKB", code: Int(err), message: "invalid WKB") }
                    OGR_F_SetGeometryDirectly(f, g) // feature takes ownership of g
                }
                guard OGR_L_CreateFeature(layer, f) == OGRERR_NONE else {
                    if inTransaction { GDALDatasetRollbackTransaction(ds) }
                    throw GDALCall.lastError("write feature")
                }
            }
            guard !inTransaction || GDALDatasetCommitTransaction(ds) == OGRERR_NONE else { throw GDALCall.lastError("commit \(name)") }
        }
    }
}
