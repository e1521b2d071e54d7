import Foundation

/// Productivity of one pixel computed from its NDVI series (method file,
/// "Productivity sub-indicator"), using the run's precomputed critical values
/// and land-unit percentiles. NDVI stays in raster units (x ndviScale); the
/// NDVI thresholds of the method are scaled accordingly.
struct LandNDVIKernel {
    let ctx: LandBlockContext

    /// Copies the period's values of pixel i into `out`; false when any year is no data.
    @inline(__always)
    func series(_ inputs: LandBlockInputs, period p: Int, pixel i: Int, into out: UnsafeMutableBufferPointer<Float>) -> Bool {
        let bands = ctx.ndviBands[p]
        return inputs.ndvi.withUnsafeBufferPointer { layers in
            for k in 0..<bands.count {
                let v = layers[bands[k]][i]
                if v.isNaN { return false }
                out[k] = v
            }
            return true
        }
    }

    /// Period-mean NDVI, or nil when any year is no data.
    func periodMean(_ inputs: LandBlockInputs, period p: Int, pixel i: Int) -> Double? {
        let n = ctx.productivityYears[p].count
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: n) { buf in
            guard series(inputs, period: p, pixel: i, into: buf) else { return nil }
            var sum = 0.0
            for v in buf { sum += Double(v) }
            return sum / Double(n)
        }
    }

    /// LPD class of pixel i for period p, or nil for no data. `unit` selects the
    /// land-unit percentile for performance.
    func lpdClass(_ inputs: LandBlockInputs, period p: Int, pixel i: Int, unit: Int) -> LandLPDClass? {
        let o = ctx.options
        let n = ctx.productivityYears[p].count
        let recentCount = o.stateRecentYears, baseCount = n - recentCount
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: n) { buf -> LandLPDClass? in
            guard series(inputs, period: p, pixel: i, into: buf) else { return nil }
            let ro = UnsafeBufferPointer(buf)
            let s = LandMannKendall.s(ro)
            let slope = o.trajectorySlope == .theilSen ? LandProductivity.senSlope(ro) : LandProductivity.olsSlope(ro)
            let trajectory = LandProductivity.trajectory(s: s, criticalS: ctx.criticalS[p], slope: slope,
                                                         slopeThreshold: o.trajectorySlopeThreshold * o.ndviScale)
            var mean = 0.0, baseMean = 0.0, recentMean = 0.0
            for k in 0..<n {
                let v = Double(buf[k])
                mean += v
                if k < baseCount { baseMean += v } else { recentMean += v }
            }
            mean /= Double(n); baseMean /= Double(baseCount); recentMean /= Double(recentCount)
            let state = withUnsafeTemporaryAllocation(of: Double.self, capacity: baseCount) { base -> Int8 in
                var sorted = base
                for k in 0..<baseCount { sorted[k] = Double(buf[k]) }
                sorted.sort()
                return LandProductivity.state(sortedBaseline: UnsafeBufferPointer(base), baselineMean: baseMean,
                                              recentMean: recentMean, classThreshold: o.stateClassThreshold,
                                              minimumDifference: o.stateMinimumDifference * o.ndviScale)
            }
            let p90 = ctx.unitPercentiles[p][unit] ?? 0
            let performance = LandProductivity.performance(mean: mean, unitPercentile: p90, ratioThreshold: o.performanceRatioThreshold)
            return LandProductivity.lpdClass(trajectory: trajectory, state: state, performance: performance)
        }
    }
}
