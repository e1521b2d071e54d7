import Foundation
import SynergiaGeoBindings

/// A small hand-built world at the equator, written with GDAL in the field
/// conventions of the boundary files people download. Every box is 2° × 2°:
/// KEN land 30–32°E 0–2°N with its EEZ 32–34°E; TZA land and EEZ just south;
/// UGA (landlocked) 28–30°E 0–2°N, in no EEZ; NOR, in Natural Earth's way,
/// with -99 in ISO_A3 and ISO_A3_EH. Sites: half of KEN's land (30–31°E), a
/// quarter of its EEZ (32–32.5°E), a quarter of UGA (28–28.5°E), half of TZA, half of NOR.
struct BoundaryFixtures {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-boundaries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) throws -> Data {
        try GEOSContext().polygon(shell: [x0, y0, x1, y0, x1, y1, x0, y1]).wkb()
    }

    static let land: [(code: String, box: (Double, Double, Double, Double))] = [
        ("KEN", (30, 0, 32, 2)), ("TZA", (30, -2, 32, 0)), ("UGA", (28, 0, 30, 2)), ("NOR", (10, 60, 12, 62)),
    ]
    static let eez: [(code: String, box: (Double, Double, Double, Double))] = [("KEN", (32, 0, 34, 2)), ("TZA", (32, -2, 34, 0))]

    /// Writes one layer whose fields are given per feature by `values(code)`.
    @discardableResult
    func write(_ name: String, layer: String, fields: [(String, FieldType)], features: [(code: String, box: (Double, Double, Double, Double))],
               values: (String) -> [FieldValue]) throws -> String {
        let rows = try features.map { f in (values(f.code), Optional(try Self.box(f.box.0, f.box.1, f.box.2, f.box.3))) }
        let writer = try VectorWriter(path: path(name))
        try writer.writeLayer(name: layer, srs: SpatialReference(SpatialReference.wgs84), geometry: .unknown, fields: fields, rows: rows)
        writer.close()
        return path(name)
    }

    /// Land with an ISO3 field, as Synergia's demo data and WDPA-style extracts.
    func iso3Land(_ name: String = "land.gpkg") throws -> String {
        try write(name, layer: "land", fields: [("ISO3", .string)], features: Self.land) { [.string($0)] }
    }

    func iso3EEZ(_ name: String = "eez.gpkg") throws -> String {
        try write(name, layer: "eez", fields: [("ISO3", .string)], features: Self.eez) { [.string($0)] }
    }

    /// ne_10m_admin_0_countries: ISO_A3 -99 for Norway, its code in ADM0_A3 and SOV_A3.
    func naturalEarthLand() throws -> String {
        try write("ne_10m_admin_0_countries.gpkg", layer: "ne_10m_admin_0_countries",
                  fields: [("ADMIN", .string), ("SOV_A3", .string), ("ADM0_A3", .string), ("ISO_A3", .string), ("ISO_A3_EH", .string)],
                  features: Self.land) { code in
            let iso: FieldValue = code == "NOR" ? .string("-99") : .string(code)
            return [.string("Country \(code)"), .string(code), .string(code), iso, iso]
        }
    }

    /// GADM level 0: GID_0 and COUNTRY.
    func gadmLand() throws -> String {
        try write("gadm41_level0.gpkg", layer: "ADM_0", fields: [("GID_0", .string), ("COUNTRY", .string)], features: Self.land) {
            [.string($0), .string("Country \($0)")]
        }
    }

    /// Marine Regions World EEZ v12: MRGID, GEONAME, POL_TYPE, ISO_TER1, ISO_SOV1.
    func marineRegionsEEZ() throws -> String {
        try write("eez_v12.gpkg", layer: "eez_v12",
                  fields: [("MRGID", .integer64), ("GEONAME", .string), ("POL_TYPE", .string), ("ISO_TER1", .string), ("ISO_SOV1", .string)],
                  features: Self.eez) { code in
            [.int(code == "KEN" ? 8347 : 8479), .string("\(code) Exclusive Economic Zone"), .string("200NM"), .string(code), .string(code)]
        }
    }

    /// A WDPA file (schema until Oct 2025) with one polygon site per box.
    func wdpa(_ sites: [(id: Int64, iso3: String, box: (Double, Double, Double, Double))] = Self.sites) throws -> String {
        let fields: [(String, FieldType)] = [
            ("WDPAID", .integer64), ("WDPA_PID", .string), ("PA_DEF", .string), ("NAME", .string), ("DESIG_ENG", .string),
            ("IUCN_CAT", .string), ("MARINE", .string), ("REP_AREA", .real), ("STATUS", .string), ("STATUS_YR", .integer64),
            ("GOV_TYPE", .string), ("ISO3", .string), ("PARENT_ISO3", .string),
        ]
        let rows = try sites.map { s -> (values: [FieldValue], wkb: Data?) in
            ([.int(s.id), .string(String(s.id)), .string("1"), .string("Site \(s.id)"), .string("National Park"), .string("II"),
              .string("0"), .null, .string("Designated"), .int(2000), .string("Federal or national ministry or agency"),
              .string(s.iso3), .string(s.iso3)], try Self.box(s.box.0, s.box.1, s.box.2, s.box.3))
        }
        let writer = try VectorWriter(path: path("wdpa.gpkg"))
        try writer.writeLayer(name: "wdpa_poly", srs: SpatialReference(SpatialReference.wgs84), geometry: .unknown, fields: fields, rows: rows)
        writer.close()
        return path("wdpa.gpkg")
    }

    static let sites: [(id: Int64, iso3: String, box: (Double, Double, Double, Double))] = [
        (1, "KEN", (30, 0, 31, 2)), (2, "KEN", (32, 0, 32.5, 2)), (3, "UGA", (28, 0, 28.5, 2)), (4, "TZA", (30, -2, 32, -1)),
        (5, "NOR", (10, 60, 11, 62)),
    ]
}
