import Foundation
import SynergiaGeoBindings

/// inputs.json, the file a person writes by hand (or `synergia demo-data land` writes): the
/// rasters, the periods and the options of a run, snake_case throughout
/// (docs/land-degradation.md, "inputs.json"; schema: docs/land-inputs.schema.json).
/// The CLI (`--inputs`) and the web upload of a ZIP read it through `read` alone.
public struct LandInputsFile: Sendable, Equatable {
    public var inputs: LandInputs
    /// nil = the default periods (UNCCD 2026 cycle).
    public var periods: [LandPeriod]?
    public var options: Options

    /// Options given in the file; nil = the method's default. Tables are CSV file names beside inputs.json.
    public struct Options: Sendable, Equatable {
        public var climateZone: LandClimateZone?
        public var climateCodes: String?
        public var climateTable: String?
        public var legend: String?
        public var transitionMatrix: String?
        public var align: Bool?
        public var denominator: LandDenominator?
        public var ndviScale: Double?
        public var mannKendallAlpha: Double?
        public var trajectorySlope: LandSlopeMethod?
        public var socThresholdPercent: Double?
        public var socSpreadYears: Int?
        public var stateRecentYears: Int?
        public var performancePercentile: Double?

        public init() {}
    }

    public init(inputs: LandInputs, periods: [LandPeriod]? = nil, options: Options = Options()) {
        self.inputs = inputs; self.periods = periods; self.options = options
    }

    static let topKeys = ["land_cover", "productivity", "soc", "soc_stock", "climate", "soil_type", "periods", "options"]
    static let optionKeys = ["climate_zone", "climate_codes", "climate_table", "legend", "transition_matrix", "align", "denominator",
                             "ndvi_scale", "mann_kendall_alpha", "trajectory_slope", "soc_threshold_percent", "soc_spread_years",
                             "state_recent_years", "performance_percentile"]
    static let denominators: [String: LandDenominator] = ["land_with_data": .landWithData, "whole_aoi": .wholeAOI]
    static let slopes: [String: LandSlopeMethod] = ["ordinary_least_squares": .ordinaryLeastSquares, "theil_sen": .theilSen]

    /// Reads inputs.json; `file` names it in messages (e.g. "inputs.json in stack.zip").
    public static func read(_ data: Data, file: String) throws -> LandInputsFile {
        let root = try LandJSONValue(data: data, file: file)
        if case let .object(members) = root.value, members["landCover"] != nil || members["soilType"] != nil || Self.hasOldProductivity(members["productivity"]) {
            throw GeoError.invalidInput("\(file) is in the form earlier Synergia versions wrote (\"landCover\", \"_0\"), which is no longer read: "
                + "rename \"landCover\" to \"land_cover\" and \"soilType\" to \"soil_type\", and write productivity as "
                + "{\"ndvi\": {\"file\": \"ndvi.tif\", \"first_year\": 2001}}, {\"ndvi\": {\"files\": {\"2001\": \"ndvi_2001.tif\", …}}} "
                + "or {\"lpd\": {\"baseline\": \"lpd.tif\", …}} (docs/land-degradation.md, \"inputs.json\")")
        }
        let top = try root.object(allowed: topKeys)
        guard let landCover = top["land_cover"] else { throw root.refuse("needs \"land_cover\": {\"2000\": \"lc_2000.tif\", …}, the land cover rasters by year") }
        guard let productivity = top["productivity"] else {
            throw root.refuse("needs \"productivity\": {\"lpd\": {\"baseline\": \"lpd.tif\"}} or {\"ndvi\": {\"file\": \"ndvi.tif\", \"first_year\": 2001}}")
        }
        let soc = try top["soc"].map { try $0.string() }
        let socStock = try top["soc_stock"].map { try $0.filesByYear() } ?? [:]
        guard (soc == nil) != socStock.isEmpty else {
            throw root.refuse(soc == nil ? "needs \"soc\": \"soc_2000.tif\" (the reference SOC stock) or \"soc_stock\": {\"2015\": …, \"2019\": …} (SOC stock maps by year)"
                                         : "has both \"soc\" and \"soc_stock\"; keep one: the reference stock, or the stock maps by year")
        }
        let inputs = LandInputs(landCover: try landCover.filesByYear(), productivity: try Self.productivity(productivity), soc: soc,
                                socStock: socStock, climate: try top["climate"].map { try $0.string() },
                                soilType: try top["soil_type"].map { try $0.string() })
        let periods = try top["periods"].map { list -> [LandPeriod] in
            let items = try list.array()
            guard !items.isEmpty else { throw list.refuse("must list at least one period, the baseline first") }
            return try items.map(Self.period)
        }
        return LandInputsFile(inputs: inputs, periods: periods, options: try top["options"].map(Self.options) ?? Options())
    }

    private static func hasOldProductivity(_ value: LandJSONValue.Value?) -> Bool {
        guard case let .object(sources)? = value else { return false }
        return sources.values.contains { if case let .object(inner) = $0 { return inner["_0"] != nil } else { return false } }
    }

