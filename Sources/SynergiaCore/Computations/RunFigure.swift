import Foundation

/// One value an engine run produced, as its series stores it: the indicator,
/// the disaggregation, the year and the value (rounded as recorded). An
/// evidence bundle carries a run's figures so that a rerun can be compared to them.
public struct RunFigure: Codable, Sendable, Hashable {
    public var indicator: String
    /// Empty for the whole; otherwise `key=value` pairs joined by `;`.
    public var disaggregation: String
    public var unit: String
    public var year: Int
    public var value: Double

    public init(indicator: String, disaggregation: String, unit: String, year: Int, value: Double) {
        self.indicator = indicator
        self.disaggregation = disaggregation
        self.unit = unit
        self.year = year
        self.value = value
    }

    /// The series and year, as a person reads them: `GBF-3.1 realm=land 2025`.
    public var label: String {
        [indicator, disaggregation, String(year)].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Identifies the figure across a bundle and a rerun.
    public var slot: String { "\(indicator)|\(disaggregation)|\(year)" }
}
