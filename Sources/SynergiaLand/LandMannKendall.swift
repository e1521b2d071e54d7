import Foundation

/// Mann-Kendall trend test with exact critical values (docs/methods/land-degradation-sdg-15-3-1.md
/// §Productivity sub-indicator: significant at 95 %, two-sided, exact for small
/// n). Under H0 without ties, S = N - 2Q where Q counts inversions of a random
/// permutation, so the exact null distribution is the Mahonian distribution,
/// which a short dynamic programme gives for any n. We use it up to n = 100
/// rather than a printed table, so no normal approximation is ever needed for
/// annual series.
public struct LandMannKendall: Sendable {
    /// Two-sided significance level (0.05 for 95 %).
    public let alpha: Double

    public init(alpha: Double = 0.05) { self.alpha = alpha }

    /// Mann-Kendall S statistic: sum over i<j of sign(x_j - x_i).
    public static func s(_ x: UnsafeBufferPointer<Float>) -> Int {
        var s = 0
        let n = x.count
        for i in 0..<n {
            let xi = x[i]
            for j in (i + 1)..<max(i + 1, n) {
                let d = x[j] - xi
                s += d > 0 ? 1 : (d < 0 ? -1 : 0)
            }
        }
        return s
    }

    public static func s(_ x: [Float]) -> Int { x.withUnsafeBufferPointer { s($0) } }

    /// P(S >= s) under H0 for a series of length n, exactly.
    public static func upperTail(n: Int, s: Int) -> Double {
        let total = n * (n - 1) / 2
        let dist = inversionDistribution(n)
        // S >= s  <=>  Q <= (total - s) / 2
        let qmax = Int(floor(Double(total - s) / 2))
        if qmax < 0 { return 0 }
        return dist[0...min(qmax, total)].reduce(0, +)
    }

    /// Smallest |S| significant at `alpha` (two-sided), or nil when no S can be
    /// (n < 5 at 95 %).
    public func criticalS(n: Int) -> Int? {
        guard n >= 2, n <= 100 else { return n > 100 ? normalCritical(n: n) : nil }
        let total = n * (n - 1) / 2
        var s = total
        var best: Int? = nil
        while s > 0 {
            if 2 * LandMannKendall.upperTail(n: n, s: s) <= alpha + 1e-12 { best = s } else { break }
            s -= 2   // without ties S has the parity of n(n-1)/2
        }
        return best
    }

    /// The shortest series for which a significant trend is possible.
    public func minimumYears() -> Int {
        var n = 2
        while criticalS(n: n) == nil { n += 1 }
        return n
    }

    /// Probability of each inversion count for a random permutation of n items.
    static func inversionDistribution(_ n: Int) -> [Double] {
        var d: [Double] = [1]
        if n < 2 { return d }
        for k in 2...n {
            // Inserting the k-th item adds 0..k-1 inversions, each with probability 1/k.
            var next = [Double](repeating: 0, count: d.count + k - 1)
            let p = 1 / Double(k)
            for (q, v) in d.enumerated() where v > 0 {
                for a in 0..<k { next[q + a] += v * p }
            }
            d = next
        }
        return d
    }

    /// Normal approximation with continuity correction, only for n > 100.
    private func normalCritical(n: Int) -> Int {
        let sd = (Double(n * (n - 1) * (2 * n + 5)) / 18).squareRoot()
        let z = 1.959963984540054  // two-sided 95 %; other alphas use the exact path up to n = 100
        return Int(ceil(z * sd + 1))
    }
}
