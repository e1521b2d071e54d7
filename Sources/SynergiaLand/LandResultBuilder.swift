import Foundation
import SynergiaGeoBindings

/// Turns the integer totals of a run into the tables users read (km², %, t).
struct LandResultBuilder {
    let options: LandOptions
    let totals: LandTotals
    let grid: RasterGrid
    let climateText: String

    static func km2(_ cm2: Int64) -> Double { Double(cm2) / 1e10 }

    func table(_ name: String, _ values: [(Int?, String, Int64)]) -> LandAreaTable {
        let total = values.reduce(Int64(0)) { $0 + $1.2 }
        let rows = values.map { code, label, a in
            LandAreaRow(code: code, label: label, km2: Self.km2(a), percent: total > 0 ? Double(a) / Double(total) * 100 : 0)
        }
        return LandAreaTable(name: name, rows: rows, totalKm2: Self.km2(total))
    }

    func triple(_ name: String, _ a: [Int64]) -> LandAreaTable {
        table(name, [(-1, "Degraded", a[0]), (0, "Stable", a[1]), (1, "Improved", a[2]), (nil, "No data", a[3])])
    }

    func build(folder: String, rasters: [String]) -> LandResult {
        let periods = options.periods.enumerated().map { period($0.offset, $0.element) }
        let denomText = options.denominator == .landWithData
            ? "area of the AOI without water bodies and no-data pixels (sum of degraded, stable and improved land)"
            : "whole area of the AOI, water bodies and no-data pixels included"
        return LandResult(method: "SDG 15.3.1, UNCCD Good Practice Guidance (one out, all out)", options: options, grid: grid,
                          aoiAreaKm2: Self.km2(totals.aoiArea), aoiPixels: totals.aoiPixels,
                          denominator: options.denominator, denominatorDescription: denomText,
                          periods: periods, outputFolder: folder, rasters: rasters,
                          so1: so1(periods, denominator: denomText))
    }

