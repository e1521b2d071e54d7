import Foundation
import SynergiaGeoBindings

/// How the values of a climate raster are read: each code and the land-use factor f
/// it gives. The IPCC 12-zone raster is the convention; any other coding must be
/// named by the person (Synergia's former 5 codes, or a table of their own).
public struct LandClimateCodes: Codable, Sendable, Equatable {
    /// `ipcc12`, `synergia5`, or the name of the CSV file the table came from.
    public var name: String
    /// code -> (label, f), codes 1 and above.
    public var zones: [Int: Zone]

    public struct Zone: Codable, Sendable, Equatable {
        public var label: String
        public var factor: Double
    }

    public init(name: String, zones: [Int: Zone]) { self.name = name; self.zones = zones }

    /// Trends.Earth's IPCC climate raster: codes 1–12 (`LandClimateZone`).
    public static let ipcc12 = LandClimateCodes(name: "ipcc12", zones: Dictionary(uniqueKeysWithValues: LandClimateZone.allCases.map {
        ($0.ipccCode, Zone(label: $0.title, factor: $0.factor))
    }))

    /// The codes earlier Synergia versions read: 1 temperate dry, 2 temperate moist, 3 tropical dry,
    /// 4 tropical moist, 5 tropical montane.
    public static let synergia5 = LandClimateCodes(name: "synergia5", zones: [
        1: Zone(label: "Temperate Dry", factor: 0.80), 2: Zone(label: "Temperate Moist", factor: 0.69),
        3: Zone(label: "Tropical Dry", factor: 0.58), 4: Zone(label: "Tropical Moist", factor: 0.48),
        5: Zone(label: "Tropical Montane", factor: 0.64),
    ])

    /// The named conventions, by the name `--climate-codes` and inputs.json take.
    public static let named: [String: LandClimateCodes] = ["ipcc12": .ipcc12, "synergia5": .synergia5]

    /// A country's own table: `code,factor` rows (a first line that is not numbers is a header).
    public init(csv text: String, file: String) throws {
        var zones: [Int: Zone] = [:]
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            guard cells.count == 2, let code = Int(cells[0]), let factor = Double(cells[1]) else {
                if index == 0 && zones.isEmpty { continue }
                throw GeoError.invalidOption("climate table \(file) line \(index + 1) is not code,factor (e.g. 1,0.69)")
            }
            guard code >= 1, code <= 255 else {
                throw GeoError.invalidOption("climate table \(file) line \(index + 1): code \(code) must be 1 to 255 (0 and the raster's no-data value mean no data)")
            }
            guard factor > 0, factor <= 2 else {
                throw GeoError.invalidOption("climate table \(file) line \(index + 1): factor \(cells[1]) must be above 0 and at most 2 (IPCC F_LU for cropland is 0.48–0.80)")
            }
            guard zones[code] == nil else { throw GeoError.invalidOption("climate table \(file) line \(index + 1): code \(code) is given twice") }
            zones[code] = Zone(label: "code \(code)", factor: factor)
        }
        guard !zones.isEmpty else { throw GeoError.invalidOption("climate table \(file) has no code,factor row") }
        self.init(name: file, zones: zones)
    }

    /// "1 Warm Temperate Moist (f 0.69), 2 …", for messages.
    public var described: String {
        zones.keys.sorted().map { "\($0) \(zones[$0]!.label) (f \(Self.format(zones[$0]!.factor)))" }.joined(separator: ", ")
    }

    public static func format(_ f: Double) -> String { String(format: "%g", f) }
}
