import Testing
import SynergiaCore

/// A target measured by a named series (indicator and disaggregation) is
/// assessed on that series, its values converted to the target's unit.
@Suite struct BoundSeriesProgressTests {
    static let units = try! UnitTable(units: [
        MeasurementUnit(code: "km2", dimension: "area", factor: 1_000_000, label: "square kilometres"),
        MeasurementUnit(code: "Mha", dimension: "area", factor: 10_000_000_000, label: "million hectares"),
        MeasurementUnit(code: "percent", dimension: "share", factor: 0.01, label: "percent"),
    ])

    func series(_ indicator: String, disaggregation: String = "", unit: String = "percent", _ points: [(Int, Double)]) -> IndicatorSeries {
        IndicatorSeries(id: 1, workspaceID: 1, indicator: indicator, unit: unit, disaggregation: disaggregation,
                        observations: points.map { Observation(year: $0.0, value: $0.1, source: "test", provenance: .entered(userID: nil)) })
    }

    @Test func theBoundDisaggregatedSeriesIsAssessedNotTheWholeCountry() {
        let target = NationalTarget(code: "KEN-T1", title: "Protected land", unit: "percent",
                                    baseline: YearValue(year: 2020, value: 12), target: YearValue(year: 2030, value: 30),
                                    indicators: ["GBF-3.1"], measuredBy: SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land"))
        let all = [series("GBF-3.1", [(2020, 12), (2024, 15)]),
                   series("GBF-3.1", disaggregation: "realm=marine", [(2020, 1), (2024, 2)]),
                   series("GBF-3.1", disaggregation: "realm=land", [(2020, 12), (2024, 15), (2025, 24.6)])]
        let row = ProgressRule().assess([target], series: all, units: Self.units)[0]
        #expect(row.series == SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land"))
        #expect(row.indicator == "GBF-3.1")
        #expect(row.seriesUnit == nil && row.unitProblem == nil)
        #expect(row.assessment.latest == YearValue(year: 2025, value: 24.6))
        #expect(row.assessment == ProgressRule().assess(target, observations: all[2].observations))
        // Without the binding, the whole-country series is assessed, as before.
        var unbound = target
        unbound.measuredBy = nil
        #expect(ProgressRule().assess([unbound], series: all, units: Self.units)[0].assessment.latest == YearValue(year: 2024, value: 15))
    }

    @Test func valuesAreConvertedToTheTargetsUnitBeforeTheyAreAssessed() {
        // Baseline 20,000 km², goal 50,000 km² by 2030; the series is in Mha.
        let target = NationalTarget(code: "KEN-T2", title: "Restored land", unit: "km2",
                                    baseline: YearValue(year: 2020, value: 20_000), target: YearValue(year: 2030, value: 50_000),
                                    indicators: ["GBF-2.1"])
        let inMha = series("GBF-2.1", unit: "Mha", [(2020, 2), (2022, 2.6), (2024, 3.2), (2026, 5.1)])
        let row = ProgressRule().assess([target], series: [inMha], units: Self.units)[0]
        #expect(row.seriesUnit == "Mha")
        #expect(row.unitProblem == nil)
        #expect(row.assessment.latest == YearValue(year: 2026, value: 51_000))
        // 51,000 km² is past the 50,000 km² goal.
        #expect(row.assessment.status == .achieved)
        #expect(row.assessment.shareAchieved == (51_000 - 20_000) / 30_000.0)
    }

    @Test func aSeriesInAUnitOfAnotherDimensionLeavesProgressUnknownWithItsReason() {
        let target = NationalTarget(code: "KEN-T2", title: "Restored land", unit: "km2",
                                    baseline: YearValue(year: 2020, value: 20_000), target: YearValue(year: 2030, value: 50_000),
                                    indicators: ["GBF-2.1"])
        let inPercent = series("GBF-2.1", unit: "percent", [(2020, 2), (2024, 60)])
        let row = ProgressRule().assess([target], series: [inPercent], units: Self.units)[0]
        #expect(row.assessment == ProgressAssessment(status: .unknown, reason: .incompatibleUnits))
        #expect(row.seriesUnit == "percent")
        #expect(row.unitProblem == "unit percent (share) cannot be converted to km2 (area); a value must be stated in a unit of the same dimension")
        // A target without baseline and goal says so first.
        var qualitative = target
        (qualitative.baseline, qualitative.target) = (nil, nil)
        #expect(ProgressRule().assess([qualitative], series: [inPercent], units: Self.units)[0].assessment.reason == .noQuantitativeTarget)
    }

    @Test func aBindingWithoutItsSeriesIsAssessedOnNoObservations() {
        let target = NationalTarget(code: "KEN-T1", title: "t", unit: "percent", baseline: YearValue(year: 2020, value: 12),
                                    target: YearValue(year: 2030, value: 30), indicators: ["GBF-3.1"],
                                    measuredBy: SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land"))
        let row = ProgressRule().assess([target], series: [series("GBF-3.1", [(2024, 15)])], units: Self.units)[0]
        #expect(row.assessment.reason == .noObservations)
    }

    @Test func theBindingsDisaggregationMustBeKeyValuePairs() throws {
        var target = NationalTarget(code: "KEN-T1", title: "t", indicators: ["GBF-3.1"])
        target.measuredBy = SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land;ecosystem=forest")
        try NationalTargetRules.validate(target)
        target.measuredBy = SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm:land")
        #expect(throws: DomainError.invalid("national target KEN-T1: the disaggregation 'realm:land' is not key=value pairs joined by ';' (at 'realm:land'); write it as the series is recorded, e.g. realm=land")) {
            try NationalTargetRules.validate(target)
        }
        target.measuredBy = SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land;")
        #expect(throws: DomainError.invalid("national target KEN-T1: the disaggregation 'realm=land;' is not key=value pairs joined by ';' (at ''); write it as the series is recorded, e.g. realm=land")) {
            try NationalTargetRules.validate(target)
        }
        target.measuredBy = SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land;realm=marine")
        #expect(throws: DomainError.invalid("national target KEN-T1: the disaggregation 'realm=land;realm=marine' names 'realm' twice; give each key once")) {
            try NationalTargetRules.validate(target)
        }
        target.measuredBy = SeriesBinding(indicator: "GBF 3.1")
        #expect(throws: DomainError.invalid("national target KEN-T1: the measured-by indicator 'GBF 3.1' is no indicator code; use one such as GBF-3.1")) {
            try NationalTargetRules.validate(target)
        }
    }
}
