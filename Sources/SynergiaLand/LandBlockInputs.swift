import Foundation
import SynergiaGeoBindings

/// The input values of one block, read from every layer and decoded (land
/// cover through the legend). Buffers are reused from block to block.
final class LandBlockInputs {
    var window = RasterWindow(x: 0, y: 0, width: 0, height: 0)
    var mask: [UInt8] = []
    /// per land-cover year (`window.count` values each): class 1..7, 0 no data, -1 not in legend
    var classes: [Int8] = []
    /// NDVI of every year in `ctx.ndviYears`, year after year: year k of pixel i at
    /// `k * window.count + i`. Int16 when every NDVI band fits it exactly
    /// (`ctx.ndviInt16`, no data = -32768), else Float (no data = NaN).
    var ndvi16: [Int16] = []
    var ndviFloat: [Float] = []
    var lpd: [[Int32]] = []
    var soc: [Float] = []
    /// SOC stock maps of `ctx.socStockYears`, in that order (SOC stocks by year only).
    var socStocks: [[Float]] = []
    var climate: [Int32] = []
    var soil: [Int32] = []
    private var raw: [Int32] = []

    func read(_ w: RasterWindow, ctx: LandBlockContext, cache: LandDatasetCache, aoi: AreaMask,
              missing: inout [String: [Int: Int]], needsSOC: Bool = true, needsNDVI: Bool = true) throws {
        window = w
        try aoi.mask(w, into: &mask)
        let years = ctx.stack.landCoverYears
        let n = w.count
        if classes.count != years.count * n { classes = [Int8](repeating: 0, count: years.count * n) }
        for (k, y) in years.enumerated() {
            let ref = ctx.stack.landCover[y]!
            try cache.readInt(ref, w, into: &raw)
            var unknown = false
            classes.withUnsafeMutableBufferPointer { out in
                raw.withUnsafeBufferPointer { v in
                    for i in 0..<n {
                        let c = ctx.landClass(v[i])
                        out[k * n + i] = c
                        if c < 0 { unknown = true }
                    }
                }
            }
            if unknown {
                for i in 0..<n where classes[k * n + i] < 0 && mask[i] != 0 { missing[ref.sourcePath, default: [:]][Int(raw[i]), default: 0] += 1 }
            }
        }
        if ctx.usesNDVI {
            // The indicator pass takes what it needs of the series from `LandNDVISummaryFile`.
            if needsNDVI && ctx.ndviInt16 { try readNDVI(&ndvi16, ctx: ctx, cache: cache) }
            if needsNDVI && !ctx.ndviInt16 { try readNDVI(&ndviFloat, ctx: ctx, cache: cache) }
        } else {
            lpd = try ctx.options.periods.map { p in
                var b: [Int32] = []
                try cache.readInt(ctx.stack.lpd[p.name]!, w, into: &b)
                return b
            }
        }
        if needsSOC, let reference = ctx.stack.soc { try cache.readFloat(reference, w, into: &soc) }
        if needsSOC, !ctx.socStockYears.isEmpty {
            if socStocks.count != ctx.socStockYears.count { socStocks = ctx.socStockYears.map { _ in [] } }
            for (k, y) in ctx.socStockYears.enumerated() { try cache.readFloat(ctx.stack.socStock[y]!, w, into: &socStocks[k]) }
        }
        if let c = ctx.stack.climate { try cache.readInt(c, w, into: &climate) } else { climate = [] }
        if let s = ctx.stack.soil { try cache.readInt(s, w, into: &soil) } else { soil = [] }
    }

    /// Years of one file with consecutive bands are read in one call (a
    /// pixel-interleaved multi-band file is then decompressed once per tile).
    private func readNDVI<T: RasterBandSample & Numeric>(_ buffer: inout [T], ctx: LandBlockContext, cache: LandDatasetCache) throws {
        let years = ctx.ndviYears.count, count = window.count * years
        if buffer.count != count { buffer = [T](repeating: 0, count: count) }
        let w = window
        try buffer.withUnsafeMutableBufferPointer { buf in
            var k = 0
            while k < years {
                let first = ctx.stack.ndvi[ctx.ndviYears[k]]!
                var bands = [first.band]
                while k + bands.count < years, let next = ctx.stack.ndvi[ctx.ndviYears[k + bands.count]],
                      next.path == first.path, next.band == first.band + bands.count {
                    bands.append(next.band)
                }
                try cache.readBands(first, bands: bands, w, into: buf.baseAddress! + k * w.count, bandStride: w.count)
                k += bands.count
            }
        }
    }

    /// Class of pixel i in land-cover year index k.
    @inline(__always) func landClass(_ k: Int, _ i: Int) -> Int8 { classes[k * window.count + i] }

    /// Soil type of a pixel for land units (0 when there is no soil raster or no data).
    @inline(__always) func soilType(_ i: Int) -> Int32 {
        guard !soil.isEmpty else { return 0 }
        return soil[i] == LandCodes.noData ? 0 : soil[i]
    }
}
