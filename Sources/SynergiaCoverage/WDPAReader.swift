import Foundation
import SynergiaGeoBindings

/// Reads WDPA / WD-OECM layers (polygons and points) from any OGR vector
/// source and validates every record. Never crashes on bad data and never
/// drops a record silently: each rejected or normalised value is reported.
public enum WDPAReader {
    /// - Parameters:
    ///   - path: GeoPackage, shapefile (or .zip containing one), GeoJSON, .gdb directory…
    ///   - layer: a layer name, or nil for every layer that has a WDPA schema
    ///     (a WDPA release ships polygons and points as separate layers).
    ///   - policy: skip invalid records, or refuse the import if there is any.
    public static func read(path: String, layer: String? = nil, policy: ImportPolicy = .skipInvalid) throws -> WDPAImport {
        let ds = try VectorDataset(path: path)
        var layers: [VectorLayer] = []
        if let layer {
            layers = [try ds.layer(named: layer)]
        } else {
            layers = (0..<ds.layerCount).map { ds.layer(at: $0) }
                .filter { WDPASchema.detect(fields: Set($0.fieldIndex.keys)) != nil }
            if layers.isEmpty { throw WDPAImportError.noWDPALayer(path: path, layers: ds.layerNames) }
        }
        var result = WDPAImport(records: [], problems: [], layers: [])
        let wgs84 = try SpatialReference(SpatialReference.wgs84)
        for l in layers { try read(layer: l, wgs84: wgs84, into: &result) }
        if policy == .refuse, result.problems.contains(where: { $0.severity == .error }) {
            throw WDPAImportError.refused(problems: result.problems)
        }
        return result
    }

    private static func read(layer: VectorLayer, wgs84: SpatialReference, into result: inout WDPAImport) throws {
        let index = layer.fieldIndex
        guard let schema = WDPASchema.detect(fields: Set(index.keys)) else {
            throw WDPAImportError.noWDPALayer(path: layer.dataset.path, layers: [layer.name])
        }
        let missing = schema.required.filter { index[$0] == nil }
        if !missing.isEmpty { throw WDPAImportError.missingFields(layer: layer.name, fields: missing) }
        // Reproject to lon/lat WGS84 unless the layer already is (no SRS: assume WGS84, as GeoJSON mandates).
        var transform: CoordinateTransformation?
        if let srs = layer.spatialReference, !srs.isSame(as: wgs84) {
            transform = try CoordinateTransformation(from: srs, to: wgs84)
        }
        let name = layer.name
        let maxYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        var summary = LayerImportSummary(layer: name, schema: schema.version, featuresRead: 0, recordsAccepted: 0, recordsSkipped: 0)
        try layer.forEachFeature { f in
            summary.featuresRead += 1
            var problems: [ImportProblem] = []
            let record = parse(f, schema: schema, index: index, layer: name, maxYear: maxYear, transform: transform, problems: &problems)
            result.problems += problems
            if let record, !problems.contains(where: { $0.severity == .error }) {
                result.records.append(record)
                summary.recordsAccepted += 1
            } else {
                summary.recordsSkipped += 1
            }
        }
        result.layers.append(summary)
    }

    /// Builds one record; every anomaly is appended to `problems`.
    private static func parse(_ f: Feature, schema s: WDPASchema, index: [String: Int32], layer: String, maxYear: Int,
                              transform: CoordinateTransformation?, problems: inout [ImportProblem]) -> WDPARecord? {
        let fid = f.fid
        func value(_ field: String) -> String? {
            guard let i = index[field] else { return nil }
            return f.string(i)?.trimmedSpaces
        }
        func report(_ field: String, _ v: String?, _ msg: String, _ sev: ImportProblem.Severity = .error) {
            problems.append(ImportProblem(layer: layer, featureID: fid, field: field, value: v ?? "NULL", message: msg, severity: sev))
        }

        let idText = value(s.id)
        let id = idText.flatMap { Int64($0) ?? Double($0).flatMap { $0 == $0.rounded() && $0 > 0 ? Int64(exactly: $0) : nil } }
        if id == nil || id! <= 0 { report(s.id, idText, "site id must be a positive integer") }

        let typeText = value(s.siteType)
        let type = typeText.flatMap(WDPASchema.parseSiteType)
        if type == nil { report(s.siteType, typeText, "expected 1 (protected area) or 0 (OECM)") }

        let statusText = value(s.status)
        let status = statusText.flatMap(WDPASchema.parseStatus)
        if status == nil { report(s.status, statusText, "unknown STATUS") }

        var year = 0
        if let y = value(s.statusYear), !y.isEmpty {
            if let n = Int(y) ?? Double(y).flatMap({ Int(exactly: $0) }), n == 0 || (1700...maxYear).contains(n) { year = n }
            else { report(s.statusYear, y, "STATUS_YR must be 0 (unknown) or a year 1700–\(maxYear)") }
        }

        var realm = Realm.terrestrial
        if let r = value(s.realm), !r.isEmpty {
            if let p = WDPASchema.parseRealm(r) { realm = p } else { report(s.realm, r, "expected 0, 1 or 2") }
        }

        var iucn = IUCNCategory.notReported
        if let c = value(s.iucn), !c.isEmpty {
            if let p = WDPASchema.parseIUCN(c) { iucn = p } else { report(s.iucn, c, "unknown IUCN category, read as Not Reported", .warning) }
        }

        func area(_ field: String) -> Double? {
            guard let t = value(field), !t.isEmpty else { return nil }
            guard let d = Double(t), d.isFinite, d >= 0 else {
                report(field, t, "must be a non-negative number of km²", .warning)
                return nil
            }
            return d
        }
        let repArea = area(s.repArea)
        let repMarine = area(s.repMarineArea)
        let gisArea = area(s.gisArea)

        let isoText = value(s.iso3)
        let iso3 = WDPASchema.parseISO3List(isoText ?? "")
        if iso3.isEmpty { report(s.iso3, isoText, "no country code") }
        // Shapefiles truncate field names to 10 characters (PARENT_ISO3 → PARENT_ISO).
        let parent = WDPASchema.parseISO3List(value(s.parentISO3) ?? value(String(s.parentISO3.prefix(10))) ?? "")

        var wkb: Data?
        do {
            wkb = try f.geometryWKB(transform: transform)
            if wkb == nil { report("geometry", nil, "missing or empty geometry") }
        } catch {
            report("geometry", nil, "\(error)")
        }
        var kind: GeometryKind?
        if let wkb {
            kind = WDPASchema.wkbKind(wkb)
            if kind == nil { report("geometry", "WKB type", "not a polygon or point geometry") }
        }

        guard let id, let type, let status, let wkb, let kind, !iso3.isEmpty else { return nil }
        let name = s.nameFields().lazy.compactMap { value($0) }.first { !$0.isEmpty } ?? ""
        return WDPARecord(siteID: id, parcelID: value(s.parcelID) ?? String(id), siteType: type, name: name,
                          designation: value(s.designation) ?? "", designationType: value(s.designationType) ?? "",
                          iucnCategory: iucn, realm: realm, reportedArea: repArea, reportedMarineArea: repMarine, gisArea: gisArea,
                          status: status, statusYear: year, governanceType: value(s.governance) ?? "Not Reported",
                          iso3: iso3, parentISO3: parent.isEmpty ? iso3 : parent, geometryKind: kind, geometry: wkb,
                          source: RecordSource(layer: layer, featureID: fid))
    }
}
