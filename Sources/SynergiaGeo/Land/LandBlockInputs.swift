import Foundation

/// The input values of one block, read from every layer and decoded (land
/// cover through the legend). Buffers are reused from block to block.
final class LandBlockInputs {
    var window = RasterWindow(x: 0, y: 0, width: 0, height: 0)
    var mask: [UInt8] = []
    /// per land-cover year: class 1..7, 0 no data, -1 not in legend
    var classes: [[Int8]] = []
    var ndvi: [[Float]] = []
    var lpd: [[Int32]] = []
    var soc: [Float] = []
    var climate: [Int32] = []
    var soil: [Int32] = []
    private var raw: [Int32] = []

    func read(_ w: RasterWindow, ctx: LandBlockContext, cache: LandDatasetCache, aoi: LandAOIMask,
              missing: inout [String: [Int: Int]], needsSOC: Bool = true) throws {
        window = w
        try aoi.mask(w, into: &mask)
        let years = ctx.stack.landCoverYears
        if classes.count != years.count { classes = Array(repeating: [], count: years.count) }
        for (k, y) in years.enumerated() {
            let ref = ctx.stack.landCover[y]!
            try cache.readInt(ref, w, into: &raw)
            var out = [Int8](repeating: 0, count: w.count)
            for i in 0..<w.count {
                let c = ctx.landClass(raw[i])
                out[i] = c
                if c < 0 && mask[i] != 0 { missing[ref.path, default: [:]][Int(raw[i]), default: 0] += 1 }
            }
            classes[k] = out
        }
        if ctx.usesNDVI {
            if ndvi.count != ctx.ndviYears.count { ndvi = Array(repeating: [], count: ctx.ndviYears.count) }
            for (k, y) in ctx.ndviYears.enumerated() { try cache.readFloat(ctx.stack.ndvi[y]!, w, into: &ndvi[k]) }
        } else {
            lpd = try ctx.options.periods.map { p in
                var b: [Int32] = []
                try cache.readInt(ctx.stack.lpd[p.name]!, w, into: &b)
                return b
            }
        }
        if needsSOC { try cache.readFloat(ctx.stack.soc, w, into: &soc) }
        if let c = ctx.stack.climate { try cache.readInt(c, w, into: &climate) } else { climate = [] }
        if let s = ctx.stack.soil { try cache.readInt(s, w, into: &soil) } else { soil = [] }
    }

    /// Soil type of a pixel for land units (0 when there is no soil raster or no data).
    @inline(__always) func soilType(_ i: Int) -> Int32 {
        guard !soil.isEmpty else { return 0 }
        return soil[i] == LandCodes.noData ? 0 : soil[i]
    }
}
