import Testing
@testable import SynergiaCore

/// Hand-worked cases for every class of the scale and every edge the rule
/// names; the arithmetic is written next to each case.
@Suite struct ProgressRuleTests {
    let rule = ProgressRule()

    func target(baseline: (Int, Double)?, target: (Int, Double)?, direction: DesiredDirection? = nil) -> NationalTarget {
        NationalTarget(code: "KEN-T1", title: "t", baseline: baseline.map { YearValue(year: $0.0, value: $0.1) },
                       target: target.map { YearValue(year: $0.0, value: $0.1) }, direction: direction)
    }

    func observations(_ points: [(Int, Double)]) -> [Observation] {
        points.map { Observation(year: $0.0, value: $0.1, source: "test", provenance: .entered(userID: nil)) }
    }

    // Baseline 10 in 2015, target 25 in 2030: distance 15 over 15 years.
    var increasing: NationalTarget { target(baseline: (2015, 10), target: (2030, 25)) }

    @Test func onTrackWhenTheTrendReachesTheTargetExactly() {
        // Points (2015,10) (2018,13) (2021,16): slope 1/yr, line at 2030 = 25 = target.
        let result = rule.assess(increasing, observations: observations([(2018, 13), (2021, 16)]))
        #expect(result.status == .onTrack)
        #expect(result.reason == .projectionMeetsTarget)
        #expect(result.projected == YearValue(year: 2030, value: 25))
        #expect(result.shareAchieved == 0.4)
        #expect(result.trendRate == 1)
        #expect(result.pointsUsed == 3)
    }

    @Test func onTrackToExceedWhenTheProjectionPassesTheTargetByTenPercent() {
        // (2015,10) (2018,14) (2021,18): slope 4/3, line at 2030 = 30; share 20/15 = 1.33 ≥ 1.10.
        let result = rule.assess(increasing, observations: observations([(2018, 14), (2021, 18)]))
        #expect(result.status == .onTrackToExceed)
        #expect(abs(result.projected!.value - 30) < 1e-9)
    }

    @Test func insufficientRateWhenTheProjectionFallsShort() {
        // (2015,10) (2018,11) (2021,12): slope 1/3, line at 2030 = 15; share 5/15; rate 1/3 ≥ 0.05.
        let result = rule.assess(increasing, observations: observations([(2018, 11), (2021, 12)]))
        #expect(result.status == .insufficientRate)
        #expect(abs(result.projected!.value - 15) < 1e-9)
        #expect(abs(result.trendRate! - 1.0 / 3) < 1e-12)
    }

    @Test func noSignificantChangeWhenTheTrendIsFlat() {
        // (2015,10) (2018,10.1) (2021,10.0): deviations −3,0,3 against −1/30, 2/30, −1/30 → slope 0.
        let result = rule.assess(increasing, observations: observations([(2018, 10.1), (2021, 10.0)]))
        #expect(result.status == .noSignificantChange)
        #expect(abs(result.trendRate!) < 1e-9)
    }

    @Test func movingAwayWhenTheTrendGoesTheWrongWay() {
        // (2015,10) (2018,9) (2021,8): slope −1/3; rate −1/3 ≤ −0.05.
        let result = rule.assess(increasing, observations: observations([(2018, 9), (2021, 8)]))
        #expect(result.status == .movingAway)
        #expect(result.reason == .trendMovesAway)
    }

    @Test func achievedWithOneObservationAtOrPastTheTarget() {
        let result = rule.assess(increasing, observations: observations([(2022, 26)]))
        #expect(result.status == .achieved)
        #expect(abs(result.shareAchieved! - 16.0 / 15) < 1e-12)
        #expect(rule.assess(increasing, observations: observations([(2024, 25)])).status == .achieved)
    }

    @Test func unknownWithoutObservations() {
        let result = rule.assess(increasing, observations: [])
        #expect(result.status == .unknown)
        #expect(result.reason == .noObservations)
    }

    @Test func unknownWithOneObservationShortOfTheTarget() {
        // Baseline + one observation = 2 points < 3.
        let result = rule.assess(increasing, observations: observations([(2020, 20)]))
        #expect(result.status == .unknown)
        #expect(result.reason == .tooFewPoints)
        #expect(result.latest == YearValue(year: 2020, value: 20))
    }

    @Test func observationsBeforeTheBaselineAreIgnored() {
        let result = rule.assess(increasing, observations: observations([(2010, 1), (2012, 2), (2020, 20)]))
        #expect(result.reason == .tooFewPoints)
    }

    @Test func unknownWithoutAQuantitativeTarget() {
        let qualitative = target(baseline: nil, target: nil)
        #expect(rule.assess(qualitative, observations: observations([(2020, 1), (2021, 2)])).reason == .noQuantitativeTarget)
    }

    @Test func decreasingIsGoodTargets() {
        // Degraded land 40 % in 2015 → 25 % by 2030 (distance 15).
        let degraded = target(baseline: (2015, 40), target: (2030, 25))
        // (2015,40) (2018,37) (2021,34): slope −1 → 25 in 2030: on track.
        #expect(rule.assess(degraded, observations: observations([(2018, 37), (2021, 34)])).status == .onTrack)
        // Rising degradation moves away.
        #expect(rule.assess(degraded, observations: observations([(2018, 41), (2021, 42)])).status == .movingAway)
        // Already at 24: achieved.
        #expect(rule.assess(degraded, observations: observations([(2023, 24)])).status == .achieved)
        // Falling slowly: (2015,40) (2018,39.5) (2021,39): slope −1/6 → 37.5 in 2030; share 2.5/15.
        #expect(rule.assess(degraded, observations: observations([(2018, 39.5), (2021, 39)])).status == .insufficientRate)
    }

    @Test func targetYearPassedWithoutReachingTheTarget() {
        // Baseline 10 (2010) → 20 (2020); latest 17 in 2022: the projection is the latest value.
        let late = target(baseline: (2010, 10), target: (2020, 20))
        let result = rule.assess(late, observations: observations([(2015, 13), (2022, 17)]))
        #expect(result.status == .insufficientRate)
        #expect(result.projected == YearValue(year: 2022, value: 17))
    }

    @Test func maintainTargets() {
        // Keep 100 from 2020 to 2030, must not fall.
        let keep = target(baseline: (2020, 100), target: (2030, 100), direction: .increase)
        #expect(rule.assess(keep, observations: observations([(2022, 100), (2024, 100)])).status == .onTrack)
        // (2020,100) (2022,98) (2024,96): slope −1; rate −1 × 10 / 100 = −0.1 → moving away.
        #expect(rule.assess(keep, observations: observations([(2022, 98), (2024, 96)])).status == .movingAway)
        // Reaching the target year at the level: achieved.
        #expect(rule.assess(keep, observations: observations([(2030, 100)])).status == .achieved)
    }

    @Test func onlyTheMostRecentPointsSetTheTrend() {
        // Early collapse then steady rise: last five points (2020..2024) rise 1/yr from 10 to 14,
        // line at 2030 = 20 ≥ 25? No: 20 → share 10/15 → insufficient, although the first points fell.
        let result = rule.assess(increasing, observations: observations([(2016, 2), (2018, 3), (2020, 10), (2021, 11), (2022, 12), (2023, 13), (2024, 14)]))
        #expect(result.pointsUsed == 5)
        #expect(abs(result.projected!.value - 20) < 1e-9)
        #expect(result.status == .insufficientRate)
    }

    @Test func everyStatusHasALabel() {
        #expect(Set(ProgressStatus.allCases.map(\.label)).count == ProgressStatus.allCases.count)
    }
}
