import Foundation
import SynergiaGeoBindings

/// The run's figures in the shape of the public Trends.Earth reporting schema
/// (`te_schemas.reporting.TrendsEarthLandConditionSummary`), so that tools
/// that read a Trends.Earth summary (and the UNCCD PRAIS import that accepts
/// it) can read a Synergia run. Field names, units ("sq km"), area labels
/// ("Improved", "Stable", "Degraded", "No data") and the productivity class
/// names follow that schema; docs/land-degradation.md says which optional
/// parts are left out and why.
public struct LandTrendsEarthSummary: Encodable, Sendable {
    public struct Version: Encodable, Sendable { var version: String; var revision: String; var release_date: String }
    public struct AreaOfInterest: Encodable, Sendable {
        var name: String; var geojson: JSONValue; var crs_wkt: String
        init(_ outline: AreaOutline) { name = outline.name; geojson = outline.geojson; crs_wkt = outline.crsWKT }
    }
    public struct Metadata: Encodable, Sendable {
        var title: String
        var date: String
        var trends_earth_version: Version
        var area_of_interest: AreaOfInterest
        var affected_areas_only = false
    }
    public struct Area: Encodable, Sendable, Equatable { var name: String; var area: Double }
    public struct AreaList: Encodable, Sendable { var name: String; var unit = "sq km"; var areas: [Area] }
    public struct CrossTabEntry: Encodable, Sendable { var initial_label: String; var final_label: String; var value: Double }
    public struct CrossTab: Encodable, Sendable {
        var name: String; var unit = "sq km"; var initial_year: Int; var final_year: Int; var values: [CrossTabEntry]
    }
    public struct ValuesByYear: Encodable, Sendable { var name: String; var unit: String; var values: [String: [String: Double]] }
    public struct LCClass: Encodable, Sendable { var code: Int; var name_short: String; var name_long: String }
    public struct LCLegend: Encodable, Sendable { var name: String; var key: [LCClass]; var nodata: LCClass }
    public struct LCLegendNesting: Encodable, Sendable { var parent: LCLegend; var child: LCLegend; var nesting: [String: [Int]] }
    public struct TransitionMeaning: Encodable, Sendable { var initial: LCClass; var final: LCClass; var meaning: String }
    public struct TransitionMatrix: Encodable, Sendable { var name: String; var transitions: [TransitionMeaning] }
    public struct TransitionDefinition: Encodable, Sendable { var legend: LCLegend; var name: String; var definitions: TransitionMatrix }
    public struct SDG: Encodable, Sendable { var summary: AreaList }
    public struct Productivity: Encodable, Sendable { var summaries: [String: AreaList]; var crosstabs_by_productivity_class: [CrossTab] }
    public struct LandCover: Encodable, Sendable {
        var summary: AreaList
        var legend_nesting: LCLegendNesting
        var transition_matrix: TransitionDefinition
        var crosstabs_by_land_cover_class: [CrossTab]
        var land_cover_areas_by_year: ValuesByYear
    }
    public struct SOC: Encodable, Sendable { var summaries: [String: AreaList]; var soc_stock_by_year: ValuesByYear }
    public struct Assessment: Encodable, Sendable {
        var sdg: SDG; var productivity: Productivity; var land_cover: LandCover; var soil_organic_carbon: SOC
    }
    public struct Report: Encodable, Sendable { var period_assessment: Assessment }

    public var metadata: Metadata
    public var land_condition: [String: Report]
    /// Required by the schema; Synergia computes no population figures.
    public var affected_population: [String: JSONValue] = [:]

    /// Written in `trends_earth_version.version`: the schema requires it and
    /// readers show it as the producing software.
    public static let producer = "Synergia land engine 1"

    /// Summary key used by Trends.Earth for figures over every land-cover class.
    static let allCoverTypes = "all_cover_types"
    static let noDataCode = Int(LandCodes.noData)

    public init(result r: LandResult, aoi: AreaOfInterest, generatedAt: Date, software: String) {
        let stamp = ISO8601DateFormatter()
        stamp.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        let date = stamp.string(from: generatedAt) + "+00:00"
        metadata = Metadata(title: "Synergia SDG 15.3.1 summary", date: date,
                            trends_earth_version: Version(version: software, revision: "synergia", release_date: date),
                            area_of_interest: aoi)
        let legend = Self.unccdLegend
        let nesting = Self.nesting(r.options.legend, parent: legend)
        let matrix = Self.matrix(r.options.transitionMatrix, legend: legend)
        land_condition = Dictionary(uniqueKeysWithValues: r.periods.map { p in
            (p.period.name, Report(period_assessment: Self.assessment(p, nesting: nesting, matrix: matrix)))
        })
    }

