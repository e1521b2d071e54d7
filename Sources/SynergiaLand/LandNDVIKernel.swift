import Foundation
import SynergiaGeoBindings

/// An NDVI value as read from the rasters: Int16 (no data -32768) when every NDVI
/// band holds Int16 or Byte values, else Float (no data NaN). Both give the same
/// per-pixel results: Int16 values convert exactly to Float and Double and compare
/// the same way; Int16 only packs twice as many values per vector.
protocol LandNDVISample: RasterBandSample, SIMDScalar, Comparable, Numeric, Sendable {
    var isMissing: Bool { get }
    var double: Double { get }
    var float: Float { get }
    /// The block's NDVI buffer of this type (pixel-interleaved, see `LandBlockInputs`).
    static func ndvi(_ inputs: LandBlockInputs) -> [Self]
    /// One comparator of a sorting network over whole vectors: a[j], b[j] = min, max
    /// for the first `bytes` bytes (a multiple of 16). Written per concrete type so
    /// that the SIMD comparisons compile to vector instructions.
    static func compareExchange(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, bytes: Int)
    /// `LandMannKendallLanes.s` and `.sums` for this type.
    static func mannKendallS(_ x: UnsafePointer<Self>, stride: Int, years: Int, count: Int, into s: UnsafeMutablePointer<Int32>)
    static func sums(_ x: UnsafePointer<Self>, stride: Int, years: Range<Int>, count: Int, into out: UnsafeMutablePointer<Double>)
}

extension Float: LandNDVISample {
    @inline(__always) var isMissing: Bool { isNaN }
    @inline(__always) var double: Double { Double(self) }
    @inline(__always) var float: Float { self }
    static func ndvi(_ inputs: LandBlockInputs) -> [Float] { inputs.ndviFloat }
    static func mannKendallS(_ x: UnsafePointer<Float>, stride: Int, years: Int, count: Int, into s: UnsafeMutablePointer<Int32>) {
        LandMannKendallLanes.s(x, stride: stride, years: years, count: count, into: s)
    }
    static func sums(_ x: UnsafePointer<Float>, stride: Int, years: Range<Int>, count: Int, into out: UnsafeMutablePointer<Double>) {
        LandMannKendallLanes.sums(x, stride: stride, years: years, count: count, into: out)
    }
    static func compareExchange(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, bytes: Int) {
        for o in stride(from: 0, to: bytes, by: 16) {
            let u = a.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self)
            let v = b.loadUnaligned(fromByteOffset: o, as: SIMD4<Float>.self)
            let swap = v .< u
            a.storeBytes(of: u.replacing(with: v, where: swap), toByteOffset: o, as: SIMD4<Float>.self)
            b.storeBytes(of: v.replacing(with: u, where: swap), toByteOffset: o, as: SIMD4<Float>.self)
        }
    }
}

extension Int16: LandNDVISample {
    @inline(__always) var isMissing: Bool { self == LandCodes.noData16 }
    @inline(__always) var double: Double { Double(self) }
    @inline(__always) var float: Float { Float(self) }
    static func ndvi(_ inputs: LandBlockInputs) -> [Int16] { inputs.ndvi16 }
    static func mannKendallS(_ x: UnsafePointer<Int16>, stride: Int, years: Int, count: Int, into s: UnsafeMutablePointer<Int32>) {
        LandMannKendallLanes.s(x, stride: stride, years: years, count: count, into: s)
    }
    static func sums(_ x: UnsafePointer<Int16>, stride: Int, years: Range<Int>, count: Int, into out: UnsafeMutablePointer<Double>) {
        LandMannKendallLanes.sums(x, stride: stride, years: years, count: count, into: out)
    }
    static func compareExchange(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, bytes: Int) {
        for o in stride(from: 0, to: bytes, by: 16) {
            let u = a.loadUnaligned(fromByteOffset: o, as: SIMD8<Int16>.self)
            let v = b.loadUnaligned(fromByteOffset: o, as: SIMD8<Int16>.self)
            a.storeBytes(of: pointwiseMin(u, v), toByteOffset: o, as: SIMD8<Int16>.self)
            b.storeBytes(of: pointwiseMax(u, v), toByteOffset: o, as: SIMD8<Int16>.self)
        }
    }
}

/// Productivity from the NDVI series (docs/methods/land-degradation-sdg-15-3-1.md §Productivity sub-indicator):
/// what the performance pass keeps of each pixel's series for the indicator pass.
protocol LandProductivityKernel: AnyObject {
    /// Trajectory and state (`LandNDVISummary.code`, 0 when any year is no data) and the
    /// sum of the period's values of `m` pixels (indices in the block) for period p.
    func summarise(_ inputs: LandBlockInputs, period p: Int, pixels: UnsafePointer<Int32>, count m: Int,
                   codes: UnsafeMutablePointer<UInt8>, totals: UnsafeMutablePointer<Double>)
}

enum LandNDVIKernels {
    static func make(ctx: LandBlockContext) -> LandProductivityKernel {
        ctx.ndviInt16 ? Int16Kernel(ctx: ctx) : FloatKernel(ctx: ctx)
    }

