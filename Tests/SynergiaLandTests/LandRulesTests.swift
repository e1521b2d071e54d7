import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// Every rule of the method file checked cell by cell against its tables.
@Suite struct LandRulesTests {
    // Method file, "Land cover sub-indicator": the default matrix, row by row.
    static let expectedMatrix: [[Int8]] = [
        [0, -1, -1, -1, -1, -1, 0], [1, 0, 1, -1, -1, -1, 0], [1, -1, 0, -1, -1, -1, 0],
        [-1, -1, -1, 0, -1, -1, 0], [1, 1, 1, 1, 0, 1, 0], [1, 1, 1, 1, -1, 0, 0], [0, 0, 0, 0, 0, 0, 0],
    ]

    @Test(arguments: 1...7, 1...7)
    func defaultMatrixCell(from: Int, to: Int) {
        #expect(LandTransitionMatrix.unccdDefault.value(from: from, to: to) == Self.expectedMatrix[from - 1][to - 1])
    }

    @Test(arguments: [Int8(-1), 0, 1], [Int8(-1), 0, 1])
    func lpdCombination(trajectory: Int8, state: Int8) {
        for performance: Int8 in [-1, 0] {
            let expected: LandLPDClass
            switch (trajectory, state, performance) {
            case (-1, _, _): expected = .declining
            case (0, -1, -1): expected = .declining
            case (0, -1, 0): expected = .moderateDecline
            case (0, 0, -1): expected = .stressed
            case (0, _, _): expected = .stable
            case (1, -1, -1): expected = .moderateDecline
            default: expected = .increasing
            }
            #expect(LandProductivity.lpdClass(trajectory: trajectory, state: state, performance: performance) == expected,
                     "trajectory \(trajectory) state \(state) performance \(performance)")
        }
    }

    @Test func lpdToSubIndicator() {
        #expect(LandLPDClass.allCases.map(\.subIndicator) == [-1, -1, 0, 0, 1])
    }

    @Test(arguments: [(100.0, 90.0, Int8(-1)), (100, 90.0001, 0), (100, 89.9999, -1), (100, 110, 1), (100, 109.9999, 0),
                      (100, 110.0001, 1), (100, 100, 0), (40, 36, -1), (40, 44, 1), (76.75, 69.075, -1)])
    func socBoundaries(initial: Double, final: Double, expected: Int8) {
        #expect(LandSOC.classify(percentChange: LandSOC.percentChange(initial: initial, final: final)) == expected)
    }

    @Test func socFactors() {
        let f = 0.69
        #expect(LandSOC.factor(from: 1, to: 3, f: f) == f)
        #expect(LandSOC.factor(from: 3, to: 1, f: f) == 1 / f)
        #expect(LandSOC.factor(from: 3, to: 4, f: f) == 1 / 0.71)
        #expect(LandSOC.factor(from: 4, to: 3, f: f) == 0.71)
        #expect(LandSOC.factor(from: 2, to: 5, f: f) == 0.1)
        #expect(LandSOC.factor(from: 6, to: 2, f: f) == 2)
        #expect(LandSOC.factor(from: 7, to: 3, f: f) == 1)
        #expect(LandClimateCodes.synergia5.zones.keys.sorted().map { LandClimateCodes.synergia5.zones[$0]!.factor } == [0.80, 0.69, 0.58, 0.48, 0.64])
    }

    @Test func socSpreadOverTwentyYears() {
        var out: [Double] = []
        // 15 of 20 years elapsed: 3/4 of the change.
        LandSOC.propagate(reference: 100, years: [2000, 2015], classes: [1, 3], f: 0.69, spreadYears: 20, into: &out)
        #expect(abs(out[1] - 76.75) < 1e-9)
        // 2000 -> 2015 -> 2030: the change stops after 20 years.
        LandSOC.propagate(reference: 100, years: [2000, 2015, 2030], classes: [1, 3, 3], f: 0.69, spreadYears: 20, into: &out)
        #expect(abs(out[2] - 69) < 1e-9)
    }

    @Test(arguments: [Int8(-1), 0, 1], [Int8(-1), 0, 1])
    func oneOutAllOut(landCover: Int8, productivity: Int8) {
        for soc: Int8 in [-1, 0, 1] {
            let expected: Int8
            if landCover == -1 || productivity == -1 || soc == -1 { expected = -1 }
            else if productivity == 1 || (productivity == 0 && (landCover == 1 || soc == 1)) { expected = 1 }
            else { expected = 0 }
            #expect(LandIntegration.oneOutAllOut(landCover: landCover, productivity: productivity, soc: soc) == expected)
            // Any no data gives no data, whatever the other values.
            #expect(LandIntegration.oneOutAllOut(landCover: nil, productivity: productivity, soc: soc) == nil)
            #expect(LandIntegration.oneOutAllOut(landCover: landCover, productivity: nil, soc: soc) == nil)
            #expect(LandIntegration.oneOutAllOut(landCover: landCover, productivity: productivity, soc: nil) == nil)
        }
    }

    @Test func statusMatrix() {
        let expected: [[LandStatus]] = [
            [.persistentDegradation, .baselineDegradation, .recentImprovement],
            [.recentDegradation, .stable, .recentImprovement],
            [.recentDegradation, .baselineImprovement, .persistentImprovement],
        ]
        let collapsed: [[Int8]] = [[-1, -1, 1], [-1, 0, 1], [-1, 1, 1]]
        for b in -1...1 { for r in -1...1 {
            let s = LandStatus.of(baseline: Int8(b), report: Int8(r))
            #expect(s == expected[b + 1][r + 1])
            #expect(s.collapsed == collapsed[b + 1][r + 1])
        } }
    }

    @Test func mannKendallExactCriticalValues() {
        let mk = LandMannKendall()
        #expect(mk.criticalS(n: 4) == nil)
        #expect(mk.criticalS(n: 5) == 10)
        #expect(mk.criticalS(n: 6) == 13)
        #expect(mk.criticalS(n: 10) == 23)   // P(|S| >= 23) = 0.0466, P(|S| >= 21) = 0.0726
        #expect(mk.minimumYears() == 5)
        #expect(LandMannKendall.s([1, 2, 3, 4, 5]) == 10)
        #expect(LandMannKendall.s([5, 4, 3, 2, 1]) == -10)
        #expect(LandMannKendall.s([1, 1, 1]) == 0)
        #expect(abs(LandMannKendall.upperTail(n: 5, s: 10) - 1.0 / 120) < 1e-12)
    }

    @Test func trajectoryNeedsSignificanceAndSlope() {
        #expect(LandProductivity.trajectory(s: 10, criticalS: 10, slope: 20, slopeThreshold: 10) == 1)
        #expect(LandProductivity.trajectory(s: -10, criticalS: 10, slope: -20, slopeThreshold: 10) == -1)
        #expect(LandProductivity.trajectory(s: 8, criticalS: 10, slope: 20, slopeThreshold: 10) == 0)
        #expect(LandProductivity.trajectory(s: 10, criticalS: 10, slope: 10, slopeThreshold: 10) == 0)
        #expect(LandProductivity.trajectory(s: 10, criticalS: nil, slope: 20, slopeThreshold: 10) == 0)
    }

    @Test func stateDecilesAndPerformance() {
        let base = (1...10).map { Double($0) * 100 }   // 100..1000
        #expect(LandProductivity.decileClass(of: 50, baseline: base) == 1)
        #expect(LandProductivity.decileClass(of: 2000, baseline: base) == 10)
        #expect(LandProductivity.decileClass(of: 550, baseline: base) == 6)
        // recent mean far below: class 1 vs baseline mean 550 (class 6) -> -1
        #expect(LandProductivity.state(baseline: base, recent: [100, 100, 100], classThreshold: 2, minimumDifference: 100) == -1)
        #expect(LandProductivity.state(baseline: base, recent: [1000, 1000, 1000], classThreshold: 2, minimumDifference: 100) == 1)
        // means differing by <= 0.01 NDVI (100 in x10000 units) -> 0
        #expect(LandProductivity.state(baseline: base, recent: [650], classThreshold: 2, minimumDifference: 100) == 0)
        #expect(LandProductivity.performance(mean: 50, unitPercentile: 100, ratioThreshold: 0.5) == -1)
        #expect(LandProductivity.performance(mean: 51, unitPercentile: 100, ratioThreshold: 0.5) == 0)
    }

    @Test func pixelAreas() {
        let c = 1.0 / 360
        let eq = LandPixelArea.cellArea(top: c, bottom: 0, widthDegrees: c) / 1e6
        let sixty = LandPixelArea.cellArea(top: 60 + c, bottom: 60, widthDegrees: c) / 1e6
        #expect((eq * 1e4).rounded() / 1e4 == 0.0950)
        #expect((sixty * 1e4).rounded() / 1e4 == 0.0480)
        let globe = 2 * LandPixelArea.zoneArea(latitude: 90) / 1e6
        #expect(abs(globe - 510_065_622) < 1)
    }

    @Test func nestingTable() throws {
        let legend = try LandLegend(csv: "code,class,name\n10,1,Forest\n11,1,Plantation\n20,2,Savanna\n30,3,Crops\n40,4,Marsh\n50,5,Urban\n60,6,Bare\n70,7,Lake\n")
        #expect(legend.nesting[11] == 1)
        #expect(legend.names[20] == "Savanna")
        #expect(throws: GeoError.self) { try LandLegend(nesting: [10: 8]) }
    }

    @Test func customMatrixMustDefineEveryCell() throws {
        var cells: [Int: Int8] = [:]
        for i in 1...7 { for j in 1...7 { cells[i * 10 + j] = 0 } }
        _ = try LandTransitionMatrix(cells: cells)
        cells[23] = nil; cells[71] = nil
        do {
            _ = try LandTransitionMatrix(cells: cells)
            Issue.record("a matrix with missing cells was accepted")
        } catch let e as GeoError {
            #expect(e.description.contains("2 cells missing"))
            #expect(e.description.contains("(23)") && e.description.contains("(71)"))
        }
        #expect(throws: GeoError.self) { try LandTransitionMatrix(rows: [[0]]) }
    }
}
