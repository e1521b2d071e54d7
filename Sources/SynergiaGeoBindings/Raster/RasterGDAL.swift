import CGDAL
import Foundation

/// Helpers of the raster layer over GDAL's C interface (set-up is `GDALSetup`).
enum RasterGDAL {

    /// The last GDAL error on this thread, or a fallback text.
    static func lastError(_ fallback: String = "unknown GDAL error") -> String {
        guard let msg = CPLGetLastErrorMsg(), msg.pointee != 0 else { return fallback }
        return String(cString: msg)
    }

    static func resetError() { CPLErrorReset() }

    /// Runs `body` with a NULL-terminated C string list (GDAL's CSL options).
    static func withCStringList<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> R) rethrows -> R {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for s in strings { list = CSLAddString(list, s) }
        defer { CSLDestroy(list) }
        return try body(list)
    }
}
