import CSV
import Foundation
import SynergiaCore
import SynergiaCoverage

/// Writes a coverage result for the GIS analyst: summary.json and one CSV
/// per table (by site type, IUCN category, governance type, the time series,
/// the import problems, and the KBAs when the run had them), plus, when the
/// run kept its layers, coverage.gpkg and the per-site table (sites.csv,
/// sites.xlsx). Files appear only when all are written.
public enum CoverageTables {
    public static func write(_ result: CoverageResult, imported: WDPAImport, layers: CoverageLayers? = nil, to folder: String) throws {
        let target = URL(fileURLWithPath: folder)
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(result).write(to: staging.appendingPathComponent("summary.json"))
            let split = ["total_km2", "land_km2", "marine_km2", "total_percent", "land_percent", "marine_percent"]
            func cells(_ area: AreaSplit?) -> [String] {
                guard let area else { return Array(repeating: "", count: 6) }
                return [area.totalKm2, area.landKm2, area.marineKm2, area.totalPercent, area.landPercent, area.marinePercent]
                    .map { $0.map { String(format: "%.4f", $0) } ?? "" }
            }
            for (name, groups) in [("by_site_type", result.bySiteType), ("by_iucn_category", result.byIUCNCategory), ("by_governance_type", result.byGovernanceType)] {
                try csv(staging.appendingPathComponent("\(name).csv"), ["group", "sites"] + split + split.map { "exclusive_" + $0 },
                        groups.map { [$0.key, String($0.sites)] + cells($0.covered) + cells($0.exclusive) })
            }
            try csv(staging.appendingPathComponent("time_series.csv"), ["year"] + split,
                    result.timeSeries.map { [String($0.year)] + cells($0.covered) })
            if let kba = result.kba {
                try csv(staging.appendingPathComponent("kba_coverage.csv"), ["kba_id", "name", "area_km2", "covered_km2", "covered_percent", "fully_covered"],
                        kba.kbas.map { [$0.id, $0.name, String(format: "%.6f", $0.areaKm2), String(format: "%.6f", $0.coveredKm2),
                                        String(format: "%.4f", $0.coveredPercent), $0.fullyCovered ? "1" : "0"] })
            }
            if let layers {
                try CoverageGeoPackage.write(layers, to: staging.appendingPathComponent(CoverageGeoPackage.fileName).path)
                let rows = layers.sites.map(\.row)
                try csv(staging.appendingPathComponent(SiteTable.csvName), SiteColumns.all.map(\.name), SiteTable.csvRows(rows))
                try SiteTable.workbook(rows).write(to: staging.appendingPathComponent(SiteTable.workbookName))
            }
            try csv(staging.appendingPathComponent("import_problems.csv"), ["layer", "feature_id", "field", "value", "severity", "message"],
                    imported.problems.map { [$0.layer, String($0.featureID), $0.field, $0.value, $0.severity.rawValue, $0.message] })
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: staging, to: target)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    static func csv(_ url: URL, _ header: [String], _ rows: [[String]]) throws {
        guard let stream = OutputStream(url: url, append: false) else { throw CocoaError(.fileWriteUnknown) }
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: CSVFormulaGuard.row(row)) }
        writer.stream.close()
    }
}
