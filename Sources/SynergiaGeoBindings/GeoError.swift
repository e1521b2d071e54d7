import Foundation

/// Every failure surfaced by the spatial bindings and the engines on them.
/// Messages from GEOS/GDAL are carried verbatim so a user can search for them
/// (e.g. "TopologyException: side location conflict"); every other case carries
/// the facts (file, grid, values, counts) a user needs to fix the input, and
/// names input files by their file name only, never by the folder they are in.
public enum GeoError: Error, Sendable, CustomStringConvertible, Equatable {
    /// GEOS reported an error (the message comes from the context's error handler).
    case geos(operation: String, message: String)
    /// GDAL/OGR reported an error (CPLGetLastErrorMsg after the failing call).
    case gdal(operation: String, code: Int, message: String)
    /// PROJ / geodesic failures.
    case proj(operation: String, message: String)
    /// The input is unusable for reasons we detected ourselves.
    case invalidInput(String)
    /// GDAL could not open or read a file (missing, truncated, corrupt, not a raster).
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    /// Two inputs are on different grids and alignment was not requested.
    case gridMismatch(first: String, second: String)
    /// The CRS is neither geographic nor equal-area: pixel areas would be wrong.
    case unsupportedProjection(String)
    case warpFailed(path: String, reason: String)
    /// Land-cover values that the nesting table does not map (value -> pixel count).
    case valuesMissingFromLegend(path: String, counts: [Int: Int])
    case invalidMatrix(String)
    case invalidLegend(String)
    case aoiDoesNotOverlap(aoi: String, grid: String)
    case aoiUnreadable(path: String, reason: String)
    case tooFewYears(what: String, years: Int, minimum: Int)
    case missingInput(String)
    case invalidOption(String)
    case outputExists(path: String)

    public var description: String {
        switch self {
        case let .geos(op, msg): return "GEOS \(op) failed: \(msg)"
        case let .gdal(op, code, msg): return "GDAL \(op) failed (CPLE \(code)): \(msg)"
        case let .proj(op, msg): return "PROJ \(op) failed: \(msg)"
        case let .invalidInput(msg): return msg
        case let .cannotOpen(path, reason): return "cannot open raster \(Self.name(path)): \(reason)"
        case let .readFailed(path, reason): return "cannot read raster \(Self.name(path)) (truncated or corrupt?): \(reason)"
        case let .writeFailed(path, reason): return "cannot write \(path): \(reason)"
        case let .gridMismatch(a, b):
            return "inputs are not on the same grid:\n  \(a)\n  \(b)\nalign them first or set the align option (nearest-neighbour warp to the land-cover grid)"
        case let .unsupportedProjection(s):
            return "unsupported projection (\(s)): use geographic coordinates (EPSG:4326) or an equal-area projection"
        case let .warpFailed(path, reason): return "cannot warp \(Self.name(path)) to the land-cover grid: \(reason)"
        case let .valuesMissingFromLegend(path, counts):
            let list = counts.keys.sorted().map { "value \($0): \(counts[$0]!) pixels" }.joined(separator: ", ")
            return "land cover \(Self.name(path)) has values missing from the legend: \(list)"
        case let .invalidMatrix(s): return "invalid transition matrix: \(s)"
        case let .invalidLegend(s): return "invalid legend/nesting table: \(s)"
        case let .aoiDoesNotOverlap(aoi, grid): return "the area of interest \(Self.name(aoi)) does not overlap the rasters (\(grid))"
        case let .aoiUnreadable(path, reason): return "cannot read the area of interest \(Self.name(path)): \(reason)"
        case let .tooFewYears(what, years, minimum):
            return "\(what) has \(years) years; at least \(minimum) are needed for a Mann-Kendall test significant at 95 %"
        case let .missingInput(s): return "missing input: \(s)"
        case let .invalidOption(s): return "invalid option: \(s)"
        case let .outputExists(path): return "output folder \(path) already exists (set overwrite to replace it)"
        }
    }

    private static func name(_ path: String) -> String { UserFile.displayName(path) }
}

extension GeoError {
    /// The same error with `path` named by its file name and no other absolute path in its texts
    /// (only GEOS, GDAL and PROJ texts can hold a path the caller did not choose to show).
    func scrubbed(_ path: String) -> GeoError {
        switch self {
        case let .geos(op, msg): return .geos(operation: UserFile.scrub(op, path: path), message: UserFile.scrub(msg, path: path))
        case let .gdal(op, code, msg): return .gdal(operation: UserFile.scrub(op, path: path), code: code, message: UserFile.scrub(msg, path: path))
        case let .proj(op, msg): return .proj(operation: op, message: UserFile.scrub(msg, path: path))
        case let .invalidInput(msg): return .invalidInput(UserFile.scrub(msg, path: path))
        default: return self
        }
    }
}
