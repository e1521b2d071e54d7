import Foundation

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
            try Self.periodLayers.map { try RasterInt16Writer(path: folder.appendingPathComponent("\(n)_\($0).tif").path, grid: grid) }
        }
        status = try names.enumerated().map { k, n in
            k == 0 ? [] : try Self.statusLayers.map { try RasterInt16Writer(path: folder.appendingPathComponent("\(n)_\($0).tif").path, grid: grid) }
        }
    }

    var all: [RasterInt16Writer] { periods.flatMap { $0 } + status.flatMap { $0 } }
}

/// The per-pixel pipeline of pass 2 for one block: sub-indicators, one out all
/// out and status for every period, written to the output rasters and added to
/// the worker's totals.
struct LandBlockKernel {
    let ctx: LandBlockContext

    func process(_ inp: LandBlockInputs, outputs: LandRasterOutputs, totals: inout LandTotals) throws -> Int64 {
        let w = inp.window, n = w.count
        let o = ctx.options, periods = o.periods
        let ndviKernel = LandNDVIKernel(ctx: ctx)
        let years = ctx.stack.landCoverYears
        var out = [[[Int16]]](repeating: [[Int16]](repeating: [Int16](repeating: LandCodes.noData16, count: n), count: 5), count: periods.count)
        var statusOut = [[[Int16]]](repeating: [[Int16]](repeating: [Int16](repeating: LandCodes.noData16, count: n), count: 2), count: periods.count)
        var stocks: [Double] = [], chain = [Int8](repeating: 0, count: years.count)
        // Work on a uniquely referenced copy so that the += below mutate in place.
        var pt = totals.periods
        totals.periods = []
        defer { totals.periods = pt }
        let pIdx = periods.map { (ctx.landCoverIndex[$0.landCoverStart]!, ctx.landCoverIndex[$0.landCoverEnd]!) }

        for r in 0..<w.height {
            let area = ctx.rowArea(w.y + r)
            for c in 0..<w.width {
                let i = r * w.width + c
                guard inp.mask[i] != 0 else { continue }
                totals.aoiArea += area; totals.aoiPixels += 1
                // SOC stocks through every known land-cover year, once per pixel.
                var chainValid = true
                for k in 0..<years.count { chain[k] = inp.classes[k][i]; if chain[k] <= 0 { chainValid = false } }
                let ref = Double(inp.soc[i])
                let socValid = chainValid && !ref.isNaN && ref > 0
                if socValid {
                    var f = o.climateZone.factor
                    if !inp.climate.isEmpty, let z = LandClimateZone(rawValue: Int(inp.climate[i])) { f = z.factor }
                    LandSOC.propagate(reference: ref, years: years, classes: chain, f: f, spreadYears: o.socSpreadYears, into: &stocks)
                }
                var baselineSDG: Int8? = nil
                for (p, _) in periods.enumerated() {
                    let (ks, ke) = pIdx[p]
                    let a = inp.classes[ks][i], b = inp.classes[ke][i]
                    let lcValid = a > 0 && b > 0
                    let lcSub: Int8? = lcValid ? o.transitionMatrix.value(from: Int(a), to: Int(b)) : nil
                    let lpd: LandLPDClass?
                    if ctx.usesNDVI {
                        lpd = ndviKernel.lpdClass(inp, period: p, pixel: i,
                                                  unit: LandUnitHistograms.unit(soil: inp.soilType(i), landCover: max(b, 0)))
                    } else {
                        lpd = LandLPDClass(rawValue: Int(inp.lpd[p][i]))
                    }
                    let prodSub = lpd?.subIndicator
                    let water = a == 7 || b == 7
                    var socSub: Int8? = nil
                    var s0 = 0.0, s1 = 0.0
                    if socValid && !water {
                        s0 = stocks[ks]; s1 = stocks[ke]
                        socSub = LandSOC.classify(percentChange: LandSOC.percentChange(initial: s0, final: s1), threshold: o.socThresholdPercent)
                    }
                    let sdg = LandIntegration.oneOutAllOut(landCover: lcSub, productivity: prodSub, soc: socSub)
                    if p == 0 { baselineSDG = sdg }

                    out[p][0][i] = lcSub.map(Int16.init) ?? LandCodes.noData16
                    out[p][1][i] = lpd.map { Int16($0.rawValue) } ?? LandCodes.noData16
                    out[p][2][i] = prodSub.map(Int16.init) ?? LandCodes.noData16
                    out[p][3][i] = socSub.map(Int16.init) ?? LandCodes.noData16
                    out[p][4][i] = sdg.map(Int16.init) ?? LandCodes.noData16

                    Self.add(&pt[p], area: area, lcSub: lcSub, prodSub: prodSub, socSub: socSub, sdg: sdg, lpd: lpd, water: water)
                    if lcValid {
                        let tr = Int(a - 1) * 7 + Int(b - 1)
                        pt[p].transitions[tr] += area
                        pt[p].lpdByTransition[tr * 6 + (lpd?.rawValue ?? 0)] += area
                        if socSub != nil {
                            // t/ha x ha -> kg: stock * area_mm2 * 1e-10 t = * 1e-7 kg
                            pt[p].socArea[tr] += area
                            pt[p].socStart[tr] += Int64((s0 * Double(area) * 1e-7).rounded())
                            pt[p].socEnd[tr] += Int64((s1 * Double(area) * 1e-7).rounded())
                        }
                    }
                    if p > 0 {
                        if let b0 = baselineSDG, let s = sdg {
                            let st = LandStatus.of(baseline: b0, report: s)
                            statusOut[p][0][i] = Int16(st.rawValue)
                            statusOut[p][1][i] = Int16(st.collapsed)
                            pt[p].status[st.rawValue] += area
                        } else {
                            pt[p].status[0] += area
                        }
                    }
                }
            }
        }
        var written: Int64 = 0
        for p in periods.indices {
            for (k, wr) in outputs.periods[p].enumerated() { try wr.write(window: w, values: out[p][k]); written += Int64(n * 2) }
            for (k, wr) in outputs.status[p].enumerated() { try wr.write(window: w, values: statusOut[p][k]); written += Int64(n * 2) }
        }
        return written
    }

    @inline(__always)
    static func add(_ t: inout LandPeriodTotals, area: Int64, lcSub: Int8?, prodSub: Int8?, socSub: Int8?, sdg: Int8?,
                    lpd: LandLPDClass?, water: Bool) {
        t.landCover[slot(lcSub)] += area
        t.productivity[slot(prodSub)] += area
        t.soc[slot(socSub)] += area
        t.indicator[slot(sdg)] += area
        t.lpd[lpd?.rawValue ?? 0] += area
        if water { t.water += area }
    }

    /// Index of a -1/0/+1 value in the totals arrays (3 = no data).
    @inline(__always) static func slot(_ v: Int8?) -> Int { v.map { Int($0) + 1 } ?? 3 }
}
