import SynergiaCore

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
}

extension SQLStore {
    /// Assesses every national target of a workspace on its headline series
    /// (its first indicator, not disaggregated).
    public func progress(workspaceID: Int64, rule: ProgressRule = ProgressRule()) async throws -> [NationalTargetProgress] {
        let series = try await series(workspaceID: workspaceID).filter { $0.disaggregation.isEmpty }
        let byIndicator = Dictionary(series.map { ($0.indicator, $0) }, uniquingKeysWith: { first, _ in first })
        return try await nationalTargets(workspaceID: workspaceID).map { target in
            let indicator = target.indicators.first
            let observations = indicator.flatMap { byIndicator[$0] }?.observations ?? []
            return NationalTargetProgress(
                code: target.code, title: target.title, unit: target.unit, baseline: target.baseline,
                target: target.target, indicator: indicator, assessment: rule.assess(target, observations: observations))
        }
    }
}
