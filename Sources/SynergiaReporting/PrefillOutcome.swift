import Foundation
import SynergiaCore

/// What prefilling found for a report: the answers to add, and the questions a series
/// could have filled but did not, each with the reason (a unit that does not convert).
public struct PrefillOutcome: Sendable {
    public var answers: [(change: AnswerChange, provenance: AnswerProvenance)] = []
    public var gaps: [PrefillGap] = []

    public init(answers: [(change: AnswerChange, provenance: AnswerProvenance)] = [], gaps: [PrefillGap] = []) {
        self.answers = answers
        self.gaps = gaps
    }
}

/// A question left empty although a series of the workspace names it: the value is
/// better missing than wrong.
public struct PrefillGap: Sendable, Equatable, Codable, CustomStringConvertible {
    public var key: AnswerKey
    public var indicator: String
    public var disaggregation: String
    /// Why the series was not used, with the fix (the refusal of `UnitTable.convert`).
    public var reason: String

    public init(key: AnswerKey, indicator: String, disaggregation: String, reason: String) {
        self.key = key
        self.indicator = indicator
        self.disaggregation = disaggregation
        self.reason = reason
    }

    /// "restoration_area: series GBF-2.1 not used: unit index (index) cannot be converted to km2 (area); …"
    public var description: String {
        let series = disaggregation.isEmpty ? indicator : "\(indicator) \(disaggregation)"
        return "\(key): series \(series) not used: \(reason)"
    }
}
