import CGDAL
import Foundation

/// GDAL's process-wide set-up, done once before the first GDAL call: drivers
/// registered, errors kept off stderr (each failing call reads its thread's last
/// error), a bounded block cache, and no driver that reaches the network or
/// reads files beside the one it was asked to open.
enum GDALSetup {
    /// Options that decide what GDAL may touch. Set as process-wide options,
    /// which take precedence over the environment, so a variable set for the
    /// server cannot turn them back on.
    static let confinement: [(String, String)] = [
        // /vsicurl/ and the cloud file systems open only a file of this name or extension: none exists.
        ("CPL_VSIL_CURL_ALLOWED_FILENAME", "/synergia-opens-no-network-file"),
        ("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".synergia-opens-no-network-file"),
        ("CPL_VSIL_CURL_USE_HEAD", "NO"),
        ("GDAL_HTTP_TIMEOUT", "1"),
        ("GDAL_HTTP_CONNECTTIMEOUT", "1"),
        ("GDAL_HTTP_MAX_RETRY", "0"),
        // A file is read alone: no directory listing, no side-car (.aux.xml, .ovr, .msk, world files) looked up.
        ("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR"),
        ("GDAL_PAM_ENABLED", "NO"),
        // VRTs are only Synergia's own warped rasters: no Python pixel functions in them.
        ("GDAL_VRT_ENABLE_PYTHON", "NO"),
        // Only the drivers built into libgdal: no plug-in (Python or shared library) is loaded.
        ("GDAL_DRIVER_PATH", "disable"),
        ("GDAL_PYTHON_DRIVER_PATH", ""),
        ("OGR_SQLITE_LOAD_EXTENSIONS", ""),
        ("GML_DOWNLOAD_WFS_SCHEMA", "NO"),
    ]

    private static let done: Void = {
        for (key, value) in confinement { CPLSetConfigOption(key, value) }
        // Drivers GDAL has deprecated stay off even if the environment enables one.
        for key in ProcessInfo.processInfo.environment.keys where key.hasPrefix("GDAL_ENABLE_DEPRECATED_DRIVER_") {
            CPLSetConfigOption(key, "NO")
        }
        // 32 MB measured fastest and flat in memory; peak memory does not grow with raster size.
        if CPLGetConfigOption("GDAL_CACHEMAX", nil) == nil { CPLSetConfigOption("GDAL_CACHEMAX", "32") }
        GDALAllRegister()
        CPLSetErrorHandler(CPLQuietErrorHandler)
        // PROJ grids and GDAL's own HTTP fetches (schemas, services) are never downloaded.
        OSRSetPROJEnableNetwork(0)
        CPLHTTPSetFetchCallback({ _, _, _, _, _, _, _ in GDALSetup.refusedFetch() }, nil)
    }()

    /// Call before any GDAL use; cheap after the first call.
    static func ensure() { _ = done }

    /// The answer to every HTTP fetch GDAL tries: a failure, allocated as GDAL frees it.
    private static func refusedFetch() -> UnsafeMutablePointer<CPLHTTPResult>? {
        guard let raw = CPLCalloc(1, MemoryLayout<CPLHTTPResult>.size) else { return nil }
        let result = raw.assumingMemoryBound(to: CPLHTTPResult.self)
        result.pointee.nStatus = 1
        result.pointee.pszErrBuf = CPLStrdup("network access is disabled in Synergia")
        return result
    }
}
