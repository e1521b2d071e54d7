/// One out, all out and the status of a reporting period (docs/methods/land-degradation-sdg-15-3-1.md
/// §Integration and §Status of a reporting period vs the baseline).
public enum LandIntegration {
    /// -1 if any sub-indicator is -1; else +1 if productivity is +1, or productivity
    /// is 0 and land cover or SOC is +1; else 0. Any no data (nil) gives no data.
    public static func oneOutAllOut(landCover: Int8?, productivity: Int8?, soc: Int8?) -> Int8? {
        guard let lc = landCover, let p = productivity, let s = soc else { return nil }
        if lc == -1 || p == -1 || s == -1 { return -1 }
        if p == 1 || (p == 0 && (lc == 1 || s == 1)) { return 1 }
        return 0
    }
}

/// The seven status classes of a reporting period against the baseline.
public enum LandStatus: Int, CaseIterable, Codable, Sendable {
    case persistentDegradation = 1, recentDegradation, baselineDegradation, stable,
         baselineImprovement, recentImprovement, persistentImprovement

    /// Status table: rows = baseline, columns = reporting period.
    public static func of(baseline: Int8, report: Int8) -> LandStatus {
        switch (baseline, report) {
        case (-1, -1): return .persistentDegradation
        case (-1, 0): return .baselineDegradation
        case (-1, 1): return .recentImprovement
        case (0, -1): return .recentDegradation
        case (0, 0): return .stable
        case (0, 1): return .recentImprovement
        case (1, -1): return .recentDegradation
        case (1, 0): return .baselineImprovement
        default: return .persistentImprovement
        }
    }

    /// Collapsed: -1 degraded, 0 stable, +1 improved.
    public var collapsed: Int8 {
        switch self {
        case .persistentDegradation, .recentDegradation, .baselineDegradation: return -1
        case .stable: return 0
        default: return 1
        }
    }

    public var name: String {
        switch self {
        case .persistentDegradation: return "Persistent degradation"
        case .recentDegradation: return "Recent degradation"
        case .baselineDegradation: return "Baseline degradation persisting"
        case .stable: return "Stable"
        case .baselineImprovement: return "Baseline improvement"
        case .recentImprovement: return "Recent improvement"
        case .persistentImprovement: return "Persistent improvement"
        }
    }
}
