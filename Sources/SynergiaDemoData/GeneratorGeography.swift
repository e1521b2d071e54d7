import Foundation
import SynergiaCore

/// The synthetic coast: countries side by side along a wavy east–west
/// coastline, land to the north, EEZ to the south. Land and EEZ share the very
/// same coastline vertices, so they touch without overlapping or gaps.
struct GeneratorGeography {
    static let west = 10.0, countryWidth = 4.0, north = 47.0, south = 42.0
    static let step = 0.02  // coastline sampling, degrees

    let countries: [String]

    static func coastLat(_ lon: Double) -> Double { 44 + 0.3 * sin(3 * lon) + 0.1 * sin(11 * lon) }

    func span(_ i: Int) -> (Double, Double) {
        (Self.west + Double(i) * Self.countryWidth, Self.west + Double(i + 1) * Self.countryWidth)
    }

    /// Coast vertices from lon0 to lon1 on the fixed sampling grid (exact at borders).
    func coast(_ lon0: Double, _ lon1: Double) -> [Double] {
        let k0 = Int(((lon0 - Self.west) / Self.step).rounded()), k1 = Int(((lon1 - Self.west) / Self.step).rounded())
        return (k0...k1).flatMap { k -> [Double] in
            let x = Self.west + Double(k) / (1 / Self.step)
            return [x, Self.coastLat(x)]
        }
    }

    func landRing(_ i: Int) -> [Double] {
        let (a, b) = span(i)
        return coast(a, b) + [b, Self.north, a, Self.north]
    }

    func eezRing(_ i: Int) -> [Double] {
        let (a, b) = span(i)
        return coast(a, b) + [b, Self.south, a, Self.south]
    }

    /// Kilometres → degrees at a latitude.
    static func degrees(km: Double, lat: Double) -> (dLon: Double, dLat: Double) {
        (km / (111.32 * cos(lat * .pi / 180)), km / 110.57)
    }

    /// A star-shaped (hence simple) ring around a centre.
    static func starRing(lon: Double, lat: Double, radiusKm: Double, rng: inout SeededRandom) -> [Double] {
        let m = rng.int(8...24)
        return (0..<m).flatMap { k -> [Double] in
            let a = 2 * Double.pi * Double(k) / Double(m)
            let d = degrees(km: radiusKm * rng.uniform(0.7...1.3), lat: lat)
            return [lon + d.dLon * cos(a), lat + d.dLat * sin(a)]
        }
    }

    /// A self-intersecting "bow-tie" ring (invalid on purpose).
    static func bowTie(lon: Double, lat: Double, radiusKm: Double) -> [Double] {
        let d = degrees(km: radiusKm, lat: lat)
        return [lon - d.dLon, lat - d.dLat, lon + d.dLon, lat + d.dLat, lon + d.dLon, lat - d.dLat, lon - d.dLon, lat + d.dLat, lon - d.dLon, lat - d.dLat]
    }

    // MARK: minimal WKB writing (little endian) for rings we build ourselves

    static func wkbMultiPolygon(_ polygons: [[[Double]]]) -> Data {
        var d = Data([1]); d.append(u32(6)); d.append(u32(UInt32(polygons.count)))
        for rings in polygons {
            d.append(1); d.append(u32(3)); d.append(u32(UInt32(rings.count)))
            for r in rings {
                let closed = (r[0] == r[r.count - 2] && r[1] == r[r.count - 1]) ? r : r + [r[0], r[1]]
                d.append(u32(UInt32(closed.count / 2)))
                for v in closed { d.append(f64(v)) }
            }
        }
        return d
    }

    /// A MultiPoint (WDPA point layers are MultiPoint even for a single point).
    static func wkbPoints(_ xy: [Double]) -> Data {
        func point(_ x: Double, _ y: Double) -> Data { var d = Data([1]); d.append(u32(1)); d.append(f64(x)); d.append(f64(y)); return d }
        var d = Data([1]); d.append(u32(4)); d.append(u32(UInt32(xy.count / 2)))
        for i in stride(from: 0, to: xy.count, by: 2) { d.append(point(xy[i], xy[i + 1])) }
        return d
    }

    private static func u32(_ v: UInt32) -> Data { withUnsafeBytes(of: v.littleEndian) { Data($0) } }
    private static func f64(_ v: Double) -> Data { withUnsafeBytes(of: v.bitPattern.littleEndian) { Data($0) } }
}
