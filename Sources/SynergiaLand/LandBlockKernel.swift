import Foundation
import SynergiaGeoBindings

/// Output rasters of a run: per period the land-cover, LPD, productivity, SOC
/// and 15.3.1 layers; per reporting period the status (7 classes and 3 classes).
struct LandRasterOutputs: @unchecked Sendable {
    static let periodLayers = ["land_cover", "lpd", "productivity", "soc", "sdg_15_3_1"]
    static let statusLayers = ["status", "status_3class"]
    /// [period][layer]
    let periods: [[RasterInt16Writer]]
    /// [period] (index 0, the baseline, is empty)
    let status: [[RasterInt16Writer]]

    init(folder: URL, grid: RasterGrid, periods names: [String]) throws {
        periods = try names.map { n in
            try Self.periodLayers.map { try RasterInt16Writer(path: folder.appendingPathComponent("\(n)_\($0).tif").path, grid: grid, compression: .fast) }
        }
        status = try names.enumerated().map { k, n in
            k == 0 ? [] : try Self.statusLayers.map { try RasterInt16Writer(path: folder.appendingPathComponent("\(n)_\($0).tif").path, grid: grid, compression: .fast) }
        }
    }

    var all: [RasterInt16Writer] { periods.flatMap { $0 } + status.flatMap { $0 } }
}

/// Per-worker buffers of pass 2, reused from block to block.
final class LandBlockScratch {
    /// Pixels per chunk of the productivity kernel.
    static let chunk = 256
    /// Indices (in the block) of the pixels inside the AOI.
    var pixels: [Int32] = []
    /// [period][AOI pixel] LPD class raw value, 0 = no data
    var lpd: [Int8] = []
    /// [output layer][pixel] output values
    var out: [Int16] = []
    var unitPercentile = [Double](repeating: 0, count: LandBlockScratch.chunk)
    /// [period][Acc slot] area/stock sums of the block
    var acc: [Int64] = []
    var stocks: [Double] = []
    var chain: [Int8] = []

    /// Fills `pixels` from the block's AOI mask.
    func collectPixels(_ mask: [UInt8]) {
        pixels.removeAll(keepingCapacity: true)
        mask.withUnsafeBufferPointer { m in
            for i in 0..<m.count where m[i] != 0 { pixels.append(Int32(i)) }
        }
    }
}

/// Offsets of the per-period sums of a block (one flat array, merged into
/// `LandPeriodTotals` once per block).
enum LandAcc {
    static let landCover = 0, productivity = 4, soc = 8, indicator = 12, lpd = 16, transitions = 22,
               lpdByTransition = 71, socArea = 365, socStart = 414, socEnd = 463, status = 512, water = 520,
               productivityNonWater = 521, change = 525,
               landCoverStart = 589, landCoverEnd = 597, size = 605

    static func add(_ a: UnsafePointer<Int64>, to t: inout LandPeriodTotals) {
        func add(_ dst: inout [Int64], _ at: Int) { for k in dst.indices { dst[k] += a[at + k] } }
        add(&t.landCover, landCover); add(&t.productivity, productivity); add(&t.soc, soc); add(&t.indicator, indicator)
        add(&t.lpd, lpd); add(&t.transitions, transitions); add(&t.lpdByTransition, lpdByTransition)
        add(&t.socArea, socArea); add(&t.socStart, socStart); add(&t.socEnd, socEnd); add(&t.status, status)
        add(&t.productivityNonWater, productivityNonWater); add(&t.change, change)
        add(&t.landCoverStart, landCoverStart); add(&t.landCoverEnd, landCoverEnd)
        t.water += a[water]
    }
}

/// The per-pixel pipeline of pass 2 for one block: sub-indicators, one out all
/// out and status for every period, written to the output rasters and added to
/// the worker's totals. Productivity from NDVI is completed first for all the
/// block's AOI pixels from what the performance pass kept of their series
/// (`LandNDVIBlockSummary`), then each pixel goes through the other rules.
struct LandBlockKernel {
    let ctx: LandBlockContext

