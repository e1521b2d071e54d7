import CGDAL
import Foundation

/// How the bindings call GDAL: after the one process-wide set-up (`GDALSetup`,
/// which also keeps GDAL's messages off stderr), with the thread's last error
/// cleared first and read back as a Swift error or text after a failure.
enum GDALCall {
    static func run<T>(_ operation: String, _ body: () throws -> T) rethrows -> T {
        GDALSetup.ensure()
        CPLErrorReset()
        return try body()
    }

    /// The current thread's last GDAL error as a Swift error.
    static func lastError(_ operation: String, fallback: String = "unknown error") -> GeoError {
        let code = Int(CPLGetLastErrorNo())
        var message = CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
        if message.isEmpty { message = fallback }
        return .gdal(operation: operation, code: code, message: message)
    }

    /// The current thread's last GDAL error message, or `fallback`.
    static func lastMessage(_ fallback: String = "unknown GDAL error") -> String {
        guard let msg = CPLGetLastErrorMsg(), msg.pointee != 0 else { return fallback }
        return String(cString: msg)
    }

    static func reset() { CPLErrorReset() }

    /// Runs `body` with a NULL-terminated C string list (GDAL's CSL options).
    static func withCStringList<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> R) rethrows -> R {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for s in strings { list = CSLAddString(list, s) }
        defer { CSLDestroy(list) }
        return try body(list)
    }
}