    // One concrete class per sample type, so that the generic kernel is compiled
    // specialised for it (a call through the protocol alone would run it unspecialised).
    final class Int16Kernel: LandProductivityKernel {
        let k: LandNDVIKernel<Int16>
        init(ctx: LandBlockContext) { k = LandNDVIKernel<Int16>(ctx: ctx) }
        func summarise(_ inputs: LandBlockInputs, period p: Int, pixels: UnsafePointer<Int32>, count m: Int,
                       codes: UnsafeMutablePointer<UInt8>, totals: UnsafeMutablePointer<Double>) {
            k.summarise(inputs, period: p, pixels: pixels, count: m, codes: codes, totals: totals)
        }
    }

    final class FloatKernel: LandProductivityKernel {
        let k: LandNDVIKernel<Float>
        init(ctx: LandBlockContext) { k = LandNDVIKernel<Float>(ctx: ctx) }
        func summarise(_ inputs: LandBlockInputs, period p: Int, pixels: UnsafePointer<Int32>, count m: Int,
                       codes: UnsafeMutablePointer<UInt8>, totals: UnsafeMutablePointer<Double>) {
            k.summarise(inputs, period: p, pixels: pixels, count: m, codes: codes, totals: totals)
        }
    }
}

/// Productivity for many pixels at once, using the run's precomputed critical
/// values and land-unit percentiles. NDVI stays in raster units (x ndviScale);
/// the NDVI thresholds of the method are scaled accordingly.
///
/// Pixels are handled in chunks laid out year by year (structure of arrays), so
/// every step is a plain loop over the chunk's pixels that the compiler
/// vectorises. Per pixel the arithmetic is the one of `LandProductivity` and
/// `LandMannKendall`, in the same order (sums year by year, the OLS slope, the
/// interpolated deciles), so the classes are exactly those of computing each
/// pixel on its own. One instance per worker thread (it owns its buffers).
final class LandNDVIKernel<T: LandNDVISample> {
    static var chunk: Int { LandBlockScratch.chunk }
    let ctx: LandBlockContext
    /// [year][chunk] values of the period; [baseline year][chunk] sorted copy
    private let x: UnsafeMutablePointer<T>
    private let sorted: UnsafeMutablePointer<T>
    private let total: UnsafeMutablePointer<Double>, base: UnsafeMutablePointer<Double>
    private let recent: UnsafeMutablePointer<Double>, sxy: UnsafeMutablePointer<Double>, mean: UnsafeMutablePointer<Double>
    private let s32: UnsafeMutablePointer<Int32>
    private let bad: UnsafeMutablePointer<UInt8>
    private let cr: UnsafeMutablePointer<UInt8>, cb: UnsafeMutablePointer<UInt8>
    private let series: UnsafeMutablePointer<Float>
    /// per period: comparators of a sorting network for the baseline series
    private let networks: [[(Int, Int)]]

    init(ctx: LandBlockContext) {
        self.ctx = ctx
        let years = max(1, ctx.productivityYears.map(\.count).max() ?? 1)
        let c = Self.chunk
        x = .allocate(capacity: years * c); sorted = .allocate(capacity: years * c)
        x.initialize(repeating: 0, count: years * c); sorted.initialize(repeating: 0, count: years * c)
        total = .allocate(capacity: c); base = .allocate(capacity: c); recent = .allocate(capacity: c)
        sxy = .allocate(capacity: c); mean = .allocate(capacity: c)
        s32 = .allocate(capacity: c); bad = .allocate(capacity: c)
        cr = .allocate(capacity: c); cb = .allocate(capacity: c)
        series = .allocate(capacity: years)
        networks = ctx.productivityYears.map { LandSortingNetwork.comparators(max(0, $0.count - ctx.options.stateRecentYears)) }
    }

    deinit {
        x.deallocate(); sorted.deallocate()
        for p in [total, base, recent, sxy, mean] { p.deallocate() }
        s32.deallocate(); bad.deallocate(); cr.deallocate(); cb.deallocate(); series.deallocate()
    }

    /// Copies the period's values of `m` pixels into the chunk buffers (year-major);
    /// `bad[j]` = 1 when any year is no data.
    private func gather(_ inputs: LandBlockInputs, period p: Int, pixels: UnsafePointer<Int32>, count m: Int) {
        let bands = ctx.ndviBands[p]
        let size = inputs.window.count, c = Self.chunk
        for j in 0..<m { bad[j] = 0 }
        T.ndvi(inputs).withUnsafeBufferPointer { all in
            for k in 0..<bands.count {
                let src = all.baseAddress! + bands[k] * size, dst = x + k * c
                for j in 0..<m {
                    let v = src[Int(pixels[j])]
                    dst[j] = v
                    bad[j] |= v.isMissing ? 1 : 0
                }
            }
        }
    }

