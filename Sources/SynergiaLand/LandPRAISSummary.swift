import Foundation

/// `prais_summary.json`: the file the Trends.Earth plugin writes beside its summary for the
/// UNCCD PRAIS 4 reporting platform, with its keys in its order, filled from the same figures as
/// trends-earth-summary.json: the country's land area in each baseline land-cover year, the
/// land-cover legend and degradation matrix used, and the land-cover changes that count as
/// degradation, each named by its process.
public struct LandPRAISSummary: Encodable, Sendable {
    public struct LandArea: Encodable, Sendable, Equatable {
        public var year: Int
        public var total_land_area_km2: Double
        public var water_bodies_km2: Double
        public var total_country_area_km2: Double
    }
    public struct CountryProfile: Encodable, Sendable { public var land_area: [LandArea] }
    public struct DegradationProcess: Encodable, Sendable, Equatable {
        public var degradation_process: String
        public var starting_land_cover: String
        public var ending_land_cover: String
    }

    public var id: String
    public var task_name: String
    public var task_notes: String
    public var country_profile: CountryProfile
    public var land_cover_legend: LandTrendsEarthSummary.LCLegend
    public var land_cover_transition_matrix: LandTrendsEarthSummary.LCTransitionMatrixDeg
    public var key_degradation_processes: [DegradationProcess]

    public static let fileName = "prais_summary.json"

    public init(summary: LandTrendsEarthSummary, runID: UUID, taskName: String, taskNotes: String) {
        id = runID.uuidString.lowercased()
        task_name = taskName
        task_notes = taskNotes
        let baseline = summary.land_condition[LandTrendsEarthSummary.baselineKey]!.period_assessment.land_cover
        // As Trends.Earth: water is every class whose name holds "water"; land is every other
        // entry of the year, no data included, so land + water is the whole area of interest.
        country_profile = CountryProfile(land_area: baseline.land_cover_areas_by_year.values.entries
            .compactMap { year, areas in Int(year).map { ($0, areas.entries) } }
            .sorted { $0.0 < $1.0 }
            .map { year, areas in
                let round = LandPeriodChange.roundedToSquareCentimetres
                let water = round(areas.filter { $0.key.lowercased().contains("water") }.reduce(0) { $0 + $1.value })
                let land = round(areas.filter { !$0.key.lowercased().contains("water") }.reduce(0) { $0 + $1.value })
                return LandArea(year: year, total_land_area_km2: land, water_bodies_km2: water, total_country_area_km2: round(land + water))
            })
        land_cover_legend = baseline.transition_matrix.legend
        land_cover_transition_matrix = baseline.transition_matrix.definitions
        key_degradation_processes = baseline.transition_matrix.definitions.transitions
            .filter { $0.meaning == "degradation" }
            .map { DegradationProcess(degradation_process: Self.process(from: $0.initial.name_short, to: $0.final.name_short),
                                      starting_land_cover: $0.initial.name_short, ending_land_cover: $0.final.name_short) }
    }

    /// Trends.Earth's name of the process behind a degrading transition, from the classes'
    /// short names, first rule that applies. "Water" is compared as Trends.Earth compares it,
    /// so a change to "Water body" is "Other", as in its own file.
    public static func process(from initial: String, to final: String) -> String {
        if final == "Artificial" { return "Urban Expansion" }
        if initial == "Tree-covered" && ["Grassland", "Cropland", "Bare land"].contains(final) { return "Deforestation" }
        if final == "Bare land" { return "Vegetation Loss" }
        if final == "Water" { return "Inundation" }
        if initial == "Grassland" && final == "Tree-covered" { return "Woody Encroachment" }
        if initial == "Wetland" && final != "Wetland" { return "Wetland Drainage" }
        return "Other"
    }
}
