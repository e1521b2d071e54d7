/// Areas (cm², integers so that sums are exact and independent of threads and
/// block size) and SOC stocks (kg) gathered per worker, merged at the end.
struct LandPeriodTotals: Sendable {
    /// index v+1 for -1/0/+1, 3 = no data (inside the AOI)
    var landCover = [Int64](repeating: 0, count: 4)
    var productivity = [Int64](repeating: 0, count: 4)
    var soc = [Int64](repeating: 0, count: 4)
    var indicator = [Int64](repeating: 0, count: 4)
    /// index 1..5 = LPD class, 0 = no data
    var lpd = [Int64](repeating: 0, count: 6)
    /// (initial-1)*7 + (final-1)
    var transitions = [Int64](repeating: 0, count: 49)
    /// transition*6 + lpd class (0 = no data)
    var lpdByTransition = [Int64](repeating: 0, count: 49 * 6)
    var socArea = [Int64](repeating: 0, count: 49)
    var socStart = [Int64](repeating: 0, count: 49)
    var socEnd = [Int64](repeating: 0, count: 49)
    /// index 1..7 = status, 0 = no data (reporting periods only)
    var status = [Int64](repeating: 0, count: 8)
    var water: Int64 = 0
    /// Productivity sub-indicator (as `productivity`) of the pixels that are not water at
    /// the period's start or end.
    var productivityNonWater = [Int64](repeating: 0, count: 4)
    /// Reporting periods: baseline class x period class (slots as above, row-major 4x4) for
    /// the indicator, productivity, land cover and SOC, in that order.
    var change = [Int64](repeating: 0, count: 64)
    /// Land cover at the period's start and end year, every AOI pixel: index 1..7 = class, 0 = no data.
    var landCoverStart = [Int64](repeating: 0, count: 8)
    var landCoverEnd = [Int64](repeating: 0, count: 8)

    mutating func merge(_ o: LandPeriodTotals) {
        func add(_ a: inout [Int64], _ b: [Int64]) { for i in a.indices { a[i] += b[i] } }
        add(&landCover, o.landCover); add(&productivity, o.productivity); add(&soc, o.soc)
        add(&indicator, o.indicator); add(&lpd, o.lpd); add(&transitions, o.transitions)
        add(&lpdByTransition, o.lpdByTransition); add(&socArea, o.socArea)
        add(&socStart, o.socStart); add(&socEnd, o.socEnd); add(&status, o.status)
        add(&productivityNonWater, o.productivityNonWater); add(&change, o.change)
        add(&landCoverStart, o.landCoverStart); add(&landCoverEnd, o.landCoverEnd)
        water += o.water
    }
}

struct LandTotals: Sendable {
    var periods: [LandPeriodTotals]
    var aoiArea: Int64 = 0
    var aoiPixels: Int64 = 0
    /// Land-cover values not in the legend (inside the AOI): value -> pixels, per path.
    var missingLegend: [String: [Int: Int]] = [:]

    init(periods: Int) { self.periods = Array(repeating: LandPeriodTotals(), count: periods) }

    mutating func merge(_ o: LandTotals) {
        for i in periods.indices { periods[i].merge(o.periods[i]) }
        aoiArea += o.aoiArea; aoiPixels += o.aoiPixels
        for (path, counts) in o.missingLegend {
            missingLegend[path, default: [:]].merge(counts, uniquingKeysWith: +)
        }
    }
}

/// Histograms of period-mean NDVI (rounded, in raster units) per land unit, for
/// the performance percentile. Integer counts: exact and order-independent,
/// and bounded in memory whatever the raster size.
struct LandUnitHistograms: Sendable {
    let offset: Int, bins: Int
    /// per period: unit key -> slot; counts[slot * bins + bin]
    private var slots: [[Int: Int]]
    private var counts: [[Int64]]
    /// per period: slot of the small unit keys 0..<64 (-1: none yet), to avoid hashing per pixel
    private var small: [[Int]]

    init(periods: Int, scale: Double) {
        offset = Int(scale); bins = 2 * Int(scale) + 1
        slots = Array(repeating: [:], count: periods)
        counts = Array(repeating: [], count: periods)
        small = Array(repeating: [Int](repeating: -1, count: 64), count: periods)
    }

    @inline(__always) private mutating func slot(period p: Int, unit: Int) -> Int {
        if unit >= 0 && unit < 64, small[p][unit] >= 0 { return small[p][unit] }
        if let s = slots[p][unit] { return s }
        let s = slots[p].count
        slots[p][unit] = s
        counts[p].append(contentsOf: repeatElement(0, count: bins))
        if unit >= 0 && unit < 64 { small[p][unit] = s }
        return s
    }

    /// `mean.rounded()` (half away from zero) without a libm call: truncate, then
    /// compare the exact remainder with one half.
    @inline(__always) static func roundedHalfAway(_ x: Double) -> Int {
        guard abs(x) < 4e15 else { return Int(x.rounded()) }
        let i = Int(x), f = x - Double(i)
        return i + (f >= 0.5 ? 1 : 0) - (f <= -0.5 ? 1 : 0)
    }

    mutating func add(period: Int, unit: Int, mean: Double) {
        let b = min(max(Self.roundedHalfAway(mean) + offset, 0), bins - 1)
        let s = slot(period: period, unit: unit)
        counts[period][s * bins + b] += 1
    }

    mutating func merge(_ o: LandUnitHistograms) {
        for p in counts.indices {
            for (u, os) in o.slots[p] {
                let s = slot(period: p, unit: u)
                for i in 0..<bins { counts[p][s * bins + i] += o.counts[p][os * bins + i] }
            }
        }
    }

    /// Nearest-rank percentile per unit: the smallest value with at least p % of the pixels at or below it.
    func percentiles(_ p: Double) -> [[Int: Double]] {
        counts.indices.map { k in
            slots[k].mapValues { s in
                let h = counts[k][(s * bins)..<((s + 1) * bins)]
                let total = h.reduce(0, +)
                let rank = max(1, Int64((p / 100 * Double(total)).rounded(.up)))
                var cum: Int64 = 0
                for (i, c) in h.enumerated() { cum += c; if cum >= rank { return Double(i - offset) } }
                return Double(bins - 1 - offset)
            }
        }
    }

    /// Land unit key: soil type x land-cover class.
    static func unit(soil: Int32, landCover: Int8) -> Int { Int(soil) * 8 + Int(landCover) }
}