    private func period(_ k: Int, _ p: LandPeriod) -> LandPeriodResult {
        let t = totals.periods[k]
        let names = LandCoverClass.allCases.map(\.name)
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: 7), count: 7)
        for i in 0..<7 { for j in 0..<7 { matrix[i][j] = Self.km2(t.transitions[i * 7 + j]) } }
        let rowSums = (0..<7).map { i in (0..<7).reduce(Int64(0)) { $0 + t.transitions[i * 7 + $1] } }
        let colSums = (0..<7).map { j in (0..<7).reduce(Int64(0)) { $0 + t.transitions[$1 * 7 + j] } }
        let initial = table("land cover \(p.landCoverStart)", (0..<7).map { (i: Int) -> (Int?, String, Int64) in (i + 1, names[i], rowSums[i]) }).rows
        let final = table("land cover \(p.landCoverEnd)", (0..<7).map { (j: Int) -> (Int?, String, Int64) in (j + 1, names[j], colSums[j]) }).rows
        var prodRows: [LandProductivityTransitionRow] = [], socRows: [LandSOCTransitionRow] = []
        for i in 0..<7 { for j in 0..<7 {
            let tr = i * 7 + j, code = (i + 1) * 10 + j + 1
            prodRows.append(LandProductivityTransitionRow(transition: code, from: names[i], to: names[j],
                                                          km2ByLPD: (0..<6).map { Self.km2(t.lpdByTransition[tr * 6 + $0]) }))
            let s0 = Double(t.socStart[tr]) / 1000, s1 = Double(t.socEnd[tr]) / 1000
            socRows.append(LandSOCTransitionRow(transition: code, from: names[i], to: names[j], areaKm2: Self.km2(t.socArea[tr]),
                                                initialStockT: s0, finalStockT: s1, changeT: s1 - s0,
                                                changePercent: s0 > 0 ? (s1 - s0) / s0 * 100 : nil))
        } }
        let land = t.indicator[0] + t.indicator[1] + t.indicator[2]
        let denominator = options.denominator == .landWithData ? land : totals.aoiArea
        var status: LandAreaTable? = nil, collapsed: LandAreaTable? = nil
        if k > 0 {
            status = table("status \(p.name)", LandStatus.allCases.map { ($0.rawValue, $0.name, t.status[$0.rawValue]) } + [(nil, "No data", t.status[0])])
            var c = [Int64](repeating: 0, count: 4)
            for s in LandStatus.allCases { c[Int(s.collapsed) + 1] += t.status[s.rawValue] }
            c[3] = t.status[0]
            collapsed = triple("status (3 classes) \(p.name)", c)
        }
        return LandPeriodResult(
            period: p,
            landCover: triple("land cover sub-indicator", t.landCover),
            productivity: triple("productivity sub-indicator", t.productivity),
            soc: triple("SOC sub-indicator", t.soc),
            indicator: triple("SDG 15.3.1", t.indicator),
            lpdClasses: table("LPD classes", LandLPDClass.allCases.map { ($0.rawValue, $0.name, t.lpd[$0.rawValue]) } + [(nil, "No data", t.lpd[0])]),
            transitionMatrixKm2: matrix, landCoverInitialKm2: initial, landCoverFinalKm2: final,
            productivityByTransition: prodRows, socByTransition: socRows,
            waterKm2: Self.km2(t.water), denominatorKm2: Self.km2(denominator),
            degradedKm2: Self.km2(t.indicator[0]),
            proportionDegradedPercent: denominator > 0 ? Double(t.indicator[0]) / Double(denominator) * 100 : 0,
            status: status, statusCollapsed: collapsed,
            productivityNonWater: triple("productivity sub-indicator, land that is not water", t.productivityNonWater),
            change: k > 0 ? change(t.change) : nil,
            landCoverStartYearKm2: yearTable("land cover \(p.landCoverStart)", t.landCoverStart),
            landCoverEndYearKm2: yearTable("land cover \(p.landCoverEnd)", t.landCoverEnd))
    }

    /// A year's land cover, classes 1..7 then no data, from slots 1..7 and 0.
    private func yearTable(_ name: String, _ cm2: [Int64]) -> [LandAreaRow] {
        table(name, LandCoverClass.allCases.map { ($0.rawValue, $0.name, cm2[$0.rawValue]) } + [(nil, "No data", cm2[0])]).rows
    }

    /// The four 4x4 cross tables of `LandPeriodTotals.change`, in km².
    private func change(_ cm2: [Int64]) -> LandPeriodChange {
        func table(_ layer: Int) -> [[Double]] { (0..<4).map { b in (0..<4).map { r in Self.km2(cm2[layer * 16 + b * 4 + r]) } } }
        return LandPeriodChange(indicatorKm2: table(0), productivityKm2: table(1), landCoverKm2: table(2), socKm2: table(3))
    }

    private func so1(_ periods: [LandPeriodResult], denominator: String) -> LandSO1Summary {
        // SO1-1: land cover per year (first time a year appears), every AOI pixel with a class that
        // year, including those with no data in the period's other year.
        var lcYears: [Int: [String: Double]] = [:]
        var socYears: [Int: LandSO1Summary.SOCYear] = [:]
        for r in periods {
            let byName: ([LandAreaRow]) -> [String: Double] = { Dictionary(uniqueKeysWithValues: $0.map { ($0.label, $0.km2) }) }
            let start = r.landCoverStartYearKm2?.filter { $0.code != nil } ?? r.landCoverInitialKm2
            let end = r.landCoverEndYearKm2?.filter { $0.code != nil } ?? r.landCoverFinalKm2
            if lcYears[r.period.landCoverStart] == nil { lcYears[r.period.landCoverStart] = byName(start) }
            if lcYears[r.period.landCoverEnd] == nil { lcYears[r.period.landCoverEnd] = byName(end) }
            let area = r.socByTransition.reduce(0) { $0 + $1.areaKm2 }
            let s0 = r.socByTransition.reduce(0) { $0 + $1.initialStockT }, s1 = r.socByTransition.reduce(0) { $0 + $1.finalStockT }
            let ha = area * 100
            if socYears[r.period.landCoverStart] == nil {
                socYears[r.period.landCoverStart] = .init(year: r.period.landCoverStart, totalStockT: s0, meanTPerHa: ha > 0 ? s0 / ha : 0, areaKm2: area)
            }
            if socYears[r.period.landCoverEnd] == nil {
                socYears[r.period.landCoverEnd] = .init(year: r.period.landCoverEnd, totalStockT: s1, meanTPerHa: ha > 0 ? s1 / ha : 0, areaKm2: area)
            }
        }
        return LandSO1Summary(
            so1_1LandCover: lcYears.keys.sorted().map { .init(year: $0, km2ByClass: lcYears[$0]!) },
            so1_2Productivity: periods.map { r in
                .init(period: r.period.name, years: "\(r.period.productivityStart)-\(r.period.productivityEnd)",
                      km2ByClass: Dictionary(uniqueKeysWithValues: r.lpdClasses.rows.compactMap { row in row.code == nil ? nil : (row.label, row.km2) }),
                      noDataKm2: r.lpdClasses.km2(nil))
            },
            so1_3SOC: socYears.keys.sorted().map { socYears[$0]! },
            so1_4Degradation: periods.map { r in
                .init(period: r.period.name, degradedKm2: r.indicator.km2(-1), stableKm2: r.indicator.km2(0),
                      improvedKm2: r.indicator.km2(1), noDataKm2: r.indicator.km2(nil), totalLandKm2: r.denominatorKm2,
                      proportionDegradedPercent: r.proportionDegradedPercent)
            },
            so1_4Status: periods.compactMap { r in
                guard let s = r.status, let c = r.statusCollapsed else { return nil }
                return .init(period: r.period.name,
                             km2ByStatus: Dictionary(uniqueKeysWithValues: s.rows.map { ($0.label, $0.km2) }),
                             degradedKm2: c.km2(-1), stableKm2: c.km2(0), improvedKm2: c.km2(1))
            },
            climateFactor: climateText, denominator: denominator)
    }
}
