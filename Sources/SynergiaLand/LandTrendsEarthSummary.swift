import Foundation
import SynergiaGeoBindings

/// The run's figures as a Trends.Earth land condition summary
/// (`te_schemas.reporting.TrendsEarthLandConditionSummary`, te_schemas 2.x), so that tools
/// that read a Trends.Earth summary, and the PRAIS import built from one, read a Synergia run.
/// Every key of the schema is written, in its order; what Synergia does not compute is
/// written the way Trends.Earth writes a missing part (null or an empty object), never as a
/// number (docs/land-degradation.md lists each place).
public struct LandTrendsEarthSummary: Encodable, Sendable {
    public struct TrendsEarthVersion: Encodable, Sendable { var version: String; var revision: String; var release_date: String }
    public struct AreaOfInterest: Encodable, Sendable {
        var name: String; var geojson: JSONValue; var crs_wkt: String
        init(_ outline: AreaOutline) { name = outline.name; geojson = outline.geojson; crs_wkt = outline.crsWKT }
    }
    public struct ReportMetadata: Encodable, Sendable {
        var title: String
        var date: String
        var trends_earth_version: TrendsEarthVersion
        var area_of_interest: AreaOfInterest
        var affected_areas_only = false
    }

    public var metadata: ReportMetadata
    public var land_condition: LandJSONObject<LandConditionReport>
    /// Synergia computes no population figures: an empty object, which the schema allows.
    public var affected_population = LandJSONObject<JSONValue>([])

    /// Written in `trends_earth_version.version`: the schema requires it and readers show it as
    /// the producing software, so it names Synergia's engine, not a Trends.Earth release.
    public static let producer = "Synergia land engine 1"
    /// Trends.Earth reads the first period under this key (its PRAIS export looks nowhere else).
    public static let baselineKey = "baseline"

    public init(result r: LandResult, aoi: AreaOfInterest, generatedAt: Date, software: String) {
        let date = Self.timestamp(generatedAt)
        metadata = ReportMetadata(title: "Synergia SDG 15.3.1 summary", date: date,
                                  trends_earth_version: TrendsEarthVersion(version: software, revision: "synergia", release_date: date),
                                  area_of_interest: aoi)
        let legend = Self.unccdLegend
        let nesting = Self.nesting(r.options.legend, parent: legend)
        let matrix = Self.transitionDefinition(r.options.transitionMatrix, legend: legend)
        land_condition = LandJSONObject(r.periods.enumerated().map { k, p in
            (key: Self.key(period: k, name: p.period.name), value: Self.report(p, legend: legend, nesting: nesting, matrix: matrix))
        })
    }

    /// The keys of `land_condition`, the baseline first.
    public var periodKeys: [String] { land_condition.keys }

    /// The key of a period in `land_condition`: the first period is the baseline whatever its
    /// name; a reporting period keeps its name (the one it has in every other output).
    public static func key(period index: Int, name: String) -> String { index == 0 ? baselineKey : name }

    /// Trends.Earth's date format, `%Y-%m-%dT%H:%M:%S+00:00`, in UTC.
    static func timestamp(_ date: Date) -> String {
        let stamp = ISO8601DateFormatter()
        stamp.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return stamp.string(from: date) + "+00:00"
    }
}
