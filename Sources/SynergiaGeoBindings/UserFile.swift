import CGDAL
import Foundation

/// What a file given by a user (uploaded, or named on the command line) must be.
public enum UserFileKind: Sendable {
    case vector, raster

    /// The only GDAL drivers that may read it: formats that hold their own data
    /// and never point to other files or addresses. (Cloud-optimised GeoTIFFs are
    /// read by GTiff; GDAL's COG driver only writes.)
    var drivers: [String] {
        switch self {
        case .vector: ["GPKG", "ESRI Shapefile", "GeoJSON", "OpenFileGDB"]
        case .raster: ["GTiff"]
        }
    }

    var expected: String {
        switch self {
        case .vector: "a GeoPackage, a shapefile (.shp with its .dbf, .shx and .prj, or all of them in one ZIP), a GeoJSON file or a file geodatabase"
        case .raster: "a GeoTIFF"
        }
    }
}

/// A user's file that Synergia refused to read, named as the user named it
/// (its base name, never a folder of the server), with what to do instead.
public struct UserFileRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var problem: String
    /// The file is not there at all (only ever said of the path the user gave).
    public var missing = false

    public var description: String { "\(file): \(problem)" }
}

/// The one way a user's file reaches GDAL. Before opening, it refuses anything
/// but a plain path (no /vsi… virtual file system, URL or driver connection
/// string) and any XML file (a VRT, or another format that points elsewhere);
/// it opens with the kind's drivers only; after opening, it refuses a dataset
/// that reads any file outside the user's own file or folder.
/// Synergia's own intermediate files (warped VRTs, engine outputs) are opened
/// with `SynergiaFile.open` instead.
public enum UserFile {
    static func open(_ path: String, kind: UserFileKind) throws -> GDALDatasetH {
        GDALSetup.ensure()
        let name = displayName(path)
        if let reason = notAPlainPath(path) { throw UserFileRefusal(file: name, problem: reason) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw UserFileRefusal(file: name, problem: "no such file or directory", missing: true)
        }
        if isFolder.boolValue, kind == .raster {
            throw UserFileRefusal(file: name, problem: "is a folder, not \(kind.expected); give the GeoTIFF file itself")
        }
        if !isFolder.boolValue, startsLikeXML(path) {
            throw UserFileRefusal(file: name, problem: "is an XML file (a GDAL VRT or another format that points to other files or addresses), not \(kind.expected); give the data file itself")
        }
        let source = kind == .vector && !isFolder.boolValue && path.lowercased().hasSuffix(".zip") ? "/vsizip/" + path : path
        let flags = UInt32(kind == .vector ? GDAL_OF_VECTOR : GDAL_OF_RASTER) | UInt32(GDAL_OF_READONLY)
        CPLErrorReset()
        let opened = GDALCall.run("GDALOpenEx") {
            GDALCall.withCStringList(kind.drivers) { GDALOpenEx(source, flags, UnsafePointer(OpaquePointer($0)), nil, nil) }
        }
        guard let handle = opened else {
            let detail = CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
            let reason = scrub(detail, path: path)
            throw UserFileRefusal(file: name, problem: "not readable as \(kind.expected)"
                                  + (reason.isEmpty || reason.contains("not recognized as a supported file format") ? "" : " (\(reason))")
                                  + "; check the file is complete and of that format")
        }
        let root = isFolder.boolValue ? standard(path) : standard((path as NSString).deletingLastPathComponent)
        if let outside = filesRead(by: handle).first(where: { !isInside($0, root: root) }) {
            GDALClose(handle)
            _ = outside  // never shown: whether a path outside exists is nobody's business
            throw UserFileRefusal(file: name, problem: "refers to other files outside itself, which Synergia does not read; give a self-contained \(kind == .raster ? "GeoTIFF" : "file")")
        }
        return handle
    }

    /// The name to show for `path`: the file name the user gave, never its folder.
    public static func displayName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        let last = trimmed.split(separator: "/").last.map(String.init) ?? trimmed
        return last.isEmpty ? "(no file name)" : last
    }

    /// Why `path` is not a plain file path GDAL may open, if it is not.
    static func notAPlainPath(_ path: String) -> String? {
        if path.isEmpty { return "no file given" }
        if path.hasPrefix("/vsi") || path.contains("://") {
            return "is an address or a GDAL virtual file system, not a file; give a file on this computer"
        }
        // GDAL connection strings and subdataset syntax: "PG:…", "GTIFF_DIR:…", "WMS:…".
        if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/"),
           path[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " " }) {
            return "looks like a GDAL connection string, not a file; give a file on this computer"
        }
        return nil
    }

    /// Whether the file's first non-blank character is "<" (VRT, GML, KML, WMS/WFS descriptions…).
    static func startsLikeXML(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1024)) ?? Data()
        let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF, 0x00]
        return head.first(where: { !blank.contains($0) }) == UInt8(ascii: "<")
    }

    /// Every file GDAL says the dataset reads.
    static func filesRead(by handle: GDALDatasetH) -> [String] {
        guard let list = GDALGetFileList(handle) else { return [] }
        defer { CSLDestroy(list) }
        var files: [String] = []
        var i = 0
        while let entry = list[i] { files.append(String(cString: entry)); i += 1 }
        return files
    }

    static func isInside(_ file: String, root: String) -> Bool {
        var plain = file
        if plain.hasPrefix("/vsizip/") { plain = String(plain.dropFirst("/vsizip/".count)) }
        if plain.hasPrefix("/vsi") || plain.contains("://") { return false }
        let path = standard(plain)
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func standard(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// GDAL's message with the user's path reduced to its file name and any other absolute path to its last part.
    public static func scrub(_ message: String, path: String) -> String {
        var text = message.replacingOccurrences(of: "/vsizip/" + path, with: displayName(path))
        text = text.replacingOccurrences(of: path, with: displayName(path))
        text = text.replacingOccurrences(of: standard(path), with: displayName(path))
        return PathScrubber.baseNamesOnly(text)
    }
}

/// Opens a file Synergia wrote itself (a warped VRT, an engine output) with any
/// driver: never a user's file, which goes through `UserFile.open`.
enum SynergiaFile {
    static func open(_ path: String, raster: Bool) -> GDALDatasetH? {
        GDALSetup.ensure()
        let flags = UInt32(raster ? GDAL_OF_RASTER : GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY)
        return GDALOpenEx(path, flags, nil, nil, nil)
    }
}

/// Reduces absolute paths in a message to their last part, so a message shown
/// to a user never names a folder of the server.
public enum PathScrubber {
    private static let absolutePath = try! NSRegularExpression(pattern: #"(?<![\w.~/:])(?:/[^\s'"`(),;:/\\]+)+/([^\s'"`(),;:/\\]+)"#)

    public static func baseNamesOnly(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        return absolutePath.stringByReplacingMatches(in: text, range: range, withTemplate: "$1")
    }
}
