import Foundation
import SynergiaGeoBindings

/// Writes `CoverageLayers` as a GeoPackage for QGIS, in EPSG:4326: layer
/// `coverage` (one feature per realm: iso3, realm, area_km2) and, when the run
/// had KBAs, layer `kba_coverage` (one feature per KBA with its coverage);
/// layer `sites`: the per-site table (`SiteColumns`), each site with its
/// geometry as used, a record left out without geometry.
/// The file is written under a temporary name and renamed into place, so a
/// failed run never leaves a file that looks complete.
public enum CoverageGeoPackage {
    public static let fileName = "coverage.gpkg"
    public static let coverageLayer = "coverage"
    public static let kbaLayer = "kba_coverage"
    public static let sitesLayer = "sites"

    public static func write(_ layers: CoverageLayers, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.deletingPathExtension().lastPathComponent)-\(UUID().uuidString).partial.gpkg")
        do {
            let writer = try VectorWriter(path: temporary.path)
            let wgs84 = try SpatialReference(SpatialReference.wgs84)
            try writer.writeLayer(name: coverageLayer, srs: wgs84, geometry: .multiPolygon,
                                  fields: [("iso3", .string), ("realm", .string), ("area_km2", .real)],
                                  rows: layers.coverage.map { ([.string(layers.country), .string($0.realm), .double($0.areaKm2)], $0.wkb) })
            if let kbas = layers.kbas {
                try writer.writeLayer(name: kbaLayer, srs: wgs84, geometry: .multiPolygon,
                                      fields: [("kba_id", .string), ("name", .string), ("iso3", .string), ("area_km2", .real),
                                               ("covered_km2", .real), ("covered_percent", .real), ("fully_covered", .integer64)],
                                      rows: kbas.map { k in
                                          let c = k.coverage
                                          return ([.string(c.id), .string(c.name), .string(layers.country), .double(c.areaKm2), .double(c.coveredKm2),
                                                   .double(c.coveredPercent), .int(c.fullyCovered ? 1 : 0)], k.wkb)
                                      })
            }
            try writer.writeLayer(name: sitesLayer, srs: wgs84, geometry: .multiPolygon,
                                  fields: SiteColumns.all.map { column in
                                      (column.name.lowercased(), column.kind == .text ? .string : column.kind == .integer ? .integer64 : .real)
                                  },
                                  rows: layers.sites.map { site in
                                      (SiteColumns.all.map { column in
                                          switch column.value(site.row) {
                                          case .text(let text): .string(text)
                                          case .integer(let number): .int(number)
                                          case .real(let number): number.map(FieldValue.double) ?? .null
                                          }
                                      }, site.wkb)
                                  })
            writer.close()
            // rename(2) replaces an older file atomically.
            guard rename(temporary.path, target.path) == 0 else {
                throw GeoError.invalidInput("cannot move \(temporary.path) to \(target.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
