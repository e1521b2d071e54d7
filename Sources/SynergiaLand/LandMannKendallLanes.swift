import Foundation

/// Mann-Kendall S and period sums of many pixels at once, on series laid out year
/// by year (`x[k * stride + j]` is year k of pixel j), in SIMD lanes of pixels: each
/// lane holds one pixel's running S in a register over all year pairs, instead of
/// a pass over the pixels' counters in memory for every pair. The results are those
/// of `LandMannKendall.s` and of summing each pixel's years in order in Double,
/// exactly: S is an integer count, and sums of Int16 values are integers that Int32
/// and Double hold exactly.
///
/// Rows are read in whole vectors: `stride` must leave room for `count` rounded up
/// to 16 values; lanes past `count` are computed and dropped.
enum LandMannKendallLanes {
    static let lanes = 16

    /// Room each row needs for `count` pixels.
    static func paddedCount(_ count: Int) -> Int { (count + lanes - 1) / lanes * lanes }

    /// S of `count` pixels of Int16 series (no data, -32768, compares as the smallest value, as in Float).
    static func s(_ x: UnsafePointer<Int16>, stride c: Int, years n: Int, count m: Int, into s: UnsafeMutablePointer<Int32>) {
        guard n * (n - 1) / 2 <= Int(Int16.max) else { return scalar(x, stride: c, years: n, count: m, into: s) }
        let zero = SIMD16<Int16>(), one = SIMD16<Int16>(repeating: 1)
        var g = 0
        while g < m {
            var acc = zero
            for a in 0..<max(0, n - 1) {
                let va = UnsafeRawPointer(x + a * c + g).loadUnaligned(as: SIMD16<Int16>.self)
                for b in (a + 1)..<n {
                    let vb = UnsafeRawPointer(x + b * c + g).loadUnaligned(as: SIMD16<Int16>.self)
                    acc &+= zero.replacing(with: one, where: vb .> va) &- zero.replacing(with: one, where: vb .< va)
                }
            }
            for l in 0..<min(lanes, m - g) { s[g + l] = Int32(acc[l]) }
            g += lanes
        }
    }

    /// S of `count` pixels of Float series (a NaN, no data, compares neither greater nor smaller).
    static func s(_ x: UnsafePointer<Float>, stride c: Int, years n: Int, count m: Int, into s: UnsafeMutablePointer<Int32>) {
        let zero = SIMD8<Int32>(), one = SIMD8<Int32>(repeating: 1)
        var g = 0
        while g < m {
            var lo = zero, hi = zero
            for a in 0..<max(0, n - 1) {
                let ra = UnsafeRawPointer(x + a * c + g)
                let al = ra.loadUnaligned(as: SIMD8<Float>.self), ah = ra.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                for b in (a + 1)..<n {
                    let rb = UnsafeRawPointer(x + b * c + g)
                    let bl = rb.loadUnaligned(as: SIMD8<Float>.self), bh = rb.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                    lo &+= zero.replacing(with: one, where: bl .> al) &- zero.replacing(with: one, where: bl .< al)
                    hi &+= zero.replacing(with: one, where: bh .> ah) &- zero.replacing(with: one, where: bh .< ah)
                }
            }
            for l in 0..<min(lanes, m - g) { s[g + l] = l < 8 ? lo[l] : hi[l - 8] }
            g += lanes
        }
    }

    /// Pixel by pixel (Int16 series longer than 256 years, whose S may pass Int16).
    private static func scalar(_ x: UnsafePointer<Int16>, stride c: Int, years n: Int, count m: Int, into s: UnsafeMutablePointer<Int32>) {
        for j in 0..<m {
            var t: Int32 = 0
            for a in 0..<max(0, n - 1) {
                for b in (a + 1)..<n { t += x[b * c + j] > x[a * c + j] ? 1 : (x[b * c + j] < x[a * c + j] ? -1 : 0) }
            }
            s[j] = t
        }
    }

    /// Sum of years `years` of each of `count` pixels, year after year.
    static func sums(_ x: UnsafePointer<Int16>, stride c: Int, years: Range<Int>, count m: Int, into out: UnsafeMutablePointer<Double>) {
        // |sum| <= 32768 per year: Int32 holds 65,536 years of them.
        var g = 0
        while g < m {
            var acc = SIMD16<Int32>()
            for k in years { acc &+= SIMD16<Int32>(truncatingIfNeeded: UnsafeRawPointer(x + k * c + g).loadUnaligned(as: SIMD16<Int16>.self)) }
            for l in 0..<min(lanes, m - g) { out[g + l] = Double(acc[l]) }
            g += lanes
        }
    }

    static func sums(_ x: UnsafePointer<Float>, stride c: Int, years: Range<Int>, count m: Int, into out: UnsafeMutablePointer<Double>) {
        for j in 0..<m { out[j] = 0 }
        for k in years {
            let row = x + k * c
            for j in 0..<m { out[j] += Double(row[j]) }
        }
    }
}
