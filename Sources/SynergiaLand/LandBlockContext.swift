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
    var unitPercentiles: [[Int: Double]] = [] {
        didSet {
            unitPercentilesDense = unitPercentiles.map { d in
                var t = [Double](repeating: 0, count: 64)
                for (u, v) in d where u >= 0 && u < 64 { t[u] = v }
                return t
            }
        }
    }
    /// The same for unit keys 0..<64 (no soil raster: the land-cover class), 0 when absent.
    private(set) var unitPercentilesDense: [[Double]] = []
    /// Transition matrix value at a * 8 + b for classes 1..7.
    let matrixTable: [Int8]
    /// F_LU at zone * 64 + a * 8 + b; zone 0 = the national climate zone, 1... = the codes of `options.climateCodes`.
    let socFactorTable: [Double]
    /// Highest code of the climate table (a raster value above it, or without a zone, is no data).
    let climateMaxCode: Int
    /// Years of the SOC stock maps (SOC stocks by year only), and per period the index of its start and end year in them.
    let socStockYears: [Int]
    let socStockIndex: [(Int, Int)]
    /// Index of each land-cover year in `stack.landCoverYears`.
    let landCoverIndex: [Int: Int]
    /// NDVI years needed by any period, in order, and their index.
    let ndviYears: [Int]
    let ndviIndex: [Int: Int]
    /// per period: index in `ndviYears` of each productivity year (avoids per-pixel lookups)
    let ndviBands: [[Int]]

    var usesNDVI: Bool { !stack.ndvi.isEmpty }
    /// Every NDVI band holds Int16 (or Byte) values: read and compute them as Int16
    /// (the same values, and comparisons, as Float; twice as many per vector).
    let ndviInt16: Bool

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
        var int16 = !stack.ndvi.isEmpty
        for ref in Set(stack.ndvi.values) where int16 {
            int16 = try ref.open().fitsInt16(band: ref.band)
        }
        ndviInt16 = int16
        var m = [Int8](repeating: 0, count: 64)
        for a in 1...7 { for b in 1...7 { m[a * 8 + b] = options.transitionMatrix.value(from: a, to: b) } }
        matrixTable = m
        let codes = options.climateCodes.zones
        climateMaxCode = codes.keys.max() ?? 0
        // A code the table lacks keeps the national factor (the raster was checked to hold none before the run).
        let zones = (0...climateMaxCode).map { $0 == 0 ? options.nationalClimateZone.factor : codes[$0]?.factor ?? options.nationalClimateZone.factor }
        var f = [Double](repeating: 1, count: zones.count * 64)
        for (z, factor) in zones.enumerated() { for a in 1...7 { for b in 1...7 { f[z * 64 + a * 8 + b] = LandSOC.factor(from: a, to: b, f: factor) } } }
        socFactorTable = f
        socStockYears = stack.socStock.keys.sorted()
        let stockIndex = Dictionary(uniqueKeysWithValues: socStockYears.enumerated().map { ($1, $0) })
        socStockIndex = socStockYears.isEmpty ? [] : options.periods.map { (stockIndex[$0.landCoverStart]!, stockIndex[$0.landCoverEnd]!) }
    }

    /// Percentile of a land unit for performance (0 when the unit has none).
    @inline(__always) func unitPercentile(period p: Int, unit: Int) -> Double {
        if unit >= 0 && unit < 64 { return unitPercentilesDense[p][unit] }
        return unitPercentiles[p][unit] ?? 0
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
