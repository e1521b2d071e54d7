import Foundation

/// The land-cover legend, its nesting and the degradation meaning of each transition, as
/// `te_schemas.land_cover` writes them (`LCClass`, `LCLegend`, `LCLegendNesting`,
/// `LCTransitionDefinitionDeg`).
extension LandTrendsEarthSummary {
    public struct LCClass: Encodable, Sendable {
        var code: Int
        var name_short: String
        var name_long: String
        var description: OrNull<String> = .null
        var color: OrNull<String> = .null
    }
    public struct LCLegend: Encodable, Sendable { var name: String; var key: [LCClass]; var nodata: LCClass }
    public struct LCLegendNesting: Encodable, Sendable { var parent: LCLegend; var child: LCLegend; var nesting: LandJSONObject<[Int]> }
    public struct LCTransitionMeaningDeg: Encodable, Sendable { var initial: LCClass; var final: LCClass; var meaning: String }
    public struct LCTransitionMatrixDeg: Encodable, Sendable { var transitions: [LCTransitionMeaningDeg]; var name: String }
    public struct LCTransitionDefinitionDeg: Encodable, Sendable { var legend: LCLegend; var name: String; var definitions: LCTransitionMatrixDeg }

    static let noDataCode = Int(LandCodes.noData)
    static let noDataClass = LCClass(code: noDataCode, name_short: "No data", name_long: "No data", color: .value("#000000"))

    /// Trends.Earth's short names and colours of the 7 UNCCD classes (its "UNCCD Land Cover"
    /// legend); the long names are Synergia's class names, which are Trends.Earth's long names.
    static let unccdStyle: [LandCoverClass: (short: String, color: String)] = [
        .tree: ("Tree-covered", "#787F1B"), .grassland: ("Grassland", "#FFAC42"), .cropland: ("Cropland", "#FFFB6E"),
        .wetland: ("Wetland", "#00DB84"), .artificial: ("Artificial", "#E60017"), .otherLand: ("Bare land", "#FFF3D7"),
        .water: ("Water body", "#0053C4"),
    ]

    static var unccdLegend: LCLegend {
        LCLegend(name: "UNCCD Land Cover",
                 key: LandCoverClass.allCases.map { c in
                     LCClass(code: c.rawValue, name_short: unccdStyle[c]!.short, name_long: c.name, color: .value(unccdStyle[c]!.color))
                 },
                 nodata: noDataClass)
    }

    /// The national legend nested in the UNCCD one. Trends.Earth limits `name_short` to 20
    /// characters and `name_long` to 90; a national class without a name is called by its code.
    static func nesting(_ legend: LandLegend, parent: LCLegend) -> LCLegendNesting {
        if legend == .unccd {
            let nesting = LandCoverClass.allCases.map { (key: String($0.rawValue), value: [$0.rawValue]) } + [(key: String(noDataCode), value: [noDataCode])]
            return LCLegendNesting(parent: parent, child: parent, nesting: LandJSONObject(nesting))
        }
        let children = legend.nesting.keys.sorted().map { code in
            let name = legend.names[code] ?? "Class \(code)"
            return LCClass(code: code, name_short: String(name.prefix(20)), name_long: String(name.prefix(90)))
        }
        let nesting = LandCoverClass.allCases.map { c in
            (key: String(c.rawValue), value: legend.nesting.filter { $0.value == c.rawValue }.keys.sorted())
        } + [(key: String(noDataCode), value: [noDataCode])]
        let child = LCLegend(name: "National land cover", key: children, nodata: noDataClass)
        return LCLegendNesting(parent: parent, child: child, nesting: LandJSONObject(nesting))
    }

    static func transitionDefinition(_ m: LandTransitionMatrix, legend: LCLegend) -> LCTransitionDefinitionDeg {
        var transitions: [LCTransitionMeaningDeg] = []
        for a in legend.key { for b in legend.key {
            let meaning: String
            switch m.value(from: a.code, to: b.code) {
            case LandCodes.degraded: meaning = "degradation"
            case LandCodes.improved: meaning = "improvement"
            default: meaning = "stable"
            }
            transitions.append(LCTransitionMeaningDeg(initial: a, final: b, meaning: meaning))
        } }
        let name = m == .unccdDefault ? "UNCCD default land cover degradation transition matrix" : "National land cover degradation transition matrix"
        return LCTransitionDefinitionDeg(legend: legend, name: name,
                                         definitions: LCTransitionMatrixDeg(transitions: transitions, name: name))
    }
}
