/// The kinds of file a report answer may carry: what countries send the
/// secretariats as evidence (documents, pictures, tables, maps). A kind is
/// decided by the file's content; its name only has to agree.
public enum AttachmentKind: String, Sendable, Codable, CaseIterable {
    case pdf
    case png
    case jpeg
    case xlsx
    case ods
    case csv
    case geopackage
    case shapefileZip = "shapefile_zip"
    case geojson
    case kml

    /// The media type a download is served with (IANA names; GeoPackage and KML as OGC registered them).
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .csv: "text/csv"
        case .geopackage: "application/geopackage+sqlite3"
        case .shapefileZip: "application/zip"
        case .geojson: "application/geo+json"
        case .kml: "application/vnd.google-earth.kml+xml"
        }
    }

    /// The name endings of this kind, lower case, the usual one first.
    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .xlsx: ["xlsx"]
        case .ods: ["ods"]
        case .csv: ["csv"]
        case .geopackage: ["gpkg"]
        case .shapefileZip: ["zip"]
        case .geojson: ["geojson", "json"]
        case .kml: ["kml"]
        }
    }

    /// How a message names the kind.
    public var label: String {
        switch self {
        case .pdf: "a PDF document"
        case .png: "a PNG image"
        case .jpeg: "a JPEG image"
        case .xlsx: "an Excel workbook (.xlsx)"
        case .ods: "an OpenDocument spreadsheet (.ods)"
        case .csv: "a CSV table"
        case .geopackage: "a GeoPackage"
        case .shapefileZip: "a zipped shapefile (.shp, .shx and .dbf in one ZIP)"
        case .geojson: "a GeoJSON file"
        case .kml: "a KML file"
        }
    }

    /// The kind a name ending announces, if any.
    public static func announced(byExtension ending: String) -> AttachmentKind? {
        let ending = ending.lowercased()
        return allCases.first { $0.extensions.contains(ending) }
    }

    /// Every accepted ending, for messages: ".pdf, .png, …".
    public static var acceptedEndings: String {
        allCases.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
    }
}
