import Foundation
import SynergiaGeoBindings

/// One period of a Trends.Earth land condition summary (`te_schemas.reporting.LandConditionReport`):
/// the period's own assessment, and for a reporting period its status and change against the baseline.
extension LandTrendsEarthSummary {
    public struct SDG15Report: Encodable, Sendable { var summary: AreaList }
    public struct ProductivityReport: Encodable, Sendable { var summaries: LandJSONObject<AreaList>; var crosstabs_by_productivity_class: [CrossTab] }
    public struct LandCoverReport: Encodable, Sendable {
        var summary: AreaList
        var legend_nesting: LCLegendNesting
        var transition_matrix: LCTransitionDefinitionDeg
        var crosstabs_by_land_cover_class: [CrossTab]
        var land_cover_areas_by_year: ValuesByYearDict
    }
    public struct SoilOrganicCarbonReport: Encodable, Sendable {
        var summaries: LandJSONObject<AreaList>
        var crosstab_by_land_cover_class: CrossTabInitialFinal
        var soc_stock_by_year: ValuesByYearDict
    }
    public struct LandConditionAssessment: Encodable, Sendable {
        var sdg: SDG15Report
        var productivity: ProductivityReport
        var land_cover: LandCoverReport
        var soil_organic_carbon: SoilOrganicCarbonReport
        /// Synergia has no false-positive/negative polygons: null, as Trends.Earth writes it without them.
        var error_recode: OrNull<JSONValue> = .null
        var sdg_error_recode: OrNull<AreaList> = .null
    }
    public struct LandConditionStatus: Encodable, Sendable {
        var sdg: AreaList; var productivity: LandJSONObject<AreaList>; var land_cover: AreaList; var soil_organic_carbon: LandJSONObject<AreaList>
    }
    public struct LandConditionChange: Encodable, Sendable {
        var sdg: CrossTab; var productivity: CrossTab; var land_cover: CrossTab; var soil_organic_carbon: CrossTab
    }
    public struct LandConditionReport: Encodable, Sendable {
        var period_assessment: LandConditionAssessment
        var status_assessment: OrNull<LandConditionStatus>
        var change_assessment: OrNull<LandConditionChange>
    }

    /// Summary keys of Trends.Earth: every land-cover class, and the land that is not water.
    static let allCoverTypes = "all_cover_types", nonWater = "non_water"

    static func report(_ p: LandPeriodResult, legend: LCLegend, nesting: LCLegendNesting,
                       matrix: LCTransitionDefinitionDeg) -> LandConditionReport {
        let assessment = LandConditionAssessment(
            sdg: SDG15Report(summary: areas("SDG Indicator 15.3.1", p.indicator)),
            productivity: productivity(p, legend: legend),
            land_cover: landCover(p, legend: legend, nesting: nesting, matrix: matrix),
            soil_organic_carbon: soc(p, legend: legend))
        guard let change = p.change else { return LandConditionReport(period_assessment: assessment, status_assessment: .null, change_assessment: .null) }
        return LandConditionReport(period_assessment: assessment, status_assessment: .value(status(change)),
                                   change_assessment: .value(changeTables(change, p.period)))
    }

    /// Trends.Earth's labels of a transition: the long names of the classes.
    static func transitionCells(_ legend: LCLegend, _ value: (Int, Int) -> Double) -> [CrossTabEntry] {
        legend.key.flatMap { a in legend.key.map { b in CrossTabEntry(initial_label: a.name_long, final_label: b.name_long, value: value(a.code, b.code)) } }
    }

    static func productivity(_ p: LandPeriodResult, legend: LCLegend) -> ProductivityReport {
        // Trends.Earth's productivity classes, in its order, with the LPD column of each (0 = no data).
        let classes: [(String, Int)] = LandLPDClass.allCases.reversed().map { ($0.name, $0.rawValue) } + [("No data", 0)]
        let byTransition = Dictionary(uniqueKeysWithValues: p.productivityByTransition.map { ($0.transition, $0.km2ByLPD) })
        let tabs = classes.map { label, column in
            CrossTab(name: label, initial_year: p.period.productivityStart, final_year: p.period.productivityEnd,
                     values: transitionCells(legend) { a, b in byTransition[a * 10 + b]?[column] ?? 0 })
        }
        var summaries = [(key: allCoverTypes, value: areas("Productivity", p.productivity))]
        if let n = p.productivityNonWater { summaries.append((key: nonWater, value: areas("Productivity", n))) }
        return ProductivityReport(summaries: LandJSONObject(summaries), crosstabs_by_productivity_class: tabs)
    }