    static func areas(_ name: String, _ t: LandAreaTable) -> AreaList {
        AreaList(name: name, areas: [Area(name: "Improved", area: t.km2(1)), Area(name: "Stable", area: t.km2(0)),
                                     Area(name: "Degraded", area: t.km2(-1)), Area(name: "No data", area: t.km2(nil))])
    }

    static func assessment(_ p: LandPeriodResult, nesting: LCLegendNesting, matrix: TransitionDefinition) -> Assessment {
        let names = LandCoverClass.allCases.map(\.name)
        let lpdColumns: [(String, Int)] = LandLPDClass.allCases.reversed().map { ($0.name, $0.rawValue) } + [("No data", 0)]
        let byProductivity = lpdColumns.map { label, column in
            CrossTab(name: label, initial_year: p.period.productivityStart, final_year: p.period.productivityEnd,
                     values: p.productivityByTransition.map { CrossTabEntry(initial_label: $0.from, final_label: $0.to, value: $0.km2ByLPD[column]) })
        }
        var transitions: [CrossTabEntry] = []
        for i in 0..<7 { for j in 0..<7 {
            transitions.append(CrossTabEntry(initial_label: names[i], final_label: names[j], value: p.transitionMatrixKm2[i][j]))
        } }
        let byYear = [String(p.period.landCoverStart): Dictionary(uniqueKeysWithValues: p.landCoverInitialKm2.map { ($0.label, $0.km2) }),
                      String(p.period.landCoverEnd): Dictionary(uniqueKeysWithValues: p.landCoverFinalKm2.map { ($0.label, $0.km2) })]
        var stockStart = [String: Double](), stockEnd = [String: Double]()
        for n in names { stockStart[n] = 0; stockEnd[n] = 0 }
        for row in p.socByTransition { stockStart[row.from, default: 0] += row.initialStockT; stockEnd[row.to, default: 0] += row.finalStockT }
        return Assessment(
            sdg: SDG(summary: areas("SDG Indicator 15.3.1", p.indicator)),
            productivity: Productivity(summaries: [allCoverTypes: areas("Productivity", p.productivity)],
                                       crosstabs_by_productivity_class: byProductivity),
            land_cover: LandCover(
                summary: areas("Land cover", p.landCover), legend_nesting: nesting, transition_matrix: matrix,
                crosstabs_by_land_cover_class: [CrossTab(name: "Land area by land cover transition type",
                                                         initial_year: p.period.landCoverStart, final_year: p.period.landCoverEnd,
                                                         values: transitions)],
                land_cover_areas_by_year: ValuesByYear(name: "Area by year by land cover class", unit: "sq km", values: byYear)),
            soil_organic_carbon: SOC(
                summaries: [allCoverTypes: areas("Soil organic carbon", p.soc)],
                soc_stock_by_year: ValuesByYear(name: "Soil organic carbon by year by land cover class", unit: "tonnes",
                                                values: [String(p.period.landCoverStart): stockStart,
                                                         String(p.period.landCoverEnd): stockEnd])))
    }

    static let noDataClass = LCClass(code: noDataCode, name_short: "No data", name_long: "No data")

    /// The 7 UNCCD classes; Trends.Earth limits `name_short` to 15 characters.
    static var unccdLegend: LCLegend {
        LCLegend(name: "UNCCD Land Cover",
                 key: LandCoverClass.allCases.map { LCClass(code: $0.rawValue, name_short: String($0.name.prefix(15)), name_long: $0.name) },
                 nodata: noDataClass)
    }

    static func nesting(_ legend: LandLegend, parent: LCLegend) -> LCLegendNesting {
        let children = legend.nesting.keys.sorted().map { code in
            let name = legend.names[code] ?? "Class \(code)"
            return LCClass(code: code, name_short: String(name.prefix(15)), name_long: String(name.prefix(90)))
        }
        var nesting: [String: [Int]] = [String(noDataCode): [noDataCode]]
        for c in LandCoverClass.allCases {
            nesting[String(c.rawValue)] = legend.nesting.filter { $0.value == c.rawValue }.keys.sorted()
        }
        let child = LCLegend(name: legend == .unccd ? "UNCCD Land Cover" : "National land cover", key: children, nodata: noDataClass)
        return LCLegendNesting(parent: parent, child: child, nesting: nesting)
    }

    static func matrix(_ m: LandTransitionMatrix, legend: LCLegend) -> TransitionDefinition {
        var transitions: [TransitionMeaning] = []
        for a in legend.key { for b in legend.key {
            let meaning: String
            switch m.value(from: a.code, to: b.code) {
            case LandCodes.degraded: meaning = "degradation"
            case LandCodes.improved: meaning = "improvement"
            default: meaning = "stable"
            }
            transitions.append(TransitionMeaning(initial: a, final: b, meaning: meaning))
        } }
        return TransitionDefinition(legend: legend, name: "Land cover degradation matrix",
                                    definitions: TransitionMatrix(name: "Land cover degradation matrix", transitions: transitions))
    }
}
