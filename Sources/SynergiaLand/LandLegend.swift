import Foundation
import SynergiaGeoBindings

/// Nesting table from a national land-cover legend (any number of classes) to the
/// 7 UNCCD classes (docs/methods/land-degradation-sdg-15-3-1.md §Inputs: configurable aggregation).
public struct LandLegend: Codable, Sendable, Equatable {
    /// national code -> UNCCD class 1..7
    public private(set) var nesting: [Int: Int]
    /// Optional names of the national classes, for documentation of outputs.
    public var names: [Int: String]

    /// The default legend: the raster already holds the 7 classes.
    public static let unccd = try! LandLegend(nesting: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, $0) }))

    public init(nesting: [Int: Int], names: [Int: String] = [:]) throws {
        guard !nesting.isEmpty else { throw GeoError.invalidLegend("the nesting table is empty") }
        for (code, target) in nesting.sorted(by: { $0.key < $1.key }) {
            guard (1...7).contains(target) else {
                throw GeoError.invalidLegend("national class \(code) maps to \(target), which is not a UNCCD class 1..7")
            }
            guard Int32(exactly: code) != LandCodes.noData else {
                throw GeoError.invalidLegend("the no-data value \(LandCodes.noData) cannot be a legend class")
            }
        }
        self.nesting = nesting
        self.names = names
    }

    /// Parses CSV lines `national_code,unccd_class[,name]`; a first line that is not two
    /// numbers is taken as the header. `file` names the table in messages (base name only).
    public init(csv: String, file: String = "legend CSV") throws {
        let name = LandCSVTable.baseName(file)
        let records = try LandCSVTable.records(
            csv, file: file, fieldCounts: 2...3,
            layout: "national_code,unccd_class or national_code,unccd_class,name, with no comma inside a name",
            error: GeoError.invalidLegend)
        var map: [Int: Int] = [:], names: [Int: String] = [:]
        for (position, record) in records.enumerated() {
            let f = record.fields
            guard let code = Int(f[0]), let target = Int(f[1]) else {
                if position == 0 { continue }  // header
                throw GeoError.invalidLegend("\(name) line \(record.line): expected national_code,unccd_class as whole numbers")
            }
            if map[code] != nil {
                throw GeoError.invalidLegend("\(name) line \(record.line): national class \(code) appears twice; keep one line per class")
            }
            map[code] = target
            if f.count > 2, !f[2].isEmpty { names[code] = f[2] }
        }
        try self.init(nesting: map, names: names)
    }

    /// A dense lookup for the pixel loop: index = code - offset, value 0 = not in legend.
    func lookupTable() -> (offset: Int, table: [Int8]) {
        let lo = nesting.keys.min()!, hi = nesting.keys.max()!
        var t = [Int8](repeating: 0, count: hi - lo + 1)
        for (k, v) in nesting { t[k - lo] = Int8(v) }
        return (lo, t)
    }
}