    private static func productivity(_ value: LandJSONValue) throws -> LandProductivitySource {
        let source = try value.object(allowed: ["lpd", "ndvi"])
        guard source.count == 1 else { throw value.refuse("must name one source: \"lpd\" or \"ndvi\"") }
        if let lpd = source["lpd"] {
            let byPeriod = try lpd.members()
            guard !byPeriod.isEmpty else { throw lpd.refuse("must name an LPD raster per period, e.g. {\"baseline\": \"lpd_baseline.tif\"}") }
            return .lpd(Dictionary(uniqueKeysWithValues: try byPeriod.map { ($0.0, try $0.1.string()) }))
        }
        let ndvi = source["ndvi"]!
        let series = try ndvi.object(allowed: ["file", "first_year", "files"])
        if let files = series["files"] {
            guard series.count == 1 else { throw ndvi.refuse("gives \"files\" with \"file\" or \"first_year\"; give \"files\" by year, or one \"file\" with its \"first_year\"") }
            return .ndvi(.files(try files.filesByYear()))
        }
        guard let file = series["file"], let first = series["first_year"] else {
            throw ndvi.refuse("needs \"file\" and \"first_year\" (a multi-band NDVI raster, one band per year) or \"files\": {\"2001\": \"ndvi_2001.tif\", …}")
        }
        return .ndvi(.multiband(path: try file.string(), firstYear: try first.year()))
    }

    private static func period(_ value: LandJSONValue) throws -> LandPeriod {
        let p = try value.object(allowed: ["name", "land_cover", "productivity"])
        guard let name = p["name"], let landCover = p["land_cover"] else {
            throw value.refuse("needs \"name\" and \"land_cover\": [start year, end year], e.g. {\"name\": \"baseline\", \"land_cover\": [2015, 2019]}")
        }
        func years(_ v: LandJSONValue) throws -> (Int, Int) {
            let items = try v.array()
            guard items.count == 2 else { throw v.refuse("must be [start year, end year], e.g. [2015, 2019]") }
            return (try items[0].year(), try items[1].year())
        }
        let lc = try years(landCover)
        let prod = try p["productivity"].map(years) ?? lc
        return LandPeriod(name: try name.string(), landCoverStart: lc.0, landCoverEnd: lc.1, productivityStart: prod.0, productivityEnd: prod.1)
    }

    private static func options(_ value: LandJSONValue) throws -> Options {
        let o = try value.object(allowed: optionKeys)
        var out = Options()
        func choice<T>(_ key: String, _ table: [String: T]) throws -> T? {
            guard let v = o[key] else { return nil }
            let text = try v.string()
            guard let chosen = table[text] else { throw v.refuse("is \"\(text)\"; write one of \(table.keys.sorted().joined(separator: ", "))") }
            return chosen
        }
        out.climateZone = try choice("climate_zone", Dictionary(uniqueKeysWithValues: LandClimateZone.allCases.map { ($0.rawValue, $0) }))
        out.climateCodes = try choice("climate_codes", Dictionary(uniqueKeysWithValues: LandClimateCodes.named.keys.map { ($0, $0) }))
        out.climateTable = try o["climate_table"].map { try $0.string() }
        if out.climateCodes != nil && out.climateTable != nil {
            throw value.refuse("has both \"climate_codes\" and \"climate_table\"; keep one")
        }
        out.legend = try o["legend"].map { try $0.string() }
        out.transitionMatrix = try o["transition_matrix"].map { try $0.string() }
        out.align = try o["align"].map { try $0.bool() }
        out.denominator = try choice("denominator", denominators)
        out.ndviScale = try o["ndvi_scale"].map { try $0.number() }
        out.mannKendallAlpha = try o["mann_kendall_alpha"].map { try $0.number() }
        out.trajectorySlope = try choice("trajectory_slope", slopes)
        out.socThresholdPercent = try o["soc_threshold_percent"].map { try $0.number() }
        out.socSpreadYears = try o["soc_spread_years"].map { try $0.int() }
        out.stateRecentYears = try o["state_recent_years"].map { try $0.int() }
        out.performancePercentile = try o["performance_percentile"].map { try $0.number() }
        return out
    }

    /// The options the file sets, over `engine` (tables are read by the caller, which knows their folder).
    public func apply(to engine: inout LandOptions) {
        if let periods { engine.periods = periods }
        let o = options
        if let v = o.climateZone { engine.climateZone = v }
        if let v = o.climateCodes, let codes = LandClimateCodes.named[v] { engine.climateCodes = codes }
        if let v = o.align { engine.align = v }
        if let v = o.denominator { engine.denominator = v }
        if let v = o.ndviScale { engine.ndviScale = v }
        if let v = o.mannKendallAlpha { engine.mannKendallAlpha = v }
        if let v = o.trajectorySlope { engine.trajectorySlope = v }
        if let v = o.socThresholdPercent { engine.socThresholdPercent = v }
        if let v = o.socSpreadYears { engine.socSpreadYears = v }
        if let v = o.stateRecentYears { engine.stateRecentYears = v }
        if let v = o.performancePercentile { engine.performancePercentile = v }
    }

    /// The same file with every raster and table looked up by name in `folder`.
    public func relocated(to folder: URL) throws -> LandInputsFile {
        var copy = self
        copy.inputs = try inputs.relocated(to: folder)
        return copy
    }
}
