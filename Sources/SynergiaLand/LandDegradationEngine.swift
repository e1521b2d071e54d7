import Foundation
import SynergiaGeoBindings

/// Computes SDG indicator 15.3.1 (proportion of land that is degraded) from
/// land cover, productivity and SOC rasters, block by block on all cores.
///
/// Outputs go to a temporary sibling folder that is renamed to `output` only
/// when everything is written, so a failed run never leaves a folder that
/// looks complete.
public struct LandDegradationEngine: Sendable {
    public var options: LandOptions

    public init(options: LandOptions = LandOptions()) { self.options = options }

    public func run(inputs: LandInputs, aoi: String?, output: URL,
                    progress: (@Sendable (LandProgress) -> Void)? = nil) throws -> LandResult {
        try options.validate()
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path) && !options.overwrite { throw GeoError.outputExists(path: output.path) }
        try fm.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).partial-\(UUID().uuidString)")
        try fm.createDirectory(at: temp, withIntermediateDirectories: true)
        do {
            let result = try compute(inputs: inputs, aoi: aoi, temp: temp, final: output, progress: progress)
            if fm.fileExists(atPath: output.path) { try fm.removeItem(at: output) }
            try fm.moveItem(at: temp, to: output)
            return result
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
    }

    private func compute(inputs: LandInputs, aoi: String?, temp: URL, final: URL,
                         progress: (@Sendable (LandProgress) -> Void)?) throws -> LandResult {
        let alignFolder = temp.appendingPathComponent(".aligned")
        let stack = try LandInputStack(inputs: inputs, options: options, alignFolder: alignFolder)
        try AreaMask(path: aoi, grid: stack.grid).checkOverlap()
        var ctx = try LandBlockContext(options: options, stack: stack, aoiPath: aoi)
        let layout = RasterBlockLayout(width: stack.grid.width, height: stack.grid.height, blockSize: options.blockSize)
        let blocks = layout.windows.count
        let passes = ctx.usesNDVI ? 2 : 1
        let meter = LandProgressMeter(total: blocks * passes, callback: progress)

        // The NDVI series are read once: what the indicator pass needs of them waits in this file.
        let summaries = ctx.usesNDVI ? try LandNDVISummaryFile(folder: temp, integerTotals: ctx.ndviInt16) : nil
        defer { summaries?.remove() }
        if let summaries {
            ctx.unitPercentiles = try performancePass(ctx: ctx, layout: layout, summaries: summaries, meter: meter)
        }
        let outputs = try LandRasterOutputs(folder: temp, grid: stack.grid, periods: options.periods.map(\.name))
        let totals = try mainPass(ctx: ctx, layout: layout, outputs: outputs, summaries: summaries, meter: meter)
        summaries?.remove()
        for w in outputs.all { try w.close() }
        try? FileManager.default.removeItem(at: alignFolder)

        if let (path, counts) = totals.missingLegend.sorted(by: { $0.key < $1.key }).first {
            throw GeoError.valuesMissingFromLegend(path: path, counts: counts)
        }
        if totals.aoiPixels == 0 {
            throw GeoError.aoiDoesNotOverlap(aoi: aoi ?? "(none)", grid: stack.grid.description + "; no pixel centre inside")
        }
        let rasters = outputs.all.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        var result = LandResultBuilder(options: options, totals: totals, grid: stack.grid, climateText: climateText(stack))
            .build(folder: final.path, rasters: rasters)
        result.warnings = warnings(stack)
        try LandTableWriter.write(result, to: temp)
        let summary = LandTrendsEarthSummary(result: result, aoi: try .init(AreaMask(path: aoi, grid: stack.grid).outline()),
                                             generatedAt: Date(), software: LandTrendsEarthSummary.producer)
        try LandTableWriter.writeTrendsEarth(summary, to: temp)
        return result
    }

    /// Which SOC rule and climate factors the run used, naming the user's files (never a file Synergia wrote).
    func climateText(_ stack: LandInputStack) -> String {
        if !stack.socStock.isEmpty {
            return "SOC stock maps by year (\(stack.socStock.keys.sorted().map { "\($0) \(stack.socStock[$0]!.displayName)" }.joined(separator: ", "))); no land-use factor applied"
        }
        let zone = options.nationalClimateZone
        let national = "\(zone.title) (\(zone.rawValue), f = \(LandClimateCodes.format(zone.factor)))\(options.climateZone == nil ? ", assumed" : "")"
        guard let climate = stack.climate else { return "national climate zone \(national)" }
        return "climate raster \(climate.displayName) read as \(options.climateCodes.name) (\(options.climateCodes.described)); national climate zone \(national) where it has no data"
    }

    func warnings(_ stack: LandInputStack) -> [String] {
        guard stack.socStock.isEmpty, stack.climate == nil, options.climateZone == nil else { return [] }
        let zone = LandClimateZone.assumed
        return ["no climate zone was given: the SOC land-use factor of \(zone.title) (f = \(LandClimateCodes.format(zone.factor))) was assumed for the whole area; give the country's climate zone or the IPCC climate-zone raster"]
    }

    /// Pass 1 (NDVI only): trajectory, state and period sums of every AOI pixel, kept in
    /// `summaries` for pass 2, and histograms of period-mean NDVI per land unit for the
    /// performance percentile.
    private func performancePass(ctx: LandBlockContext, layout: RasterBlockLayout, summaries: LandNDVISummaryFile,
                                 meter: LandProgressMeter) throws -> [[Int: Double]] {
        let periods = options.periods
        let scale = options.ndviScale
        let states = try RasterParallel.run(blocks: layout.windows.count, threads: options.threads, makeState: { _ in
            LandWorker(ctx: ctx, histograms: LandUnitHistograms(periods: periods.count, scale: scale), aoi: try AreaMask(path: ctx.aoiPath, grid: ctx.stack.grid))
        }, body: { worker, b in
            let w = layout.windows[b]
            var ignored: [String: [Int: Int]] = [:]
            let inputs = worker.inputs
            try inputs.read(w, ctx: ctx, cache: worker.cache, aoi: worker.aoi, missing: &ignored, needsSOC: false)
            let sc = worker.scratch, kernel = worker.ndvi!, summary = worker.summary
            sc.collectPixels(inputs.mask)
            let M = sc.pixels.count
            summary.reset(periods: periods.count, pixels: M)
            sc.pixels.withUnsafeBufferPointer { px in
            summary.codes.withUnsafeMutableBufferPointer { codes in
            summary.totals.withUnsafeMutableBufferPointer { sums in
                for p in periods.indices {
                    let end = ctx.landCoverIndex[periods[p].landCoverEnd]!
                    let dn = Double(ctx.productivityYears[p].count)
                    var start = 0
                    while start < M {
                        let m = min(LandBlockScratch.chunk, M - start)
                        let c = codes.baseAddress! + p * M + start, t = sums.baseAddress! + p * M + start
                        kernel.summarise(inputs, period: p, pixels: px.baseAddress! + start, count: m, codes: c, totals: t)
                        for j in 0..<m where c[j] != 0 {
                            let i = Int(px[start + j])
                            let cls = inputs.landClass(end, i)
                            guard cls > 0 else { continue }
                            worker.histograms.add(period: p, unit: LandUnitHistograms.unit(soil: inputs.soilType(i), landCover: cls), mean: t[j] / dn)
                        }
                        start += m
                    }
                }
            } } }
            try summaries.write(block: b, periods: periods.count, summary, staging: &worker.staging)
            meter.advance(pass: "performance", read: worker.takeBytesRead(), written: 0)
        })
        var merged = LandUnitHistograms(periods: periods.count, scale: scale)
        for s in states { merged.merge(s.histograms) }
        return merged.percentiles(options.performancePercentile)
    }

    /// Pass 2: every sub-indicator, the indicator and status; rasters and totals.
    private func mainPass(ctx: LandBlockContext, layout: RasterBlockLayout, outputs: LandRasterOutputs,
                          summaries: LandNDVISummaryFile?, meter: LandProgressMeter) throws -> LandTotals {
        let periods = options.periods.count
        let states = try RasterParallel.run(blocks: layout.windows.count, threads: options.threads, makeState: { _ in
            LandWorker(ctx: ctx, totals: LandTotals(periods: periods), aoi: try AreaMask(path: ctx.aoiPath, grid: ctx.stack.grid))
        }, body: { worker, b in
            try worker.inputs.read(layout.windows[b], ctx: ctx, cache: worker.cache, aoi: worker.aoi, missing: &worker.totals.missingLegend,
                                   needsNDVI: false)
            if let summaries {
                worker.scratch.collectPixels(worker.inputs.mask)
                try summaries.read(block: b, periods: periods, pixels: worker.scratch.pixels.count, into: worker.summary, staging: &worker.staging)
            }
            let written = try LandBlockKernel(ctx: ctx).process(worker.inputs, outputs: outputs, totals: &worker.totals,
                                                                ndvi: summaries == nil ? nil : worker.summary, scratch: worker.scratch)
            meter.advance(pass: "indicators", read: worker.takeBytesRead(), written: written)
        })
        var merged = LandTotals(periods: periods)
        for s in states { merged.merge(s.totals) }
        return merged
    }
}

