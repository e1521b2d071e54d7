/// Assesses a national target's progress from its baseline, its target and the
/// observations of its headline series. Documented in docs/progress-assessment.md;
/// every threshold is a parameter with the default given there.
public struct ProgressRule: Sendable, Equatable {
    /// Fewest points (baseline included) a trend is fitted on.
    public var minimumPoints = 3
    /// The trend is fitted on at most this many of the most recent points.
    public var recentPoints = 5
    /// A trend covering less than this share of the distance over the whole
    /// period (in either direction) is no significant change.
    public var significance = 0.05
    /// A projection beyond the target by this share of the distance exceeds it.
    public var exceedMargin = 0.10

    private static let tolerance = 1e-9

    public init() {}

    public func assess(_ target: NationalTarget, observations: [Observation]) -> ProgressAssessment {
        guard let baseline = target.baseline, let goal = target.target,
              let direction = target.effectiveDirection, goal.year > baseline.year else {
            return ProgressAssessment(status: .unknown, reason: .noQuantitativeTarget)
        }
        let series = Self.yearly(observations.filter { $0.year >= baseline.year })
        guard let latest = series.last else {
            return ProgressAssessment(status: .unknown, reason: .noObservations)
        }
        let sign: Double = direction == .increase ? 1 : -1
        let distance = abs(goal.value - baseline.value)
        let maintains = distance == 0
        // A maintain target has no distance to cover: measure against the baseline level.
        let scale = maintains ? max(abs(baseline.value), 1) : distance
        let required: Double = maintains ? 0 : 1
        func share(_ value: Double) -> Double { sign * (value - baseline.value) / scale }

        let shareNow = share(latest.value)
        var result = ProgressAssessment(status: .unknown, reason: .tooFewPoints, latest: latest, shareAchieved: maintains ? nil : shareNow)
        if shareNow >= required - Self.tolerance && (!maintains || latest.year >= goal.year) {
            result.status = .achieved
            result.reason = .latestMeetsTarget
            return result
        }

        var points = series
        if points.first?.year != baseline.year { points.insert(baseline, at: 0) }
        result.pointsUsed = min(points.count, recentPoints)
        guard points.count >= minimumPoints else { return result }
        let (slope, intercept) = Self.leastSquares(Array(points.suffix(recentPoints)))
        let rate = sign * slope * Double(goal.year - baseline.year) / scale
        result.trendRate = rate

        let projectedValue = goal.year > latest.year ? intercept + slope * Double(goal.year) : latest.value
        result.projected = YearValue(year: max(goal.year, latest.year), value: projectedValue)
        let shareProjected = share(projectedValue)

        if rate <= -significance {
            (result.status, result.reason) = (.movingAway, .trendMovesAway)
        } else if maintains {
            (result.status, result.reason) = shareNow >= -Self.tolerance
                ? (.onTrack, .levelMaintained) : (.insufficientRate, .projectionFallsShort)
        } else if abs(rate) < significance {
            (result.status, result.reason) = (.noSignificantChange, .trendFlat)
        } else if shareProjected >= 1 + exceedMargin - Self.tolerance {
            (result.status, result.reason) = (.onTrackToExceed, .projectionExceedsTarget)
        } else if shareProjected >= 1 - Self.tolerance {
            (result.status, result.reason) = (.onTrack, .projectionMeetsTarget)
        } else {
            (result.status, result.reason) = (.insufficientRate, .projectionFallsShort)
        }
        return result
    }

    /// One value per year (the last recorded wins), sorted by year.
    static func yearly(_ observations: [Observation]) -> [YearValue] {
        var byYear: [Int: Double] = [:]
        for observation in observations { byYear[observation.year] = observation.value }
        return byYear.keys.sorted().map { YearValue(year: $0, value: byYear[$0]!) }
    }

    /// Ordinary least squares line through the points: value = intercept + slope × year.
    static func leastSquares(_ points: [YearValue]) -> (slope: Double, intercept: Double) {
        let n = Double(points.count)
        let meanYear = points.reduce(0) { $0 + Double($1.year) } / n
        let meanValue = points.reduce(0) { $0 + $1.value } / n
        var sxy = 0.0, sxx = 0.0
        for point in points {
            let dx = Double(point.year) - meanYear
            sxy += dx * (point.value - meanValue)
            sxx += dx * dx
        }
        let slope = sxx == 0 ? 0 : sxy / sxx
        return (slope, meanValue - slope * meanYear)
    }
}
