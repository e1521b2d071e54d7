import CGDAL
import Foundation

/// Process-wide GDAL setup. GDAL drivers must be registered once; the default
/// error handler prints to stderr, so we install the quiet one and read the
/// thread-local last error message when a call fails.
enum RasterGDAL {
    private static let setup: Void = {
        GDALAllRegister()
        CPLSetErrorHandler(CPLQuietErrorHandler)
        // Bound the block cache so that peak memory does not grow with raster size.
        if CPLGetConfigOption("GDAL_CACHEMAX", nil) == nil {  // 32 MB measured fastest and flat in memory
            CPLSetConfigOption("GDAL_CACHEMAX", "32")
        }
    }()

    static func ensureRegistered() { _ = setup }

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
