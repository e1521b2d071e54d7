/// A national target with its assessment, as the progress table shows it.
public struct NationalTargetProgress: Codable, Sendable, Equatable {
    public var code: String
    public var title: String
    public var unit: String?
    public var baseline: YearValue?
    public var target: YearValue?
    /// The indicator whose series was assessed.
    public var indicator: String?
    public var assessment: ProgressAssessment

    public init(code: String, title: String, unit: String?, baseline: YearValue?, target: YearValue?, indicator: String?,
                assessment: ProgressAssessment) {
        self.code = code
        self.title = title
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.indicator = indicator
        self.assessment = assessment
    }
}

extension ProgressRule {
    /// Assesses every target, in the order given, on its headline series: that
    /// of its first indicator, not disaggregated. A target without an indicator
    /// or without such a series is assessed on no observations.
    public func assess(_ targets: [NationalTarget], series: [IndicatorSeries]) -> [NationalTargetProgress] {
        let headline = Dictionary(series.filter { $0.disaggregation.isEmpty }.map { ($0.indicator, $0) },
                                  uniquingKeysWith: { first, _ in first })
        return targets.map { target in
            let indicator = target.indicators.first
            let observations = indicator.flatMap { headline[$0] }?.observations ?? []
            return NationalTargetProgress(
                code: target.code, title: target.title, unit: target.unit, baseline: target.baseline,
                target: target.target, indicator: indicator, assessment: assess(target, observations: observations))
        }
    }
}
