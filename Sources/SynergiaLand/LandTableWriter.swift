import Foundation
import SynergiaCore

/// Writes the result tables as JSON (tables.json with everything, summary.json
/// with the SO1 values, trends-earth-summary.json in the Trends.Earth reporting
/// schema and prais_summary.json for PRAIS 4) and as CSV files, one table per file.
enum LandTableWriter {
    static func write(_ r: LandResult, to folder: URL) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(r).write(to: folder.appendingPathComponent("tables.json"))
        try enc.encode(r.so1).write(to: folder.appendingPathComponent("summary.json"))

        var areas = line(["period", "table", "code", "class", "km2", "percent"])
        var matrix = line(["period", "from_code", "from", "to_code", "to", "km2"])
        var prod = line(["period", "transition", "from", "to", "lpd_no_data_km2", "declining_km2", "moderate_decline_km2",
                         "stressed_km2", "stable_km2", "increasing_km2"])
        var soc = line(["period", "transition", "from", "to", "area_km2", "initial_stock_t", "final_stock_t", "change_t", "change_percent"])
        var summary = line(["period", "degraded_km2", "stable_km2", "improved_km2", "no_data_km2", "water_km2", "denominator_km2",
                            "proportion_degraded_percent"])
        for p in r.periods {
            let n = p.period.name
            var tables = [p.landCover, p.productivity, p.soc, p.indicator, p.lpdClasses]
            if let s = p.status { tables.append(s) }
            if let c = p.statusCollapsed { tables.append(c) }
            for t in tables { for row in t.rows {
                areas += line([n, t.name, row.code.map(String.init) ?? "", row.label, num(row.km2), num(row.percent)])
            } }
            for i in 0..<7 { for j in 0..<7 {
                let a = LandCoverClass(rawValue: i + 1)!, b = LandCoverClass(rawValue: j + 1)!
                matrix += line([n, String(i + 1), a.name, String(j + 1), b.name, num(p.transitionMatrixKm2[i][j])])
            } }
            for row in p.productivityByTransition {
                prod += line([n, String(row.transition), row.from, row.to] + row.km2ByLPD.map(num))
            }
            for row in p.socByTransition {
                soc += line([n, String(row.transition), row.from, row.to, num(row.areaKm2), num(row.initialStockT),
                             num(row.finalStockT), num(row.changeT), row.changePercent.map(num) ?? ""])
            }
            summary += line([n, num(p.indicator.km2(-1)), num(p.indicator.km2(0)), num(p.indicator.km2(1)), num(p.indicator.km2(nil)),
                             num(p.waterKm2), num(p.denominatorKm2), num(p.proportionDegradedPercent)])
        }
        for (name, text) in [("area_by_class.csv", areas), ("land_cover_transitions.csv", matrix),
                             ("productivity_by_transition.csv", prod), ("soc_by_transition.csv", soc),
                             ("sdg_15_3_1_summary.csv", summary)] {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    /// trends-earth-summary.json and prais_summary.json, keys in the order Trends.Earth writes them.
    static func writeTrendsEarth(_ summary: LandTrendsEarthSummary, to folder: URL) throws {
        let prais = LandPRAISSummary(summary: summary, runID: UUID(), taskName: summary.metadata.area_of_interest.name,
                                     taskNotes: "SDG 15.3.1 by \(summary.metadata.trends_earth_version.version), "
                                         + "periods: " + summary.periodKeys.joined(separator: ", "))
        try LandOrderedJSON.data(summary).write(to: folder.appendingPathComponent("trends-earth-summary.json"))
        try LandOrderedJSON.data(prais).write(to: folder.appendingPathComponent(LandPRAISSummary.fileName))
    }

    /// One CSV record. Period names and labels come from users, so every cell passes the
    /// formula guard (numbers come through unchanged) before RFC 4180 quoting.
    static func line(_ cells: [String]) -> String {
        cells.map { quoted(CSVFormulaGuard.cell($0)) }.joined(separator: ",") + "\n"
    }

    /// RFC 4180: a cell holding a comma, a double quote, CR or LF is enclosed in double
    /// quotes, with each double quote inside doubled.
    static func quoted(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Fixed 6 decimals: km² to the m², percent to 1e-6.
    static func num(_ v: Double) -> String { String(format: "%.6f", v) }
}
