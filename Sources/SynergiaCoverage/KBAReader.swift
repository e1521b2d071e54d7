import Foundation
import SynergiaGeoBindings

/// A Key Biodiversity Area as read from the user's layer; geometry as WKB in EPSG:4326.
public struct KBARecord: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Codes from the layer's country field; empty when the layer has none,
    /// and then a country's KBAs are those with area on its territory.
    public var iso3: [String]
    public var geometry: Data

    public init(id: String, name: String, iso3: [String] = [], geometry: Data) {
        self.id = id; self.name = name; self.iso3 = iso3; self.geometry = geometry
    }
}

public struct KBAImport: Sendable {
    public var records: [KBARecord]
    public var layer: String
    public var idField: String
    public var nameField: String
    public var countryField: String?
    /// Features whose geometry is missing or not polygonal (KBA points): they have no area to cover.
    public var featuresWithoutPolygon: Int
    /// What was chosen on the user's behalf (ids from the feature id), in the words the stored run keeps.
    public var warnings: [String] = []
}

/// Reads KBA polygons (SDG 15.1.2 / 15.4.1, docs/methods/protected-area-coverage.md
/// §Statistics users expect) from a user's vector file (`UserFile`: GeoPackage, shapefile, GeoJSON, FileGDB).
/// The id and name fields are detected among the names the KBA partnership and
/// common extracts use, or named by the user.
public enum KBAReader {
    /// SitRecID, NatName, IntName, ISO3 and Country are the KBA World Database export's fields.
    public static let idFieldCandidates = ["SITRECID", "KBA_ID", "KBAID", "SITE_ID", "ID"]
    /// Names the id option takes for the GDAL feature id rather than a field.
    public static let featureIDNames: Set<String> = ["FID"]
    public static let nameFieldCandidates = ["NATNAME", "INTNAME", "KBA_NAME", "NAME"]
    public static let countryFieldCandidates = ["ISO3", "ISO_CODE", "ISO"]

    public static func read(path: String, layer: String? = nil, idField: String? = nil, nameField: String? = nil) throws -> KBAImport {
        let dataset: VectorDataset
        do { dataset = try VectorDataset(path: path) } catch {
            throw GeoError.invalidInput("KBA file \(UserFile.displayName(path)) cannot be read: \(error)")
        }
        let source = try chooseLayer(dataset, named: layer)
        let index = source.fieldIndex
        let file = UserFile.displayName(path)
        func field(_ given: String?, _ candidates: [String], choice: KBAReadError.Choice) throws -> (name: String, index: Int32) {
            if let given {
                guard let i = index[given.uppercased()] else {
                    throw KBAReadError.fieldNotFound(file: file, layer: source.name, choice: choice, given: given, found: source.fieldNames)
                }
                return (source.fieldNames[Int(i)], i)
            }
            guard let name = candidates.first(where: { index[$0] != nil }), let i = index[name] else {
                throw KBAReadError.fieldNotDetected(file: file, layer: source.name, choice: choice, candidates: candidates, found: source.fieldNames)
            }
            return (source.fieldNames[Int(i)], i)
        }
        // The feature id when asked for, or when the layer has a name field but no id field:
        // a layer with neither is more likely the wrong file, and is refused naming both.
        var warnings: [String] = []
        let byFeatureID = idField.map { featureIDNames.contains($0.uppercased()) }
            ?? (!idFieldCandidates.contains { index[$0] != nil } && nameFieldCandidates.contains { index[$0] != nil })
        let id: (name: String, index: Int32)? = byFeatureID ? nil : try field(idField, idFieldCandidates, choice: .idField)
        let name = try field(nameField, nameFieldCandidates, choice: .nameField)
        if byFeatureID {
            warnings.append(idField == nil
                ? "KBA layer \(source.name) of \(file) has no id field (looked for \(idFieldCandidates.joined(separator: ", "))): each KBA is identified by its feature id, which changes when the file is exported again"
                : "KBA layer \(source.name) of \(file): each KBA is identified by its feature id, which changes when the file is exported again")
        }
        let country = countryFieldCandidates.first { index[$0] != nil }.flatMap { index[$0] }

        let wgs84 = try SpatialReference(SpatialReference.wgs84)
        var transform: CoordinateTransformation?
        if let srs = source.spatialReference, !srs.isSame(as: wgs84) { transform = try CoordinateTransformation(from: srs, to: wgs84) }
        var records: [KBARecord] = []
        var withoutPolygon = 0
        // An id names one KBA in the tables and the stored series: an empty or repeated one would merge or hide KBAs.
        var featureOfID: [String: Int64] = [:]
        let idName = id?.name ?? "fid"
        try source.forEachFeature { f in
            guard let wkb = try f.geometryWKB(transform: transform), WDPASchema.wkbKind(wkb) == .polygonal else {
                withoutPolygon += 1
                return
            }
            let kbaID = id.map { f.string($0.index)?.trimmingCharacters(in: .whitespaces) ?? "" } ?? String(f.fid)
            guard !kbaID.isEmpty else {
                throw KBAReadError.emptyID(file: file, layer: source.name, field: idName, featureID: f.fid)
            }
            if let first = featureOfID[kbaID] {
                throw KBAReadError.duplicateID(file: file, layer: source.name, field: idName, value: kbaID, featureIDs: [first, f.fid])
            }
            featureOfID[kbaID] = f.fid
            records.append(KBARecord(id: kbaID, name: f.string(name.index) ?? "",
                                     iso3: country.map { WDPASchema.parseISO3List(f.string($0) ?? "") } ?? [], geometry: wkb))
        }
        guard !records.isEmpty else {
            throw GeoError.invalidInput("KBA file \(UserFile.displayName(path)), layer \(source.name): no polygon among \(withoutPolygon) features; KBA coverage needs KBA polygons")
        }
        return KBAImport(records: records, layer: source.name, idField: idName, nameField: name.name,
                         countryField: country.map { source.fieldNames[Int($0)] }, featuresWithoutPolygon: withoutPolygon, warnings: warnings)
    }

    /// The layer named, the only layer, or the one layer with a recognisable KBA id field.
    private static func chooseLayer(_ dataset: VectorDataset, named: String?) throws -> VectorLayer {
        if let named {
            do { return try dataset.layer(named: named) } catch { throw GeoError.invalidInput("KBA file: \(error)") }
        }
        let layers = (0..<dataset.layerCount).map { dataset.layer(at: $0) }
        if layers.count == 1 { return layers[0] }
        let withID = layers.filter { l in idFieldCandidates.contains { l.fieldIndex[$0] != nil } }
        guard withID.count == 1 else {
            throw KBAReadError.severalLayers(file: dataset.name, layers: dataset.layerNames)
        }
        return withID[0]
    }
}
