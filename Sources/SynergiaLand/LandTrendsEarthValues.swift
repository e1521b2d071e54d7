import Foundation

/// The value types of `te_schemas.reporting` that every part of a Trends.Earth land
/// condition summary is built from, with their field names and order.
extension LandTrendsEarthSummary {
    /// An optional field of the schema: Trends.Earth writes a missing value as `null`,
    /// so the key is always present.
    public enum OrNull<Value: Encodable & Sendable>: Encodable, Sendable {
        case value(Value), null

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .value(let v): try container.encode(v)
            case .null: try container.encodeNil()
            }
        }
    }

    public struct Area: Encodable, Sendable, Equatable { var name: String; var area: Double }
    public struct AreaList: Encodable, Sendable { var name: String; var unit = "sq km"; var areas: [Area] }
    public struct CrossTabEntry: Encodable, Sendable { var initial_label: String; var final_label: String; var value: Double }
    public struct CrossTab: Encodable, Sendable {
        var name: String; var unit = "sq km"; var initial_year: Int; var final_year: Int; var values: [CrossTabEntry]
    }
    public struct CrossTabEntryInitialFinal: Encodable, Sendable {
        var initial_label: String; var final_label: String; var initial_value: Double; var final_value: Double
    }
    public struct CrossTabInitialFinal: Encodable, Sendable {
        var name: String; var unit: String; var initial_year: Int; var final_year: Int; var values: [CrossTabEntryInitialFinal]
    }
    /// Keys are years written as strings (JSON object keys), as Trends.Earth writes them.
    public struct ValuesByYearDict: Encodable, Sendable { var name: String; var unit: String; var values: LandJSONObject<LandJSONObject<Double>> }

    /// Trends.Earth's four area classes, in its order, from a Synergia -1/0/+1/no-data table.
    static func areas(_ name: String, _ t: LandAreaTable) -> AreaList {
        areas(name, improved: t.km2(1), stable: t.km2(0), degraded: t.km2(-1), noData: t.km2(nil))
    }

    static func areas(_ name: String, improved: Double, stable: Double, degraded: Double, noData: Double) -> AreaList {
        AreaList(name: name, areas: [Area(name: "Improved", area: improved), Area(name: "Stable", area: stable),
                                     Area(name: "Degraded", area: degraded), Area(name: "No data", area: noData)])
    }
}
