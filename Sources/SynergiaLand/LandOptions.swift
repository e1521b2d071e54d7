import Foundation
import SynergiaGeoBindings

/// One period: land cover compared between two years, productivity over a run of years.
public struct LandPeriod: Codable, Sendable, Equatable {
    public var name: String
    public var landCoverStart: Int
    public var landCoverEnd: Int
    public var productivityStart: Int
    public var productivityEnd: Int

    public init(name: String, landCoverStart: Int, landCoverEnd: Int, productivityStart: Int, productivityEnd: Int) {
        self.name = name; self.landCoverStart = landCoverStart; self.landCoverEnd = landCoverEnd
        self.productivityStart = productivityStart; self.productivityEnd = productivityEnd
    }

    /// UNCCD 2026 reporting cycle (docs/methods/land-degradation-sdg-15-3-1.md §Default periods).
    public static let unccd2026: [LandPeriod] = [
        LandPeriod(name: "baseline", landCoverStart: 2000, landCoverEnd: 2015, productivityStart: 2001, productivityEnd: 2015),
        LandPeriod(name: "report_2019", landCoverStart: 2015, landCoverEnd: 2019, productivityStart: 2004, productivityEnd: 2019),
        LandPeriod(name: "report_2023", landCoverStart: 2015, landCoverEnd: 2022, productivityStart: 2008, productivityEnd: 2023),
    ]
}

/// What the "proportion degraded" is divided by (docs/methods/land-degradation-sdg-15-3-1.md §Areas: state it).
public enum LandDenominator: String, Codable, Sendable {
    /// Area of the AOI minus water bodies and no-data pixels (the default: the
    /// indicator is defined on land with data).
    case landWithData
    /// Every pixel of the AOI, water and no data included.
    case wholeAOI
}

public enum LandSlopeMethod: String, Codable, Sendable { case ordinaryLeastSquares, theilSen }

/// Every configurable rule of the method (docs/methods/land-degradation-sdg-15-3-1.md), with the method's default.
public struct LandOptions: Codable, Sendable {
    /// Periods; the first is the baseline, the others are reporting periods.
    public var periods: [LandPeriod] = LandPeriod.unccd2026
    public var legend: LandLegend = .unccd
    public var transitionMatrix: LandTransitionMatrix = .unccdDefault
    // Productivity (computed from NDVI)
    public var ndviScale: Double = 10000
    public var mannKendallAlpha: Double = 0.05
    public var trajectorySlopeThreshold: Double = 0.001      // NDVI per year
    public var trajectorySlope: LandSlopeMethod = .ordinaryLeastSquares
    /// The last `stateRecentYears` of the productivity period form the recent period; the years before, the baseline series.
    public var stateRecentYears: Int = 3
    public var stateClassThreshold: Int = 2
    public var stateMinimumDifference: Double = 0.01          // NDVI
    public var performancePercentile: Double = 90
    public var performanceRatioThreshold: Double = 0.5
    // SOC
    /// National climate zone, used where no climate raster gives one; nil = not given, and
    /// `LandClimateZone.assumed` is used with a warning.
    public var climateZone: LandClimateZone?
    /// How the climate raster's values are read (IPCC 12 zones unless the person says otherwise).
    public var climateCodes: LandClimateCodes = .ipcc12
    public var socSpreadYears: Int = 20
    public var socThresholdPercent: Double = 10
    // Areas and processing
    public var denominator: LandDenominator = .landWithData
    /// Warp inputs on another grid to the land-cover grid (nearest neighbour) instead of refusing them.
    public var align: Bool = false
    public var blockSize: Int = 512
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Replace an existing output folder.
    public var overwrite: Bool = false

    public init() {}

    /// The national zone the run uses.
    public var nationalClimateZone: LandClimateZone { climateZone ?? .assumed }

    public func validate() throws {
        guard !periods.isEmpty else { throw GeoError.invalidOption("at least one period (the baseline) is needed") }
        guard Set(periods.map(\.name)).count == periods.count else { throw GeoError.invalidOption("period names must be unique") }
        // The first period is the baseline in every output (Trends.Earth's summary keys it `baseline`).
        guard !periods.dropFirst().contains(where: { $0.name == "baseline" }) else {
            throw GeoError.invalidOption("only the first period can be named baseline (the periods after it are reporting periods); rename the later one")
        }
        for p in periods {
            guard p.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !p.name.isEmpty else {
                throw GeoError.invalidOption("period name '\(p.name)' must be letters, digits, _ or -")
            }
            guard p.landCoverEnd > p.landCoverStart else {
                throw GeoError.invalidOption("period \(p.name): land cover end \(p.landCoverEnd) is not after its start \(p.landCoverStart); write START:END with the earlier year first")
            }
            guard p.productivityEnd >= p.productivityStart else {
                throw GeoError.invalidOption("period \(p.name): productivity end \(p.productivityEnd) is before its start \(p.productivityStart); write START-END with the earlier year first")
            }
        }
        guard blockSize >= 16 else { throw GeoError.invalidOption("blockSize must be at least 16") }
        guard threads >= 1 else { throw GeoError.invalidOption("threads must be at least 1") }
        guard socSpreadYears >= 1 else { throw GeoError.invalidOption("socSpreadYears must be at least 1") }
        guard stateRecentYears >= 1 else { throw GeoError.invalidOption("stateRecentYears must be at least 1") }
        guard (0...100).contains(performancePercentile) else { throw GeoError.invalidOption("performancePercentile must be 0..100") }
    }
}

extension LandPeriod {
    /// `NAME=LCSTART:LCEND[:PRODSTART-PRODEND]`, e.g. `baseline=2015:2019` or
    /// `baseline=2000:2015:2001-2015`; productivity years default to the land-cover years.
    public init(spec: String) throws {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        let form = "write NAME=START:END or NAME=START:END:PRODUCTIVITYSTART-PRODUCTIVITYEND, e.g. baseline=2015:2019"
        guard parts.count == 2, !parts[0].isEmpty else { throw GeoError.invalidOption("period '\(spec)': \(form)") }
        let years = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard years.count == 2 || years.count == 3, let start = Int(years[0]), let end = Int(years[1]) else {
            throw GeoError.invalidOption("period '\(spec)': \(form)")
        }
        var productivity = (start, end)
        if years.count == 3 {
            let range = years[2].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard range.count == 2, let a = Int(range[0]), let b = Int(range[1]) else { throw GeoError.invalidOption("period '\(spec)': \(form)") }
            productivity = (a, b)
        }
        self.init(name: parts[0], landCoverStart: start, landCoverEnd: end, productivityStart: productivity.0, productivityEnd: productivity.1)
    }
}
