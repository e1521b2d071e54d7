import Foundation
import CGDAL

/// Every failure surfaced by SynergiaGeo. Messages from GEOS/GDAL are carried
/// verbatim so a user can search for them (e.g. "TopologyException: side location conflict").
public enum GeoError: Error, Sendable, CustomStringConvertible, Equatable {
    /// GEOS reported an error (the message comes from the context's error handler).
    case geos(operation: String, message: String)
    /// GDAL/OGR reported an error (CPLGetLastErrorMsg after the failing call).
    case gdal(operation: String, code: Int, message: String)
    /// PROJ / geodesic failures.
    case proj(operation: String, message: String)
    /// The input is unusable for reasons we detected ourselves.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .geos(op, msg): return "GEOS \(op) failed: \(msg)"
        case let .gdal(op, code, msg): return "GDAL \(op) failed (CPLE \(code)): \(msg)"
        case let .proj(op, msg): return "PROJ \(op) failed: \(msg)"
        case let .invalidInput(msg): return msg
        }
    }
}

/// GDAL keeps its last error per thread. We silence GDAL's default stderr
/// printing for the duration of a call (handler stack is thread-local, so the
/// rest of the application keeps its own handler) and turn failures into throws.
enum GDALCall {
    static func run<T>(_ operation: String, _ body: () throws -> T) rethrows -> T {
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
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
}

extension GeoError {
    /// The same error with `path` named by its file name and no other absolute path in its texts.
    func scrubbed(_ path: String) -> GeoError {
        switch self {
        case let .geos(op, msg): return .geos(operation: UserFile.scrub(op, path: path), message: UserFile.scrub(msg, path: path))
        case let .gdal(op, code, msg): return .gdal(operation: UserFile.scrub(op, path: path), code: code, message: UserFile.scrub(msg, path: path))
        case let .proj(op, msg): return .proj(operation: op, message: UserFile.scrub(msg, path: path))
        case let .invalidInput(msg): return .invalidInput(UserFile.scrub(msg, path: path))
        }
    }
}