/// Per-thread state of a pass: open datasets, AOI mask, buffers, partial totals.
final class LandWorker {
    let cache = LandDatasetCache()
    let inputs = LandBlockInputs()
    let scratch = LandBlockScratch()
    /// The block's summaries of the NDVI series and the bytes they travel in to and from `LandNDVISummaryFile`.
    let summary = LandNDVIBlockSummary()
    var staging: [UInt8] = []
    /// Productivity kernel (NDVI runs only).
    let ndvi: LandProductivityKernel?
    let aoi: AreaMask
    var totals: LandTotals
    var histograms: LandUnitHistograms
    private var reported: Int64 = 0

    init(ctx: LandBlockContext, totals: LandTotals? = nil, histograms: LandUnitHistograms? = nil, aoi: AreaMask) {
        self.aoi = aoi
        self.ndvi = ctx.usesNDVI ? LandNDVIKernels.make(ctx: ctx) : nil
        self.totals = totals ?? LandTotals(periods: 0)
        self.histograms = histograms ?? LandUnitHistograms(periods: 0, scale: 0)
    }

    func takeBytesRead() -> Int64 { let d = cache.bytesRead - reported; reported = cache.bytesRead; return d }
}

/// Thread-safe progress counter forwarding to the user's callback.
final class LandProgressMeter: @unchecked Sendable {   // state guarded by `lock`
    private let lock = NSLock()
    private var state = LandProgress(pass: "", blocksDone: 0, blocksTotal: 0, bytesRead: 0, bytesWritten: 0)
    private let callback: (@Sendable (LandProgress) -> Void)?

    init(total: Int, callback: (@Sendable (LandProgress) -> Void)?) {
        self.callback = callback
        state.blocksTotal = total
    }

    func advance(pass: String, read: Int64, written: Int64) {
        let snapshot = lock.withLock { () -> LandProgress in
            state.pass = pass; state.blocksDone += 1; state.bytesRead += read; state.bytesWritten += written
            return state
        }
        callback?(snapshot)
    }
}
