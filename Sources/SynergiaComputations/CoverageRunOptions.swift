import Foundation
import SynergiaCoverage

/// Everything a coverage run is asked to do besides its files: the country
/// and year, the method's options, the policy for invalid records. The one
/// place the options of the CLI and of the web form are validated.
public struct CoverageRunOptions: Sendable {
    public static let years = 1900...2100
    /// The area methods by the names the CLI and the form use.
    public static let areaMethods: KeyValuePairs<String, CoverageOptions.AreaMethod> = ["equal-area": .equalArea, "geodesic": .geodesic]
    public static let badRecordPolicies: KeyValuePairs<String, ImportPolicy> = ["skip": .skipInvalid, "refuse": .refuse]

    /// ISO3 code of the country (ignored by `CoveragePipeline.runAllCountries`).
    public var country: String
    /// The year the results are recorded for (the WDPA release year).
    public var year: Int
    /// The method's options (area method, snapping grid, MAB exclusion, …).
    public var engine: CoverageOptions
    public var badRecords: ImportPolicy
    /// Field holding the country code in the land layer; nil: recognised (`TerritoryField`).
    public var landField: String?
    /// Field holding the country code in the EEZ layer; nil: recognised (`TerritoryField`).
    public var eezField: String?

    public init(country: String, year: Int, engine: CoverageOptions = CoverageOptions(), badRecords: ImportPolicy = .skipInvalid,
                landField: String? = nil, eezField: String? = nil) {
        self.country = country
        self.year = year
        self.engine = engine
        self.badRecords = badRecords
        self.landField = landField
        self.eezField = eezField
    }

    /// The options as typed on the command line or in the form; nil or empty means the default.
    public init(country: String, year: String, areaMethod: String? = nil, snapGridMeters: String? = nil, badRecords: String? = nil,
                keepMAB: Bool = false, landField: String? = nil, eezField: String? = nil, territoryField: String? = nil) throws {
        let yearText = year.trimmingCharacters(in: .whitespaces)
        guard let year = Int(yearText) else { throw PipelineOptionError.yearOutOfRange(given: yearText, range: Self.years) }
        var engine = CoverageOptions()
        if let method = Self.given(areaMethod) {
            guard let chosen = Self.areaMethods.first(where: { $0.key == method.lowercased() })?.value else {
                throw PipelineOptionError.notOneOf(option: .areaMethod, given: method, allowed: Self.areaMethods.map(\.key))
            }
            engine.areaMethod = chosen
        }
        if let snap = Self.given(snapGridMeters) {
            guard let meters = Double(snap), meters.isFinite, meters >= 0 else { throw PipelineOptionError.invalidSnapGrid(given: snap) }
            engine.snapGridMeters = meters > 0 ? meters : nil
        }
        engine.excludeMAB = !keepMAB
        var policy = ImportPolicy.skipInvalid
        if let text = Self.given(badRecords) {
            guard let chosen = Self.badRecordPolicies.first(where: { $0.key == text.lowercased() })?.value else {
                throw PipelineOptionError.notOneOf(option: .badRecords, given: text, allowed: Self.badRecordPolicies.map(\.key))
            }
            policy = chosen
        }
        // The one territory field of earlier versions sets both; a field named per layer wins.
        let both = try Self.name(territoryField, .territoryField)
        self.init(country: country, year: year, engine: engine, badRecords: policy,
                  landField: try Self.name(landField, .landField) ?? both, eezField: try Self.name(eezField, .eezField) ?? both)
        try validate()
    }

    /// Refuses values the engine cannot use, before any file is read.
    public func validate() throws {
        guard Self.years.contains(year) else { throw PipelineOptionError.yearOutOfRange(given: String(year), range: Self.years) }
        if let snap = engine.snapGridMeters, !(snap.isFinite && snap >= 0) { throw PipelineOptionError.invalidSnapGrid(given: String(snap)) }
    }

    /// The text given, trimmed; nil when empty.
    public static func given(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// A layer or field name as given (nil when empty), refused when it cannot be one.
    static func name(_ text: String?, _ option: PipelineOption) throws -> String? {
        guard let name = given(text) else { return nil }
        guard name.count <= 200, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) else {
            throw PipelineOptionError.invalidName(option: option, given: name)
        }
        return name
    }

    /// As stored with the run (the keys the runs page lists).
    func recorded(country: String, kbaImport: KBAImport?) -> [String: String] {
        var strings = [
            "statuses": engine.statuses.map(\.rawValue).sorted().joined(separator: ","),
            "exclude_mab": String(engine.excludeMAB),
            "site_types": engine.siteTypes.map(\.rawValue).sorted().joined(separator: ","),
            "area_method": engine.areaMethod.rawValue,
            "equal_area_crs": engine.equalAreaCRS,
            "snap_grid_m": engine.snapGridMeters.map { String($0) } ?? "none",
            "country": country,
            "year": String(year),
            "bad_records": badRecords == .refuse ? "refuse" : "skip",
        ]
        if let landField { strings["land_field"] = landField }
        if let eezField { strings["eez_field"] = eezField }
        if let kbaImport {
            strings["kba_layer"] = kbaImport.layer
            strings["kba_id_field"] = kbaImport.idField
            strings["kba_name_field"] = kbaImport.nameField
            strings["kba_fully_covered_percent"] = String(engine.kbaFullyCoveredPercent)
        }
        return strings
    }
}
