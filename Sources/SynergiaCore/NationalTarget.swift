import Foundation

/// How closely a national target matches a global one.
public enum AlignmentDegree: String, Codable, Sendable, CaseIterable {
    case high, medium, low
}

public struct TargetAlignment: Codable, Sendable, Equatable {
    public var globalTarget: String
    public var degree: AlignmentDegree

    public init(globalTarget: String, degree: AlignmentDegree) {
        self.globalTarget = globalTarget
        self.degree = degree
    }
}

/// Which way the measured value should move for the target to be met.
public enum DesiredDirection: String, Codable, Sendable, CaseIterable {
    case increase, decrease
}

public struct YearValue: Codable, Sendable, Equatable {
    public var year: Int
    public var value: Double

    public init(year: Int, value: Double) {
        self.year = year
        self.value = value
    }
}

/// A target a country sets itself, aligned to one or more global targets.
public struct NationalTarget: Codable, Sendable, Equatable {
    public var id: Int64
    public var workspaceID: Int64
    /// Workspace-prefixed code, e.g. `KEN-T3`.
    public var code: String
    public var title: String
    public var description: String
    public var unit: String?
    public var baseline: YearValue?
    public var target: YearValue?
    /// Stated only when it cannot be read from baseline and target (equal values).
    public var direction: DesiredDirection?
    public var alignments: [TargetAlignment]
    /// Indicator codes (global or national) that measure this target; the first
    /// one's series is the one progress is assessed on.
    public var indicators: [String]
    /// The series progress is assessed on; without one, the first indicator's
    /// whole-country series.
    public var measuredBy: SeriesBinding?
    public var version: Int
    public var updatedAt: Date

    public init(id: Int64 = 0, workspaceID: Int64 = 0, code: String, title: String, description: String = "", unit: String? = nil, baseline: YearValue? = nil, target: YearValue? = nil, direction: DesiredDirection? = nil, alignments: [TargetAlignment] = [], indicators: [String] = [], measuredBy: SeriesBinding? = nil, version: Int = 1, updatedAt: Date = Date(timeIntervalSince1970: 0)) {
        self.id = id
        self.workspaceID = workspaceID
        self.code = code
        self.title = title
        self.description = description
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.direction = direction
        self.alignments = alignments
        self.indicators = indicators
        self.measuredBy = measuredBy
        self.version = version
        self.updatedAt = updatedAt
    }

    /// The direction stated, or the one baseline → target implies.
    public var effectiveDirection: DesiredDirection? {
        if let direction { return direction }
        guard let baseline, let target, baseline.value != target.value else { return nil }
        return target.value > baseline.value ? .increase : .decrease
    }
}
