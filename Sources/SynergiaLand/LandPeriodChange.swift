/// A reporting period against the baseline, pixel by pixel: for the indicator and each
/// sub-indicator, the area of every pair (baseline class, period class). The status of a
/// layer follows from these pairs by `LandStatus.of`, so the status of each sub-indicator
/// is exact, not rebuilt from area totals.
public struct LandPeriodChange: Codable, Sendable, Equatable {
    /// Row and column order of every cross table: degraded, stable, improved, no data.
    public static let classes: [(code: Int?, label: String)] = [(-1, "Degraded"), (0, "Stable"), (1, "Improved"), (nil, "No data")]

    /// km², [baseline class][period class] in the order of `classes`.
    public var indicatorKm2: [[Double]]
    public var productivityKm2: [[Double]]
    public var landCoverKm2: [[Double]]
    public var socKm2: [[Double]]

    /// Degraded / stable / improved / no data after the status rule, in km², for one layer's cross
    /// table: a pixel with no data in either period is no data.
    public static func statusKm2(_ table: [[Double]]) -> [Double] {
        var sums = [Double](repeating: 0, count: 4)
        for b in 0..<4 { for r in 0..<4 {
            guard b < 3, r < 3 else { sums[3] += table[b][r]; continue }
            let status = LandStatus.of(baseline: Int8(b - 1), report: Int8(r - 1))
            sums[Int(status.collapsed) + 1] += table[b][r]
        } }
        return sums.map(roundedToSquareCentimetres)
    }

    /// Areas are whole cm² (`LandResultBuilder.km2`); a sum of them is rounded back to that
    /// grain so that no binary rounding noise (…0000002) reaches a report.
    public static func roundedToSquareCentimetres(_ km2: Double) -> Double { (km2 * 1e10).rounded() / 1e10 }
}
