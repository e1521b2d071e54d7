import Foundation
import SynergiaCore
import SynergiaLand

/// The UNCCD strategic objective 1 tables of a land run, kept with the run so a
/// report is filled without the output folder. Rows and columns carry the names
/// the PRAIS template uses for the same things (land cover classes, LPD classes,
/// status), so that a template maps only what it names differently. Areas in km²,
/// SOC stocks in t/ha (the mean over the pixels with SOC data) and t.
public enum LandRunTables {
    public static let landCoverClasses = ["tree_covered", "grassland", "cropland", "wetland", "artificial", "other_land", "water_bodies"]
    public static let productivityClasses = ["declining", "moderate_decline", "stressed", "stable", "increasing"]

    public static func tables(_ result: LandResult) -> [RunTable] {
        guard let baseline = result.periods.first, let latest = result.periods.last else { return [] }
        let reporting = Array(result.periods.dropFirst())
        var tables = [
            landCoverArea(result.periods),
            change("land_cover_change_baseline", baseline), change("land_cover_change_latest", latest),
            productivityByLandCover("lpd_by_land_cover_baseline", baseline), productivityByLandCover("lpd_by_land_cover_latest", latest),
            lpdClasses(latest),
            degradation("land_cover_degradation", baseline: baseline.landCover, latest: reporting.isEmpty ? nil : latest.landCover),
            degradation("productivity_degradation", baseline: baseline.productivity, latest: reporting.isEmpty ? nil : latest.productivity),
            degradation("soc_degradation", baseline: baseline.soc, latest: reporting.isEmpty ? nil : latest.soc),
            soc(baseline: baseline, reporting: reporting),
            degradedByPeriod(result.periods),
        ]
        if let change = latest.change, !reporting.isEmpty { tables.append(status(change.indicatorKm2)) }
        return tables.filter { !$0.cells.isEmpty }
    }

    /// Each class's area in the baseline's first and last year, the previous reporting period's
    /// last year and the latest year: every pixel of the area of interest that year.
    static func landCoverArea(_ periods: [LandPeriodResult]) -> RunTable {
        var cells: [String: [String: Double]] = [:]
        func put(_ column: String, _ rows: [LandAreaRow]) {
            for row in rows { if let code = row.code, (1...7).contains(code) { cells[landCoverClasses[code - 1], default: [:]][column] = row.km2 } }
        }
        if let baseline = periods.first {
            put("initial", baseline.landCoverStartYearKm2 ?? baseline.landCoverInitialKm2)
            put("baseline", baseline.landCoverEndYearKm2 ?? baseline.landCoverFinalKm2)
        }
        if periods.count >= 3 {
            let previous = periods[periods.count - 2]
            put("previous_reporting", previous.landCoverEndYearKm2 ?? previous.landCoverFinalKm2)
        }
        if periods.count >= 2, let latest = periods.last { put("latest", latest.landCoverEndYearKm2 ?? latest.landCoverFinalKm2) }
        return RunTable(name: "land_cover_area", units: ["*": "km2"], cells: cells)
    }

    /// km² from each class at the period's start (row) to each class at its end (column).
    static func change(_ name: String, _ period: LandPeriodResult) -> RunTable {
        var cells: [String: [String: Double]] = [:]
        for (i, row) in period.transitionMatrixKm2.prefix(7).enumerated() {
            for (j, km2) in row.prefix(7).enumerated() { cells[landCoverClasses[i], default: [:]][landCoverClasses[j]] = km2 }
        }
        return RunTable(name: name, units: ["*": "km2"], cells: cells)
    }

    /// km² of each LPD class in each land cover class of the period's last year.
    static func productivityByLandCover(_ name: String, _ period: LandPeriodResult) -> RunTable {
        var cells: [String: [String: Double]] = [:]
        for row in period.productivityByTransition {
            let final = row.transition % 10
            guard (1...7).contains(final) else { continue }
            for (index, km2) in row.km2ByLPD.enumerated() {
                let column = index == 0 ? "no_data" : productivityClasses[index - 1]
                cells[landCoverClasses[final - 1], default: [:]][column, default: 0] += km2
            }
        }
        return RunTable(name: name, units: ["*": "km2"], cells: cells.mapValues { $0.mapValues(rounded) })
    }

