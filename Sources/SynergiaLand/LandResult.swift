import Foundation
import SynergiaGeoBindings

/// One line of an area table: a class, its area and its share.
public struct LandAreaRow: Codable, Sendable, Equatable {
    public var code: Int?          // nil = no data
    public var label: String
    public var km2: Double
    /// Percent of the table's total (the AOI area).
    public var percent: Double
}

public struct LandAreaTable: Codable, Sendable, Equatable {
    public var name: String
    public var rows: [LandAreaRow]
    public var totalKm2: Double

    public func km2(_ code: Int?) -> Double { rows.first { $0.code == code }?.km2 ?? 0 }
}

/// Area of each LPD class within one land-cover transition.
public struct LandProductivityTransitionRow: Codable, Sendable, Equatable {
    public var transition: Int           // initial*10 + final
    public var from: String, to: String
    /// index 0 = LPD no data, 1...5 = LPD classes
    public var km2ByLPD: [Double]
}

/// SOC stocks (t) of the pixels with SOC data for one transition.
public struct LandSOCTransitionRow: Codable, Sendable, Equatable {
    public var transition: Int
    public var from: String, to: String
    public var areaKm2: Double
    public var initialStockT: Double
    public var finalStockT: Double
    public var changeT: Double
    public var changePercent: Double?
}

public struct LandPeriodResult: Codable, Sendable {
    public var period: LandPeriod
    public var landCover: LandAreaTable
    public var productivity: LandAreaTable
    public var soc: LandAreaTable
    public var indicator: LandAreaTable
    public var lpdClasses: LandAreaTable
    /// km², rows = initial class 1..7, columns = final class 1..7
    public var transitionMatrixKm2: [[Double]]
    public var landCoverInitialKm2: [LandAreaRow]
    public var landCoverFinalKm2: [LandAreaRow]
    public var productivityByTransition: [LandProductivityTransitionRow]
    public var socByTransition: [LandSOCTransitionRow]
    public var waterKm2: Double
    /// The denominator of the proportion degraded, as `LandResult.denominator` defines it.
    public var denominatorKm2: Double
    public var degradedKm2: Double
    public var proportionDegradedPercent: Double
    /// Reporting periods only: status against the baseline, 7 classes and collapsed.
    public var status: LandAreaTable?
    public var statusCollapsed: LandAreaTable?
    /// The productivity sub-indicator over the land that is not water at the period's start or end.
    public var productivityNonWater: LandAreaTable? = nil
    /// Reporting periods only: baseline class x period class for the indicator and each sub-indicator.
    public var change: LandPeriodChange? = nil
    /// Land cover of every AOI pixel in the period's first and last land-cover year, the
    /// classes 1..7 then no data (unlike `landCoverInitialKm2`, which counts the pixels with a
    /// class in both years).
    public var landCoverStartYearKm2: [LandAreaRow]? = nil
    public var landCoverEndYearKm2: [LandAreaRow]? = nil
}

/// Everything a run computed; written as tables.json, summary.json and CSV files.
public struct LandResult: Codable, Sendable {
    public var method: String
    public var options: LandOptions
    public var grid: RasterGrid
    public var aoiAreaKm2: Double
    public var aoiPixels: Int64
    public var denominator: LandDenominator
    public var denominatorDescription: String
    public var periods: [LandPeriodResult]
    public var outputFolder: String
    public var rasters: [String]
    public var so1: LandSO1Summary
    /// What the run assumed or left out that the person should know (a default climate zone, …).
    public var warnings: [String] = []
}

/// Values asked by the UNCCD PRAIS strategic objective 1 form (SO1-1 land
/// cover, SO1-2 productivity, SO1-3 SOC, SO1-4 proportion degraded and status).
public struct LandSO1Summary: Codable, Sendable {
    public struct LandCoverYear: Codable, Sendable { public var year: Int; public var km2ByClass: [String: Double] }
    public struct SOCYear: Codable, Sendable { public var year: Int; public var totalStockT: Double; public var meanTPerHa: Double; public var areaKm2: Double }
    public struct Productivity: Codable, Sendable { public var period: String; public var years: String; public var km2ByClass: [String: Double]; public var noDataKm2: Double }
    public struct Degradation: Codable, Sendable {
        public var period: String
        public var degradedKm2: Double, stableKm2: Double, improvedKm2: Double, noDataKm2: Double
        public var totalLandKm2: Double
        public var proportionDegradedPercent: Double
    }
    public struct Status: Codable, Sendable {
        public var period: String
        public var km2ByStatus: [String: Double]
        public var degradedKm2: Double, stableKm2: Double, improvedKm2: Double
    }
    public var so1_1LandCover: [LandCoverYear]
    public var so1_2Productivity: [Productivity]
    public var so1_3SOC: [SOCYear]
    public var so1_4Degradation: [Degradation]
    public var so1_4Status: [Status]
    public var climateFactor: String
    public var denominator: String
}