    /// `ndvi`: the block's summaries of the NDVI series (NDVI runs only), read back from `LandNDVISummaryFile`.
    func process(_ inp: LandBlockInputs, outputs: LandRasterOutputs, totals: inout LandTotals,
                 ndvi: LandNDVIBlockSummary?, scratch sc: LandBlockScratch) throws -> Int64 {
        let w = inp.window, n = w.count
        let o = ctx.options, periods = o.periods, P = periods.count
        let years = ctx.stack.landCoverYears, Y = years.count
        let layers = P * 5 + max(0, P - 1) * 2
        sc.collectPixels(inp.mask)
        let M = sc.pixels.count
        if sc.out.count != layers * n { sc.out = [Int16](repeating: LandCodes.noData16, count: layers * n) }
        else { sc.out.withUnsafeMutableBufferPointer { $0.update(repeating: LandCodes.noData16) } }
        if sc.lpd.count < max(1, P * M) { sc.lpd = [Int8](repeating: 0, count: max(1, P * M)) }
        if sc.acc.count != P * LandAcc.size { sc.acc = [Int64](repeating: 0, count: P * LandAcc.size) }
        else { sc.acc.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        if sc.stocks.count != Y { sc.stocks = [Double](repeating: 0, count: Y); sc.chain = [Int8](repeating: 0, count: Y) }
        let pIdx = periods.map { (ctx.landCoverIndex[$0.landCoverStart]!, ctx.landCoverIndex[$0.landCoverEnd]!) }

        // 1. LPD classes of every AOI pixel, period by period.
        sc.pixels.withUnsafeBufferPointer { px in
            sc.lpd.withUnsafeMutableBufferPointer { lpdBuf in
                for p in 0..<P {
                    let dst = lpdBuf.baseAddress! + p * M
                    if let ndvi {
                        precondition(ndvi.pixels == M, "NDVI summaries of another block")
                        let endOffset = pIdx[p].1 * n, years = ctx.productivityYears[p].count
                        sc.unitPercentile.withUnsafeMutableBufferPointer { up in
                            ndvi.codes.withUnsafeBufferPointer { codes in
                            ndvi.totals.withUnsafeBufferPointer { sums in
                                var start = 0
                                while start < M {
                                    let m = min(LandBlockScratch.chunk, M - start)
                                    for j in 0..<m {
                                        let i = Int(px[start + j])
                                        up[j] = ctx.unitPercentile(period: p, unit: LandUnitHistograms.unit(soil: inp.soilType(i), landCover: max(inp.classes[endOffset + i], 0)))
                                    }
                                    LandNDVISummary.lpdClasses(codes: codes.baseAddress! + p * M + start, totals: sums.baseAddress! + p * M + start,
                                                               years: years, count: m, unitPercentile: UnsafePointer(up.baseAddress!),
                                                               ratioThreshold: o.performanceRatioThreshold, into: dst + start)
                                    start += m
                                }
                            } }
                        }
                    } else {
                        let raster = inp.lpd[p]
                        for j in 0..<M {
                            let v = raster[Int(px[j])]
                            dst[j] = (1...5).contains(v) ? Int8(v) : 0
                        }
                    }
                }
            }
        }

        // 2. Every other rule, pixel by pixel.
        var rowArea = [Int64](repeating: 0, count: w.height)
        for r in 0..<w.height { rowArea[r] = ctx.rowArea(w.y + r) }
        let spread = o.socSpreadYears, dSpread = Double(spread)
        let threshold = o.socThresholdPercent
        let hasClimate = !inp.climate.isEmpty, climateMaxCode = ctx.climateMaxCode
        let stockMode = !ctx.socStockYears.isEmpty
        var aoiArea: Int64 = 0
        withUnsafeTemporaryAllocation(of: UnsafePointer<Int8>.self, capacity: max(Y, 1)) { cls in
          inp.classes.withUnsafeBufferPointer { classes in
            for k in 0..<Y { cls[k] = classes.baseAddress! + k * n }
            sc.pixels.withUnsafeBufferPointer { px in
            sc.lpd.withUnsafeBufferPointer { lpdBuf in
            sc.out.withUnsafeMutableBufferPointer { outBuf in
            sc.acc.withUnsafeMutableBufferPointer { accBuf in
            sc.stocks.withUnsafeMutableBufferPointer { stocks in
            inp.soc.withUnsafeBufferPointer { soc in
            ctx.matrixTable.withUnsafeBufferPointer { matrix in
            ctx.socFactorTable.withUnsafeBufferPointer { factors in
                let out = outBuf.baseAddress!, acc = accBuf.baseAddress!
                for j in 0..<M {
                    let i = Int(px[j])
                    let area = rowArea[i / w.width]
                    aoiArea += area
                    // SOC stocks through every known land-cover year, once per pixel.
                    var chainValid = true
                    for k in 0..<Y where cls[k][i] <= 0 { chainValid = false }
                    let ref = stockMode ? 0 : Double(soc[i])
                    let socValid = !stockMode && chainValid && !ref.isNaN && ref > 0
                    if socValid {
                        var zone = 0
                        if hasClimate {
                            let code = Int(inp.climate[i])
                            if code > 0 && code <= climateMaxCode { zone = code }
                        }
                        let f = factors.baseAddress! + zone * 64
                        var stock = ref, rate = 0.0, remaining = 0
                        stocks[0] = stock
                        for k in 0..<(Y - 1) {
                            let a = Int(cls[k][i]), b = Int(cls[k + 1][i])
                            if a != b {
                                rate = stock * (f[a * 8 + b] - 1) / dSpread
                                remaining = spread
                            }
                            let steps = min(years[k + 1] - years[k], remaining)
                            stock += rate * Double(steps)
                            remaining -= steps
                            stocks[k + 1] = stock
                        }
                    }
                    var baselineSDG: Int8? = nil, baselineLC: Int8? = nil, baselineProd: Int8? = nil, baselineSOC: Int8? = nil
                    for p in 0..<P {
                        let (ks, ke) = pIdx[p]
                        let a = cls[ks][i], b = cls[ke][i]
                        let lcValid = a > 0 && b > 0
                        let lcSub: Int8? = lcValid ? matrix[Int(a) * 8 + Int(b)] : nil
                        let lpdRaw = Int(lpdBuf[p * M + j])
                        let prodSub: Int8? = lpdRaw == 0 ? nil : LandLPDClass(rawValue: lpdRaw)!.subIndicator
                        let water = a == 7 || b == 7
                        var socSub: Int8? = nil
                        var s0 = 0.0, s1 = 0.0
                        if socValid && !water {
                            s0 = stocks[ks]; s1 = stocks[ke]
                            socSub = LandSOC.classify(percentChange: LandSOC.percentChange(initial: s0, final: s1), threshold: threshold)
                        } else if stockMode && lcValid && !water {
                            let (k0, k1) = ctx.socStockIndex[p]
                            let m0 = Double(inp.socStocks[k0][i]), m1 = Double(inp.socStocks[k1][i])
                            if !m0.isNaN && !m1.isNaN && m0 > 0 && m1 >= 0 {
                                s0 = m0; s1 = m1
                                socSub = LandSOC.classify(percentChange: LandSOC.percentChange(initial: s0, final: s1), threshold: threshold)
                            }
                        }
                        let sdg = LandIntegration.oneOutAllOut(landCover: lcSub, productivity: prodSub, soc: socSub)
                        if p == 0 { baselineSDG = sdg; baselineLC = lcSub; baselineProd = prodSub; baselineSOC = socSub }

                        let layer = out + (p * 5) * n + i
                        layer[0] = lcSub.map(Int16.init) ?? LandCodes.noData16
                        layer[n] = lpdRaw == 0 ? LandCodes.noData16 : Int16(lpdRaw)
                        layer[2 * n] = prodSub.map(Int16.init) ?? LandCodes.noData16
                        layer[3 * n] = socSub.map(Int16.init) ?? LandCodes.noData16
                        layer[4 * n] = sdg.map(Int16.init) ?? LandCodes.noData16

                        let t = acc + p * LandAcc.size
                        t[LandAcc.landCover + Self.slot(lcSub)] += area
                        t[LandAcc.productivity + Self.slot(prodSub)] += area
                        t[LandAcc.soc + Self.slot(socSub)] += area
                        t[LandAcc.indicator + Self.slot(sdg)] += area
                        t[LandAcc.lpd + lpdRaw] += area
                        t[LandAcc.landCoverStart + max(Int(a), 0)] += area; t[LandAcc.landCoverEnd + max(Int(b), 0)] += area
                        if water { t[LandAcc.water] += area } else { t[LandAcc.productivityNonWater + Self.slot(prodSub)] += area }
                        if p > 0 {
                            // Baseline class x this period's class, per layer (sdg, productivity, land cover, SOC).
                            let c = LandAcc.change
                            t[c + Self.slot(baselineSDG) * 4 + Self.slot(sdg)] += area
                            t[c + 16 + Self.slot(baselineProd) * 4 + Self.slot(prodSub)] += area
                            t[c + 32 + Self.slot(baselineLC) * 4 + Self.slot(lcSub)] += area
                            t[c + 48 + Self.slot(baselineSOC) * 4 + Self.slot(socSub)] += area
                        }
                        if lcValid {
                            let tr = Int(a - 1) * 7 + Int(b - 1)
                            t[LandAcc.transitions + tr] += area
                            t[LandAcc.lpdByTransition + tr * 6 + lpdRaw] += area
                            if socSub != nil {
                                // t/ha x ha -> kg: stock * area_cm2 * 1e-8 t = * 1e-5 kg
                                t[LandAcc.socArea + tr] += area
                                t[LandAcc.socStart + tr] += Int64((s0 * Double(area) * 1e-5).rounded())
                                t[LandAcc.socEnd + tr] += Int64((s1 * Double(area) * 1e-5).rounded())
                            }
                        }
                        if p > 0 {
                            if let b0 = baselineSDG, let s = sdg {
                                let st = LandStatus.of(baseline: b0, report: s)
                                let status = out + (P * 5 + (p - 1) * 2) * n + i
                                status[0] = Int16(st.rawValue)
                                status[n] = Int16(st.collapsed)
                                t[LandAcc.status + st.rawValue] += area
                            } else {
                                t[LandAcc.status] += area
                            }
                        }
                    }
                }
            } } } } } } } }
          }
        }
        totals.aoiArea += aoiArea; totals.aoiPixels += Int64(M)
        sc.acc.withUnsafeBufferPointer { a in
            for p in 0..<P { LandAcc.add(a.baseAddress! + p * LandAcc.size, to: &totals.periods[p]) }
        }

        var written: Int64 = 0
        try sc.out.withUnsafeBufferPointer { buf in
            for p in periods.indices {
                for (k, wr) in outputs.periods[p].enumerated() {
                    try wr.write(window: w, values: buf.baseAddress! + (p * 5 + k) * n, flush: true); written += Int64(n * 2)
                }
                for (k, wr) in outputs.status[p].enumerated() {
                    try wr.write(window: w, values: buf.baseAddress! + (P * 5 + (p - 1) * 2 + k) * n, flush: true); written += Int64(n * 2)
                }
            }
        }
        return written
    }

    /// Index of a -1/0/+1 value in the totals arrays (3 = no data).
    @inline(__always) static func slot(_ v: Int8?) -> Int { v.map { Int($0) + 1 } ?? 3 }
}
