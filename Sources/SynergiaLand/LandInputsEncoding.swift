import Foundation

/// inputs.json as `LandInputsFile.read` reads it: snake_case keys, years as keys, productivity
/// as `{"lpd": {period: file}}`, `{"ndvi": {"file": …, "first_year": …}}` or `{"ndvi": {"files": {year: file}}}`.
extension LandInputs: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ text: String) { stringValue = text }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: Key.self)
        try top.encode(Self.byYear(landCover), forKey: Key("land_cover"))
        var productivityContainer = top.nestedContainer(keyedBy: Key.self, forKey: Key("productivity"))
        switch productivity {
        case .lpd(let byPeriod): try productivityContainer.encode(byPeriod, forKey: Key("lpd"))
        case let .ndvi(.multiband(path, firstYear)):
            var ndvi = productivityContainer.nestedContainer(keyedBy: Key.self, forKey: Key("ndvi"))
            try ndvi.encode(path, forKey: Key("file"))
            try ndvi.encode(firstYear, forKey: Key("first_year"))
        case .ndvi(.files(let byYear)):
            var ndvi = productivityContainer.nestedContainer(keyedBy: Key.self, forKey: Key("ndvi"))
            try ndvi.encode(Self.byYear(byYear), forKey: Key("files"))
        }
        try top.encodeIfPresent(soc, forKey: Key("soc"))
        if !socStock.isEmpty { try top.encode(Self.byYear(socStock), forKey: Key("soc_stock")) }
        try top.encodeIfPresent(climate, forKey: Key("climate"))
        try top.encodeIfPresent(soilType, forKey: Key("soil_type"))
    }

    static func byYear(_ files: [Int: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { (String($0.key), $0.value) })
    }
}

extension LandInputsFile: Encodable {
    private enum Keys: String, CodingKey { case periods, options }

    private struct PeriodJSON: Encodable {
        var name: String
        var land_cover: [Int]
        var productivity: [Int]
    }

    private struct OptionsJSON: Encodable {
        var climate_zone: String?, climate_codes: String?, climate_table: String?, legend: String?, transition_matrix: String?
        var align: Bool?, denominator: String?, ndvi_scale: Double?, mann_kendall_alpha: Double?, trajectory_slope: String?
        var soc_threshold_percent: Double?, soc_spread_years: Int?, state_recent_years: Int?, performance_percentile: Double?
    }

    public func encode(to encoder: any Encoder) throws {
        try inputs.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        if let periods {
            try container.encode(periods.map {
                PeriodJSON(name: $0.name, land_cover: [$0.landCoverStart, $0.landCoverEnd], productivity: [$0.productivityStart, $0.productivityEnd])
            }, forKey: .periods)
        }
        let o = options
        guard o != Options() else { return }
        try container.encode(OptionsJSON(
            climate_zone: o.climateZone?.rawValue, climate_codes: o.climateCodes, climate_table: o.climateTable, legend: o.legend,
            transition_matrix: o.transitionMatrix, align: o.align,
            denominator: o.denominator.flatMap { d in Self.denominators.first { $0.value == d }?.key },
            ndvi_scale: o.ndviScale, mann_kendall_alpha: o.mannKendallAlpha,
            trajectory_slope: o.trajectorySlope.flatMap { s in Self.slopes.first { $0.value == s }?.key },
            soc_threshold_percent: o.socThresholdPercent, soc_spread_years: o.socSpreadYears,
            state_recent_years: o.stateRecentYears, performance_percentile: o.performancePercentile), forKey: .options)
    }

    /// The file as Synergia writes it: indented, keys sorted, slashes unescaped.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
