import Foundation

/// Productivity sub-indicator rules (docs/methods/land-degradation-sdg-15-3-1.md §Productivity sub-indicator).
/// Each measure is -1/0/+1; NDVI values are in the raster's scale (x10000 by default).
public enum LandProductivity {
    /// Combination of trajectory, state and performance into the 5 LPD classes.
    public static func lpdClass(trajectory: Int8, state: Int8, performance: Int8) -> LandLPDClass {
        switch trajectory {
        case -1: return .declining
        case 1: return (state == -1 && performance == -1) ? .moderateDecline : .increasing
        default:
            if state == -1 && performance == -1 { return .declining }
            if state == -1 && performance == 0 { return .moderateDecline }
            if state == 0 && performance == -1 { return .stressed }
            return .stable
        }
    }

    /// Trajectory: sign of the slope when Mann-Kendall is significant and the
    /// slope exceeds the threshold (NDVI units per year, already scaled).
    public static func trajectory(s: Int, criticalS: Int?, slope: Double, slopeThreshold: Double) -> Int8 {
        guard let c = criticalS, abs(s) >= c, abs(slope) > slopeThreshold else { return 0 }
        return slope > 0 ? 1 : (slope < 0 ? -1 : 0)
    }

    /// Ordinary least-squares slope of values against consecutive years.
    public static func olsSlope(_ y: UnsafeBufferPointer<Float>) -> Double {
        let n = Double(y.count)
        let mx = (n - 1) / 2
        var sxy = 0.0, sxx = 0.0, my = 0.0
        for v in y { my += Double(v) }
        my /= n
        for (i, v) in y.enumerated() {
            let dx = Double(i) - mx
            sxy += dx * (Double(v) - my); sxx += dx * dx
        }
        return sxx > 0 ? sxy / sxx : 0
    }

    /// Theil-Sen slope (median of pairwise slopes), an option to OLS.
    public static func senSlope(_ y: UnsafeBufferPointer<Float>) -> Double {
        var slopes: [Double] = []
        slopes.reserveCapacity(y.count * (y.count - 1) / 2)
        for i in 0..<y.count { for j in (i + 1)..<max(i + 1, y.count) {
            slopes.append(Double(y[j] - y[i]) / Double(j - i))
        } }
        guard !slopes.isEmpty else { return 0 }
        slopes.sort()
        let m = slopes.count / 2
        return slopes.count % 2 == 1 ? slopes[m] : (slopes[m - 1] + slopes[m]) / 2
    }

    /// Percentile with linear interpolation between order statistics (as numpy's default).
    static func percentile(sorted x: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        if x.count == 1 { return x[0] }
        let h = (Double(x.count) - 1) * p / 100
        let lo = Int(floor(h)), hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// Decile class 1..10 of `value` against the baseline series, whose range is
    /// extended by 5 % below the minimum and above the maximum: class k holds
    /// [break k-1, break k); values outside the extended range clamp to 1 or 10.
    public static func decileClass(of value: Double, baseline: [Double]) -> Int {
        let s = baseline.sorted()
        return s.withUnsafeBufferPointer { decileClass(of: value, sortedBaseline: $0) }
    }

    static func decileClass(of value: Double, sortedBaseline s: UnsafeBufferPointer<Double>) -> Int {
        // The extended bounds (min - 5 % range, max + 5 % range) are the outer
        // edges of classes 1 and 10; with clamping they never change the class.
        var k = 1
        for d in 1...9 where value >= percentile(sorted: s, Double(d) * 10) { k = d + 1 }
        return k
    }

    /// Same as `decileClass` for two values at once (the 9 deciles computed once).
    static func decileClasses(_ a: Double, _ b: Double, sortedBaseline s: UnsafeBufferPointer<Double>) -> (Int, Int) {
        var ka = 1, kb = 1
        for d in 1...9 {
            let q = percentile(sorted: s, Double(d) * 10)
            if a >= q { ka = d + 1 }
            if b >= q { kb = d + 1 }
        }
        return (ka, kb)
    }

    /// State: compare decile classes of the baseline-period mean and the recent-period mean.
    public static func state(baseline: [Double], recent: [Double], classThreshold: Int, minimumDifference: Double) -> Int8 {
        let s = baseline.sorted()
        let mb = baseline.reduce(0, +) / Double(baseline.count)
        let mr = recent.reduce(0, +) / Double(recent.count)
        return s.withUnsafeBufferPointer {
            state(sortedBaseline: $0, baselineMean: mb, recentMean: mr, classThreshold: classThreshold, minimumDifference: minimumDifference)
        }
    }

    static func state(sortedBaseline: UnsafeBufferPointer<Double>, baselineMean mb: Double, recentMean mr: Double,
                      classThreshold: Int, minimumDifference: Double) -> Int8 {
        if abs(mr - mb) <= minimumDifference { return 0 }
        let (cr, cb) = decileClasses(mr, mb, sortedBaseline: sortedBaseline)
        let diff = cr - cb
        if diff <= -classThreshold { return -1 }
        if diff >= classThreshold { return 1 }
        return 0
    }

    /// Performance: ratio of the pixel's period mean to the land unit's percentile value.
    public static func performance(mean: Double, unitPercentile: Double, ratioThreshold: Double) -> Int8 {
        guard unitPercentile > 0 else { return 0 }
        return mean / unitPercentile <= ratioThreshold ? -1 : 0
    }
}
