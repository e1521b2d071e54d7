import Testing
import SynergiaCore

/// A workspace's targets are assessed on their headline series: the first
/// indicator's, not disaggregated (the values as in ProgressRuleTests).
@Suite struct HeadlineProgressTests {
    func target(_ code: String, indicators: [String]) -> NationalTarget {
        NationalTarget(code: code, title: code, baseline: YearValue(year: 2015, value: 10), target: YearValue(year: 2030, value: 25),
                       indicators: indicators)
    }

    func series(_ indicator: String, disaggregation: String = "", _ points: [(Int, Double)]) -> IndicatorSeries {
        IndicatorSeries(id: 1, workspaceID: 1, indicator: indicator, unit: "percent", disaggregation: disaggregation,
                        observations: points.map { Observation(year: $0.0, value: $0.1, source: "test", provenance: .entered(userID: nil)) })
    }

    @Test func eachTargetIsAssessedOnItsFirstIndicatorsUndisaggregatedSeriesInTheOrderGiven() {
        let targets = [target("KEN-T2", indicators: ["GBF-3.1", "GBF-2.1"]), target("KEN-T1", indicators: []),
                       target("KEN-T3", indicators: ["GBF-2.2", "GBF-3.1"])]
        let all = [series("GBF-3.1", disaggregation: "realm=land", [(2018, 10), (2021, 10)]),
                   series("GBF-3.1", [(2018, 13), (2021, 16)]),
                   series("GBF-2.1", [(2018, 10), (2021, 10)])]
        let progress = ProgressRule().assess(targets, series: all)
        #expect(progress.map(\.code) == ["KEN-T2", "KEN-T1", "KEN-T3"])
        #expect(progress[0].indicator == "GBF-3.1")
        #expect(progress[0].assessment == ProgressRule().assess(targets[0], observations: all[1].observations))
        #expect(progress[0].assessment.status == .onTrack)
        #expect(progress[1].indicator == nil)
        #expect(progress[1].assessment.reason == .noObservations)
        // The first indicator has no series: the second one's is not used instead.
        #expect(progress[2].indicator == "GBF-2.2")
        #expect(progress[2].assessment.reason == .noObservations)
        #expect(progress[0].baseline == YearValue(year: 2015, value: 10) && progress[0].target == YearValue(year: 2030, value: 25))
    }
}
