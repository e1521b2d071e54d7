import Foundation

/// Tells what a file is from its bytes (signatures, a ZIP's directory, a
/// GeoPackage's application id, the root of a GeoJSON or KML text), never
/// from its name. A ZIP archive's directory is read by the caller's ZIP library
/// and given as an `ArchiveListing`.
public enum AttachmentContent {
    /// A ZIP archive starts with a local file header.
    public static func isZip(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// The kind the bytes are, or nil when they are none Synergia accepts.
    /// Text kinds are told apart by what the name announces: a CSV table and a
    /// GeoJSON file are both text, so the bytes are checked for the announced one.
    public static func kind(of data: Data, announced: AttachmentKind?, archive: ArchiveListing?) -> AttachmentKind? {
        if let binary = binaryKind(data, archive: archive) { return binary }
        if isZip(data) || isSQLite(data) { return nil }
        switch announced {
        case .geojson?: return isGeoJSON(data) ? .geojson : nil
        case .kml?: return isKML(data) ? .kml : nil
        case .csv?: return isPlainText(data) ? .csv : nil
        default: return nil
        }
    }

    /// How a refusal describes bytes that are not the kind announced.
    public static func describe(_ data: Data, archive: ArchiveListing?) -> String {
        if let binary = binaryKind(data, archive: archive) { return binary.label }
        if isZip(data) { return "a ZIP archive of other files" }
        if isSQLite(data) { return "an SQLite database that is not a GeoPackage" }
        if isGeoJSON(data) { return AttachmentKind.geojson.label }
        if isKML(data) { return AttachmentKind.kml.label }
        if isPlainText(data) { return "plain text" }
        return "binary data of a kind Synergia does not accept"
    }

    static func binaryKind(_ data: Data, archive: ArchiveListing?) -> AttachmentKind? {
        let bytes = [UInt8](data.prefix(1024))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        // PDF readers accept the header anywhere in the first 1,024 bytes (ISO 32000-1, annex H).
        if contains(bytes, Array("%PDF-".utf8)) { return .pdf }
        if isSQLite(data), data.count >= 72 {
            // GeoPackage 1.2 and later: application_id "GPKG"; 1.0 and 1.1 wrote "GP10" and "GP11".
            let id = [UInt8](data[(data.startIndex + 68)..<(data.startIndex + 72)])
            if [Array("GPKG".utf8), Array("GP10".utf8), Array("GP11".utf8)].contains(id) { return .geopackage }
            return nil
        }
        if isZip(data), let archive {
            if archive.names.contains("[Content_Types].xml") && archive.names.contains("xl/workbook.xml") { return .xlsx }
            if archive.mimetype == "application/vnd.oasis.opendocument.spreadsheet" { return .ods }
            if isZippedShapefile(archive.names) { return .shapefileZip }
        }
        return nil
    }

    static func isSQLite(_ data: Data) -> Bool {
        data.starts(with: Array("SQLite format 3\0".utf8))
    }

    /// A shapefile is its .shp geometry, .shx index and .dbf attributes under one name.
    static func isZippedShapefile(_ names: [String]) -> Bool {
        let lowered = Set(names.map { $0.lowercased() })
        return lowered.contains { name in
            guard name.hasSuffix(".shp") else { return false }
            let stem = name.dropLast(4)
            return lowered.contains(stem + ".shx") && lowered.contains(stem + ".dbf")
        }
    }

    static let geoJSONTypes: Set<String> = ["FeatureCollection", "Feature", "Point", "MultiPoint", "LineString",
                                            "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]

    /// RFC 7946: one JSON object whose `type` is a GeoJSON type.
    static func isGeoJSON(_ data: Data) -> Bool {
        guard textStart(data) == UInt8(ascii: "{"),
              let object = try? JSONSerialization.jsonObject(with: withoutByteOrderMark(data)) as? [String: Any],
              let type = object["type"] as? String else { return false }
        return geoJSONTypes.contains(type)
    }

    /// OGC KML 2.2: an XML document whose root element is `kml`.
    static func isKML(_ data: Data) -> Bool {
        guard textStart(data) == UInt8(ascii: "<"), isPlainText(data) else { return false }
        let head = String(decoding: withoutByteOrderMark(data).prefix(4096), as: UTF8.self)
        guard let root = head.range(of: "<kml") else { return false }
        // Only the XML declaration and comments may come before the root.
        let before = head[..<root.lowerBound].replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
            .replacingOccurrences(of: "<\\?xml[^>]*\\?>", with: "", options: .regularExpression)
        return before.allSatisfy(\.isWhitespace)
    }

    /// Text in UTF-8 or a one-byte encoding: no NUL byte (UTF-16 and binary files have them).
    static func isPlainText(_ data: Data) -> Bool {
        !data.isEmpty && !data.contains(0)
    }

    static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
    }

    static func textStart(_ data: Data) -> UInt8? {
        withoutByteOrderMark(data).first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
