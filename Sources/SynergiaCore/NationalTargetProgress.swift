/// A national target with its assessment, as the progress table shows it.
public struct NationalTargetProgress: Codable, Sendable, Equatable {
    public var code: String
    public var title: String
    public var unit: String?
    public var baseline: YearValue?
    public var target: YearValue?
    /// The indicator whose series was assessed.
    public var indicator: String?
    /// The series assessed: the one the target is measured by, else its first
    /// indicator's whole-country series; nil for a target without indicator.
    public var series: SeriesBinding?
    /// The unit the series is recorded in, when it differs from the target's:
    /// its values were converted to the target's unit, or could not be (`unitProblem`).
    public var seriesUnit: String?
    /// Why the series' values cannot be compared with the target (English; the
    /// assessment's reason is `incompatibleUnits`).
    public var unitProblem: String?
    public var assessment: ProgressAssessment

    public init(code: String, title: String, unit: String?, baseline: YearValue?, target: YearValue?, indicator: String?,
                series: SeriesBinding? = nil, seriesUnit: String? = nil, unitProblem: String? = nil,
                assessment: ProgressAssessment) {
        self.code = code
        self.title = title
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.indicator = indicator
        self.series = series
        self.seriesUnit = seriesUnit
        self.unitProblem = unitProblem
        self.assessment = assessment
    }
}

extension NationalTarget {
    /// The series progress is assessed on: the one the target is measured by,
    /// else its first indicator's whole-country series.
    public var assessedSeries: SeriesBinding? {
        measuredBy ?? indicators.first.map { SeriesBinding(indicator: $0) }
    }
}

extension ProgressRule {
    /// Assesses every target, in the order given, on `NationalTarget.assessedSeries`,
    /// its values converted to the target's unit by `units`. A target without
    /// an indicator or without such a series is assessed on no observations; a
    /// series whose unit does not convert to the target's is not assessed
    /// (`ProgressReason.incompatibleUnits`), never compared in the wrong unit.
    public func assess(_ targets: [NationalTarget], series: [IndicatorSeries], units: UnitTable = .identityOnly) -> [NationalTargetProgress] {
        var bySeries: [SeriesBinding: IndicatorSeries] = [:]
        for one in series {
            let key = SeriesBinding(indicator: one.indicator, disaggregation: one.disaggregation)
            if bySeries[key] == nil { bySeries[key] = one }
        }
        return targets.map { target in
            let binding = target.assessedSeries
            var row = NationalTargetProgress(
                code: target.code, title: target.title, unit: target.unit, baseline: target.baseline, target: target.target,
                indicator: binding?.indicator, series: binding, assessment: assess(target, observations: []))
            guard let found = binding.flatMap({ bySeries[$0] }) else { return row }
            guard let targetUnit = target.unit, !targetUnit.isEmpty, targetUnit != found.unit else {
                row.assessment = assess(target, observations: found.observations)
                return row
            }
            row.seriesUnit = found.unit
            do throws(DomainError) {
                let conversion = try units.conversion(from: found.unit, to: targetUnit)
                row.assessment = assess(target, observations: found.observations.map {
                    var converted = $0
                    converted.value = conversion.apply($0.value)
                    return converted
                })
            } catch {
                row.unitProblem = error.message
                if row.assessment.reason != .noQuantitativeTarget {
                    row.assessment = ProgressAssessment(status: .unknown, reason: .incompatibleUnits)
                }
            }
            return row
        }
    }
}