    static func landCover(_ p: LandPeriodResult, legend: LCLegend, nesting: LCLegendNesting, matrix: LCTransitionDefinitionDeg) -> LandCoverReport {
        // Trends.Earth lists the transitions from the largest area down.
        let cells = transitionCells(legend) { a, b in p.transitionMatrixKm2[a - 1][b - 1] }
            .enumerated().sorted { ($0.element.value, -$0.offset) > ($1.element.value, -$1.offset) }.map(\.element)
        let start = p.landCoverStartYearKm2 ?? p.landCoverInitialKm2, end = p.landCoverEndYearKm2 ?? p.landCoverFinalKm2
        let byYear = LandJSONObject([(key: String(p.period.landCoverStart), value: LandJSONObject(start.map { (key: $0.label, value: $0.km2) })),
                                     (key: String(p.period.landCoverEnd), value: LandJSONObject(end.map { (key: $0.label, value: $0.km2) }))])
        return LandCoverReport(
            summary: areas("Land cover", p.landCover), legend_nesting: nesting, transition_matrix: matrix,
            crosstabs_by_land_cover_class: [CrossTab(name: "Land area by land cover transition type", initial_year: p.period.landCoverStart,
                                                     final_year: p.period.landCoverEnd, values: cells)],
            land_cover_areas_by_year: ValuesByYearDict(name: "Area by year by land cover class", unit: "sq km", values: byYear))
    }

    static func soc(_ p: LandPeriodResult, legend: LCLegend) -> SoilOrganicCarbonReport {
        let rows = Dictionary(uniqueKeysWithValues: p.socByTransition.map { ($0.transition, $0) })
        var cells: [CrossTabEntryInitialFinal] = []
        for a in legend.key { for b in legend.key {
            let row = rows[a.code * 10 + b.code]
            cells.append(CrossTabEntryInitialFinal(initial_label: a.name_long, final_label: b.name_long,
                                                   initial_value: row?.initialStockT ?? 0, final_value: row?.finalStockT ?? 0))
        } }
        // Stocks are known only where the SOC sub-indicator is (never on water): water and no data are left out, not written as 0.
        let classes = LandCoverClass.allCases.filter { $0 != .water }.map(\.name)
        let start = LandJSONObject(classes.map { c in (key: c, value: p.socByTransition.filter { $0.from == c }.reduce(0) { $0 + $1.initialStockT }) })
        let end = LandJSONObject(classes.map { c in (key: c, value: p.socByTransition.filter { $0.to == c }.reduce(0) { $0 + $1.finalStockT }) })
        // Every water pixel is SOC no data, so the land that is not water differs only in its no-data area.
        let s = p.soc
        let nonWaterSummary = areas("Soil organic carbon", improved: s.km2(1), stable: s.km2(0), degraded: s.km2(-1),
                                    noData: LandPeriodChange.roundedToSquareCentimetres(max(0, s.km2(nil) - p.waterKm2)))
        return SoilOrganicCarbonReport(
            summaries: LandJSONObject([(key: allCoverTypes, value: areas("Soil organic carbon", s)), (key: nonWater, value: nonWaterSummary)]),
            crosstab_by_land_cover_class: CrossTabInitialFinal(name: "Initial and final carbon stock by transition type", unit: "tons",
                                                               initial_year: p.period.landCoverStart, final_year: p.period.landCoverEnd, values: cells),
            soc_stock_by_year: ValuesByYearDict(name: "Soil organic carbon by year by land cover class", unit: "tonnes",
                                                values: LandJSONObject([(key: String(p.period.landCoverStart), value: start),
                                                                        (key: String(p.period.landCoverEnd), value: end)])))
    }

    static func status(_ c: LandPeriodChange) -> LandConditionStatus {
        func list(_ name: String, _ table: [[Double]]) -> AreaList {
            let s = LandPeriodChange.statusKm2(table)
            return areas(name + " (progress since baseline)", improved: s[2], stable: s[1], degraded: s[0], noData: s[3])
        }
        return LandConditionStatus(sdg: list("SDG Indicator 15.3.1", c.indicatorKm2),
                                   productivity: LandJSONObject([(key: allCoverTypes, value: list("Productivity", c.productivityKm2))]),
                                   land_cover: list("Land cover", c.landCoverKm2),
                                   soil_organic_carbon: LandJSONObject([(key: allCoverTypes, value: list("Soil organic carbon", c.socKm2))]))
    }

    static func changeTables(_ c: LandPeriodChange, _ p: LandPeriod) -> LandConditionChange {
        // Trends.Earth's order of the classes: improved, stable, degraded, no data (rows: baseline).
        let order = [(2, "Improved"), (1, "Stable"), (0, "Degraded"), (3, "No data")]
        func tab(_ name: String, _ t: [[Double]], _ from: Int, _ to: Int) -> CrossTab {
            CrossTab(name: name, initial_year: from, final_year: to,
                     values: order.flatMap { b, bl in order.map { r, rl in CrossTabEntry(initial_label: bl, final_label: rl, value: t[b][r]) } })
        }
        return LandConditionChange(
            sdg: tab("Land area by change in degradation status (one-out all-out layer)", c.indicatorKm2, p.productivityStart, p.productivityEnd),
            productivity: tab("Land area by change in land productivity degradation status", c.productivityKm2, p.productivityStart, p.productivityEnd),
            land_cover: tab("Land area by change in land cover degradation status", c.landCoverKm2, p.landCoverStart, p.landCoverEnd),
            soil_organic_carbon: tab("Land area by change in soil organic carbon degradation status", c.socKm2, p.landCoverStart, p.landCoverEnd))
    }
}
