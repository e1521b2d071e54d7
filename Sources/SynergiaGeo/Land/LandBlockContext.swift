import Foundation

/// Everything a block computation needs that does not change during a run.
/// Precomputed once (lookup tables, critical values, percentiles) and shared
/// read-only by the worker threads.
struct LandBlockContext: Sendable {
    let options: LandOptions
    let stack: LandInputStack
    let aoiPath: String?
    let rowArea: @Sendable (Int) -> Int64
    let legendOffset: Int
    let legendTable: [Int8]
    /// per period: productivity years in order (NDVI only)
    let productivityYears: [[Int]]
    /// per period: exact Mann-Kendall critical |S| (nil = never significant)
    let criticalS: [Int?]
    /// per period: unit key -> percentile of period-mean NDVI (filled after pass 1)
    var unitPercentiles: [[Int: Double]] = []
    /// Index of each land-cover year in `stack.landCoverYears`.
    let landCoverIndex: [Int: Int]
    /// NDVI years needed by any period, in order, and their index.
    let ndviYears: [Int]
    let ndviIndex: [Int: Int]
    /// per period: index in `ndviYears` of each productivity year (avoids per-pixel lookups)
    let ndviBands: [[Int]]

    var usesNDVI: Bool { !stack.ndvi.isEmpty }

    init(options: LandOptions, stack: LandInputStack, aoiPath: String?) throws {
        self.options = options; self.stack = stack; self.aoiPath = aoiPath
        rowArea = try LandPixelArea.rowAreaFunction(for: stack.grid)
        (legendOffset, legendTable) = options.legend.lookupTable()
        let mk = LandMannKendall(alpha: options.mannKendallAlpha)
        productivityYears = options.periods.map { Array($0.productivityStart...$0.productivityEnd) }
        criticalS = productivityYears.map { mk.criticalS(n: $0.count) }
        landCoverIndex = Dictionary(uniqueKeysWithValues: stack.landCoverYears.enumerated().map { ($1, $0) })
        ndviYears = stack.ndvi.isEmpty ? [] : Array(Set(productivityYears.flatMap { $0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: ndviYears.enumerated().map { ($1, $0) })
        ndviIndex = index
        ndviBands = stack.ndvi.isEmpty ? productivityYears.map { _ in [] } : productivityYears.map { $0.map { index[$0]! } }
    }

    /// UNCCD class 1..7 for a raw land-cover value; 0 for no data; -1 when the
    /// value is not in the legend.
    @inline(__always) func landClass(_ v: Int32) -> Int8 {
        if v == LandCodes.noData { return 0 }
        let i = Int(v) - legendOffset
        if i < 0 || i >= legendTable.count || legendTable[i] == 0 { return -1 }
        return legendTable[i]
    }
}
