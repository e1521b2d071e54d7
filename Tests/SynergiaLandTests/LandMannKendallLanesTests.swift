import Foundation
import Testing
@testable import SynergiaLand

/// The SIMD Mann-Kendall S and period sums against the scalar rules, pixel by pixel.
@Suite struct LandMannKendallLanesTests {
    /// A small deterministic generator (the same series on every run).
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Year-major series of `count` pixels, `stride` apart: few distinct values (many
    /// ties), some no data, some constant pixels.
    static func series(years n: Int, count m: Int, stride c: Int, rng: inout SplitMix) -> [Int16] {
        var x = [Int16](repeating: 0, count: n * c)
        for j in 0..<m {
            let kind = rng.below(4)
            for k in 0..<n {
                switch kind {
                case 0: x[k * c + j] = Int16(rng.below(4) * 1000)                  // ties
                case 1: x[k * c + j] = Int16(rng.below(20_001) - 10_000)
                case 2: x[k * c + j] = 4321                                        // constant
                default: x[k * c + j] = rng.below(3) == 0 ? LandCodes.noData16 : Int16(rng.below(9000))
                }
            }
        }
        return x
    }

    @Test func int16LanesEqualTheScalarRule() {
        var rng = SplitMix(state: 11)
        var checked = 0
        for n in [2, 3, 5, 13, 15, 16, 23, 40] {
            for m in [1, 15, 16, 17, 200, 256] {
                let c = LandMannKendallLanes.paddedCount(256)
                let x = Self.series(years: n, count: m, stride: c, rng: &rng)
                var s = [Int32](repeating: 99, count: m)
                var total = [Double](repeating: 99, count: m), head = [Double](repeating: 99, count: m)
                x.withUnsafeBufferPointer { xb in
                    LandMannKendallLanes.s(xb.baseAddress!, stride: c, years: n, count: m, into: &s)
                    LandMannKendallLanes.sums(xb.baseAddress!, stride: c, years: 0..<n, count: m, into: &total)
                    LandMannKendallLanes.sums(xb.baseAddress!, stride: c, years: 1..<(n - 1), count: m, into: &head)
                }
                for j in 0..<m {
                    let pixel = (0..<n).map { Float(x[$0 * c + j]) }
                    #expect(Int(s[j]) == LandMannKendall.s(pixel), "n \(n) m \(m) pixel \(j)")
                    #expect(total[j] == pixel.reduce(0.0) { $0 + Double($1) })
                    #expect(head[j] == pixel[1..<(n - 1)].reduce(0.0) { $0 + Double($1) })
                    checked += 1
                }
            }
        }
        #expect(checked == 8 * (1 + 15 + 16 + 17 + 200 + 256))
    }

    @Test func floatLanesEqualTheScalarRule() {
        var rng = SplitMix(state: 12)
        for n in [2, 5, 15, 16, 23] {
            for m in [1, 16, 17, 255] {
                let c = 256
                let x = Self.series(years: n, count: m, stride: c, rng: &rng).map { v -> Float in
                    v == LandCodes.noData16 ? .nan : Float(v) / 7
                }
                var s = [Int32](repeating: 99, count: m), total = [Double](repeating: 99, count: m)
                x.withUnsafeBufferPointer { xb in
                    LandMannKendallLanes.s(xb.baseAddress!, stride: c, years: n, count: m, into: &s)
                    LandMannKendallLanes.sums(xb.baseAddress!, stride: c, years: 0..<n, count: m, into: &total)
                }
                for j in 0..<m {
                    let pixel = (0..<n).map { x[$0 * c + j] }
                    #expect(Int(s[j]) == LandMannKendall.s(pixel), "n \(n) m \(m) pixel \(j)")
                    let expected = pixel.reduce(0.0) { $0 + Double($1) }
                    #expect(total[j] == expected || (total[j].isNaN && expected.isNaN))
                }
            }
        }
    }

    /// Longer than 256 years, S no longer fits Int16: the pixel-by-pixel path.
    @Test func longSeriesFallBackToThePixelByPixelCount() {
        var rng = SplitMix(state: 13)
        let n = 300, m = 20, c = 32
        let x = Self.series(years: n, count: m, stride: c, rng: &rng)
        var s = [Int32](repeating: 0, count: m)
        x.withUnsafeBufferPointer { LandMannKendallLanes.s($0.baseAddress!, stride: c, years: n, count: m, into: &s) }
        for j in 0..<m { #expect(Int(s[j]) == LandMannKendall.s((0..<n).map { Float(x[$0 * c + j]) })) }
        // A strictly increasing series of 300 years: S = 300 * 299 / 2, beyond Int16.
        let rising = (0..<n).flatMap { k in [Int16](repeating: Int16(k), count: c) }
        rising.withUnsafeBufferPointer { LandMannKendallLanes.s($0.baseAddress!, stride: c, years: n, count: 1, into: &s) }
        #expect(s[0] == 44_850)
    }
}
