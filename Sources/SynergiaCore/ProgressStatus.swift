/// The progress scale national reports use (CBD 7th national report, section III).
public enum ProgressStatus: String, Codable, Sendable, CaseIterable {
    case achieved
    case onTrackToExceed = "on_track_to_exceed"
    case onTrack = "on_track"
    case insufficientRate = "insufficient_rate"
    case noSignificantChange = "no_significant_change"
    case movingAway = "moving_away"
    case unknown

    /// English label; other languages come from the localisation catalogue.
    public var label: String {
        switch self {
        case .achieved: "Target achieved"
        case .onTrackToExceed: "On track to exceed target"
        case .onTrack: "On track to achieve target"
        case .insufficientRate: "Progress towards target but at an insufficient rate"
        case .noSignificantChange: "No significant change"
        case .movingAway: "Moving away from target"
        case .unknown: "Unknown"
        }
    }
}

/// Why the assessment came out as it did, as data so it can be translated.
public enum ProgressReason: String, Codable, Sendable {
    case noQuantitativeTarget = "no_quantitative_target"
    case noObservations = "no_observations"
    case tooFewPoints = "too_few_points"
    case latestMeetsTarget = "latest_meets_target"
    case trendMovesAway = "trend_moves_away"
    case trendFlat = "trend_flat"
    case projectionExceedsTarget = "projection_exceeds_target"
    case projectionMeetsTarget = "projection_meets_target"
    case projectionFallsShort = "projection_falls_short"
    case levelMaintained = "level_maintained"
    /// The series is recorded in a unit that does not convert to the target's.
    case incompatibleUnits = "incompatible_units"
}

public struct ProgressAssessment: Codable, Sendable, Equatable {
    public var status: ProgressStatus
    public var reason: ProgressReason
    /// The latest observation used.
    public var latest: YearValue?
    /// The trend's value at the target year (or the latest value once that year has passed).
    public var projected: YearValue?
    /// Share of the baseline → target distance covered by the latest value (1 = met).
    public var shareAchieved: Double?
    /// Share of the distance the recent trend covers over the whole baseline → target period.
    public var trendRate: Double?
    /// Points (baseline included) the trend was fitted on.
    public var pointsUsed: Int

    public init(status: ProgressStatus, reason: ProgressReason, latest: YearValue? = nil, projected: YearValue? = nil, shareAchieved: Double? = nil, trendRate: Double? = nil, pointsUsed: Int = 0) {
        self.status = status
        self.reason = reason
        self.latest = latest
        self.projected = projected
        self.shareAchieved = shareAchieved
        self.trendRate = trendRate
        self.pointsUsed = pointsUsed
    }
}