    static func lpdClasses(_ period: LandPeriodResult) -> RunTable {
        var cells: [String: [String: Double]] = [:]
        for row in period.lpdClasses.rows {
            guard let code = row.code, (1...5).contains(code) else { continue }
            cells[productivityClasses[code - 1]] = ["area": row.km2, "share": row.percent]
        }
        return RunTable(name: "lpd_classes_latest", units: ["area": "km2", "share": "percent"], cells: cells)
    }

    /// Improved, stable, degraded and no data in the baseline and the latest reporting period.
    static func degradation(_ name: String, baseline: LandAreaTable, latest: LandAreaTable?) -> RunTable {
        var cells: [String: [String: Double]] = [:]
        func put(_ prefix: String, _ table: LandAreaTable) {
            for row in table.rows {
                let id = switch row.code { case .some(-1): "degraded"; case .some(0): "stable"; case .some(1): "improved"; default: "no_data" }
                cells[id, default: [:]][prefix + "_area"] = row.km2
                cells[id, default: [:]][prefix + "_percent"] = row.percent
            }
        }
        put("baseline", baseline)
        if let latest { put("reporting", latest) }
        return RunTable(name: name, units: ["baseline_area": "km2", "reporting_area": "km2", "baseline_percent": "percent", "reporting_percent": "percent"], cells: cells)
    }

    /// Mean SOC stock (t/ha) of each class at the baseline's start and end, the previous
    /// reporting period's end and the latest year, and the latest total stock (t).
    static func soc(baseline: LandPeriodResult, reporting: [LandPeriodResult]) -> RunTable {
        var cells: [String: [String: Double]] = [:]
        func put(_ column: String, _ rows: [LandSOCTransitionRow], atStart: Bool, total: String? = nil) {
            var stock = [Double](repeating: 0, count: 7), area = [Double](repeating: 0, count: 7)
            for row in rows {
                let code = atStart ? row.transition / 10 : row.transition % 10
                guard (1...7).contains(code) else { continue }
                stock[code - 1] += atStart ? row.initialStockT : row.finalStockT
                area[code - 1] += row.areaKm2
            }
            for index in 0..<7 where area[index] > 0 {
                cells[landCoverClasses[index], default: [:]][column] = rounded(stock[index] / (area[index] * 100))
                if let total { cells[landCoverClasses[index], default: [:]][total] = rounded(stock[index]) }
            }
        }
        put("initial", baseline.socByTransition, atStart: true)
        put("baseline", baseline.socByTransition, atStart: false)
        if reporting.count >= 2 { put("previous_reporting", reporting[reporting.count - 2].socByTransition, atStart: false) }
        if let latest = reporting.last { put("latest", latest.socByTransition, atStart: false, total: "latest_total") }
        return RunTable(name: "soc_by_land_cover", units: ["initial": "t_per_ha", "baseline": "t_per_ha", "previous_reporting": "t_per_ha",
                                                          "latest": "t_per_ha", "latest_total": "t"], cells: cells)
    }

    /// Degraded area, its change from the baseline and the proportion degraded: the baseline
    /// row, then one row per reporting period under the period's name (`report_2019`).
    static func degradedByPeriod(_ periods: [LandPeriodResult]) -> RunTable {
        var cells: [String: [String: Double]] = [:]
        guard let baseline = periods.first else { return RunTable(name: "degraded_by_period", units: [:], cells: [:]) }
        for (index, period) in periods.enumerated() {
            let row = index == 0 ? "baseline" : period.period.name
            cells[row] = ["degraded_area": period.degradedKm2, "area_change": rounded(period.degradedKm2 - baseline.degradedKm2),
                          "degraded_percent": period.proportionDegradedPercent]
        }
        return RunTable(name: "degraded_by_period", units: ["degraded_area": "km2", "area_change": "km2", "degraded_percent": "percent"], cells: cells)
    }

    /// km² by the land's condition in the baseline (row) and in the latest period (column).
    static func status(_ matrix: [[Double]]) -> RunTable {
        let names = ["degraded", "stable", "improved"]
        var cells: [String: [String: Double]] = [:]
        for (i, row) in matrix.prefix(3).enumerated() {
            for (j, km2) in row.prefix(3).enumerated() { cells["baseline_" + names[i], default: [:]]["reporting_" + names[j]] = km2 }
        }
        return RunTable(name: "status_latest", units: ["*": "km2"], cells: cells)
    }

    /// Sums of km² kept to the square metre, as the engine's own tables are.
    static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
