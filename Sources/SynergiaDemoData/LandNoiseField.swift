import Foundation
import SynergiaCore
import SynergiaLand

/// Deterministic value noise for the data generator: hashed lattice values,
/// smoothly interpolated and summed over octaves, so patches have realistic
/// sizes (tens to hundreds of pixels) whatever the raster size.
struct LandNoiseField: Sendable {
    let seed: UInt64

    @inline(__always) func hash(_ x: Int, _ y: Int, _ salt: UInt64) -> Double {
        var s = SeededRandom(seed: seed &* 0x2545F4914F6CDD1D ^ UInt64(bitPattern: Int64(x)) &* 0x9E3779B1 ^ UInt64(bitPattern: Int64(y)) &* 0x85EBCA77 ^ salt &* 0xC2B2AE3D)
        return Double(s.next() >> 11) / Double(1 << 53)
    }

    func value(_ x: Double, _ y: Double, cell: Double, salt: UInt64) -> Double {
        let fx = x / cell, fy = y / cell
        let ix = Int(floor(fx)), iy = Int(floor(fy))
        var tx = fx - Double(ix), ty = fy - Double(iy)
        tx = tx * tx * (3 - 2 * tx); ty = ty * ty * (3 - 2 * ty)
        let a = hash(ix, iy, salt), b = hash(ix + 1, iy, salt), c = hash(ix, iy + 1, salt), d = hash(ix + 1, iy + 1, salt)
        return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty
    }

    /// Three octaves, roughly in [0, 1].
    func fbm(_ x: Double, _ y: Double, salt: UInt64) -> Double {
        0.55 * value(x, y, cell: 120, salt: salt) + 0.3 * value(x, y, cell: 40, salt: salt &+ 1) + 0.15 * value(x, y, cell: 12, salt: salt &+ 2)
    }

    /// Classes for 2000, 2015, 2019, 2022 (or -32768 for sparse no data).
    func landCover(x: Double, y: Double) -> [Int32] {
        if hash(Int(x), Int(y), 99) < 0.0005 { return [LandCodes.noData, LandCodes.noData, LandCodes.noData, LandCodes.noData] }
        let e = fbm(x, y, salt: 10), g = fbm(x, y, salt: 20), bare = fbm(x, y, salt: 30), city = fbm(x, y, salt: 40)
        var cls: Int32
        if e < 0.25 { cls = 7 } else if e < 0.29 { cls = 4 } else if e > 0.62 { cls = 1 }
        else if bare > 0.7 { cls = 6 } else if g > 0.55 { cls = 3 } else { cls = 2 }
        if city > 0.74 && cls != 7 { cls = 5 }
        var out = [cls]
        let defo = fbm(x, y, salt: 50), affo = fbm(x, y, salt: 60), aband = fbm(x, y, salt: 70)
        for (k, _) in [2015, 2019, 2022].enumerated() {
            let step = Double(k) * 0.03
            if cls == 1 && defo > 0.70 - step { cls = 3 }
            else if cls == 2 && affo > 0.74 - step { cls = 1 }
            else if cls == 3 && aband > 0.76 - step { cls = 2 }
            if city > 0.71 - step && cls != 7 && cls != 5 { cls = 5 }
            out.append(cls)
        }
        return out
    }

    /// SOC stock t/ha, by class with spatial variation; no data under water.
    func soc(x: Double, y: Double, cls: Int32) -> Int16 {
        let base: [Double] = [0, 90, 60, 45, 150, 30, 20, 0]
        guard cls > 0, cls != 7 else { return LandCodes.noData16 }
        return Int16((base[Int(cls)] * (0.7 + 0.6 * fbm(x, y, salt: 80))).rounded())
    }

    /// The year-independent part of a pixel's NDVI: spatial level and trend.
    struct NDVIPixel { var level: Double; var slope: Double }

    func ndviPixel(x: Double, y: Double) -> NDVIPixel {
        let trend = (fbm(x, y, salt: 90) - 0.5) * 2   // about -1..1
        var slope = 0.0
        if trend > 0.25 { slope = 120 * (trend - 0.25) } else if trend < -0.25 { slope = 160 * (trend + 0.25) }
        return NDVIPixel(level: 1500 * (fbm(x, y, salt: 100) - 0.5), slope: slope)
    }

    /// NDVI x 10000 for a year: class level, spatial variation, a trend in hot
    /// spots (none on water) and year-to-year noise.
    func ndvi(_ p: NDVIPixel, x: Int, y: Int, year: Int, cls: Int16) -> Int16 {
        guard cls > 0 else { return LandCodes.noData16 }
        let base: [Double] = [0, 7500, 4500, 5000, 5500, 1500, 1000, -800]
        let slope = cls == 7 ? 0 : p.slope
        let v = base[Int(cls)] + p.level + slope * Double(year - 2001) + 600 * (hash(x, y, UInt64(year) &* 7919) - 0.5)
        return Int16(max(-2000, min(10000, v)).rounded())
    }
}