    /// Sorts the first `count` years of each pixel's series (into `sorted`) with a
    /// sorting network applied to whole vectors of pixels.
    private func sortBaseline(period p: Int, years count: Int, pixels m: Int) {
        let c = Self.chunk
        for k in 0..<count { (sorted + k * c).update(from: x + k * c, count: m) }
        // Whole 16-byte vectors: the buffers hold `chunk` values; lanes past m are ignored.
        let bytes = (m * MemoryLayout<T>.stride + 15) & ~15
        for (i, k) in networks[p] {
            T.compareExchange(UnsafeMutableRawPointer(sorted + i * c), UnsafeMutableRawPointer(sorted + k * c), bytes: bytes)
        }
    }

    func summarise(_ inputs: LandBlockInputs, period p: Int, pixels: UnsafePointer<Int32>, count m: Int,
                   codes: UnsafeMutablePointer<UInt8>, totals: UnsafeMutablePointer<Double>) {
        let o = ctx.options
        let n = ctx.productivityYears[p].count, c = Self.chunk
        let recentCount = o.stateRecentYears, baseCount = n - recentCount
        gather(inputs, period: p, pixels: pixels, count: m)
        // Sums year by year (the order of the scalar rules), the Mann-Kendall S and the OLS slope.
        let split = min(max(0, baseCount), n)
        T.sums(x, stride: c, years: 0..<n, count: m, into: total)
        T.sums(x, stride: c, years: 0..<split, count: m, into: base)
        T.sums(x, stride: c, years: split..<n, count: m, into: recent)
        T.mannKendallS(x, stride: c, years: n, count: m, into: s32)
        for j in 0..<m { sxy[j] = 0 }
        let dn = Double(n), mx = (dn - 1) / 2
        var sxx = 0.0
        for j in 0..<m { mean[j] = total[j] / dn }
        for k in 0..<n {
            let row = x + k * c, dx = Double(k) - mx
            for j in 0..<m { sxy[j] += dx * (row[j].double - mean[j]) }
            sxx += dx * dx
        }
        // State: decile classes of the recent and baseline means against the baseline series.
        sortBaseline(period: p, years: baseCount, pixels: m)
        let dBase = Double(baseCount), dRecent = Double(recentCount)
        for j in 0..<m { cr[j] = 1; cb[j] = 1; base[j] /= dBase; recent[j] /= dRecent }
        for d in 1...9 {
            // Percentile with linear interpolation (`LandProductivity.percentile`);
            // a one-year series gives lo = hi = 0 and t = 0, i.e. its value.
            let h = (dBase - 1) * (Double(d) * 10) / 100
            let lo = Int(floor(h)), hi = min(lo + 1, baseCount - 1), t = h - Double(lo)
            let rlo = sorted + lo * c, rhi = sorted + hi * c
            // Class d + 1 when the mean is at or above the d-th decile: with
            // increasing d this is the last such d, i.e. the largest class.
            let k = UInt8(d + 1)
            for j in 0..<m {
                let q = rlo[j].double + t * (rhi[j].double - rlo[j].double)
                cr[j] = max(cr[j], recent[j] >= q ? k : 1)
                cb[j] = max(cb[j], base[j] >= q ? k : 1)
            }
        }
        let slopeThreshold = o.trajectorySlopeThreshold * o.ndviScale
        let minimumDifference = o.stateMinimumDifference * o.ndviScale
        let critical = ctx.criticalS[p]
        for j in 0..<m {
            totals[j] = total[j]
            guard bad[j] == 0 else { codes[j] = 0; continue }
            var slope = sxx > 0 ? sxy[j] / sxx : 0
            if o.trajectorySlope == .theilSen {
                for k in 0..<n { series[k] = x[k * c + j].float }
                slope = LandProductivity.senSlope(UnsafeBufferPointer(start: series, count: n))
            }
            let trajectory = LandProductivity.trajectory(s: Int(s32[j]), criticalS: critical, slope: slope, slopeThreshold: slopeThreshold)
            let mb = base[j], mr = recent[j]
            var state: Int8 = 0
            if abs(mr - mb) > minimumDifference {
                let diff = Int(cr[j]) - Int(cb[j])
                if diff <= -o.stateClassThreshold { state = -1 } else if diff >= o.stateClassThreshold { state = 1 }
            }
            codes[j] = LandNDVISummary.code(trajectory: trajectory, state: state)
        }
    }
}

/// Batcher's odd-even merge sort network for n items (padded to a power of two;
/// the comparators that touch padding are dropped, padding being +infinity).
enum LandSortingNetwork {
    static func comparators(_ n: Int) -> [(Int, Int)] {
        guard n > 1 else { return [] }
        var size = 1
        while size < n { size *= 2 }
        var out: [(Int, Int)] = []
        var p = 1
        while p < size {
            var k = p
            while k >= 1 {
                var j = k % p
                while j <= size - 1 - k {
                    for i in 0..<min(k, size - j - k) where (i + j) / (p * 2) == (i + j + k) / (p * 2) {
                        if i + j + k < n { out.append((i + j, i + j + k)) }
                    }
                    j += 2 * k
                }
                k /= 2
            }
            p *= 2
        }
        return out
    }
}
