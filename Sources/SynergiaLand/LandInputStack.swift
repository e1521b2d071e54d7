import Foundation
import SynergiaGeoBindings

/// One band of one input raster, with a label for messages.
struct LandLayerRef: Sendable, Hashable {
    var label: String
    var path: String
    var band: Int = 1
    /// A raster Synergia wrote (an input warped onto the land-cover grid) rather than the user's file.
    var synergiaFile = false
    /// The user's file this layer comes from (warped or not): what messages and summaries name.
    var sourcePath: String

    init(label: String, path: String, band: Int = 1) {
        self.label = label; self.path = path; self.band = band; self.sourcePath = path
    }

    /// The user's file name, never a folder nor a file Synergia wrote.
    var displayName: String { UserFile.displayName(sourcePath) }

    func open() throws -> RasterDataset {
        synergiaFile ? try RasterDataset(synergiaFile: path) : try RasterDataset(path: path)
    }
}

/// The resolved inputs of a run: every layer the periods need, checked to be on
/// the land-cover grid (or warped onto it when `align` is set).
struct LandInputStack: Sendable {
    var grid: RasterGrid
    /// Land-cover years in order, with their layers.
    var landCoverYears: [Int]
    var landCover: [Int: LandLayerRef]
    var ndvi: [Int: LandLayerRef] = [:]
    var lpd: [String: LandLayerRef] = [:]
    /// Reference SOC stock at the first land-cover year (nil when SOC stocks by year are given).
    var soc: LandLayerRef?
    /// SOC stock maps by year (the country's own), instead of the land-use-factor propagation.
    var socStock: [Int: LandLayerRef] = [:]
    var climate: LandLayerRef?
    var soil: LandLayerRef?

    init(inputs: LandInputs, options: LandOptions, alignFolder: URL) throws {
        // Land cover: every year a period names must be there.
        let needed = Set(options.periods.flatMap { [$0.landCoverStart, $0.landCoverEnd] })
        for p in options.periods {
            let missing = [p.landCoverStart, p.landCoverEnd].filter { inputs.landCover[$0] == nil }
            guard missing.isEmpty else {
                let given = inputs.landCover.keys.sorted().map(String.init).joined(separator: ", ")
                throw GeoError.missingInput("land cover for \(missing.map(String.init).joined(separator: " and ")) (period \(p.name)); "
                    + "land cover was given for \(given.isEmpty ? "no year" : given): give a raster for every year a period names, or change the period")
            }
        }
        let first = needed.min()!
        landCoverYears = inputs.landCover.keys.filter { $0 >= first && $0 <= needed.max()! }.sorted()
        landCover = Dictionary(uniqueKeysWithValues: landCoverYears.map {
            ($0, LandLayerRef(label: "land cover \($0)", path: inputs.landCover[$0]!))
        })
        if inputs.socStock.isEmpty {
            guard let reference = inputs.soc else {
                throw GeoError.missingInput("SOC: give a reference SOC stock raster, or SOC stock rasters for the land-cover years of every period")
            }
            soc = LandLayerRef(label: "SOC stock", path: reference)
        } else {
            let given = inputs.socStock.keys.sorted()
            let missing = needed.subtracting(given).sorted()
            guard missing.isEmpty else {
                throw GeoError.missingInput("SOC stock for \(missing.map(String.init).joined(separator: ", ")); SOC stocks were given for "
                    + "\(given.map(String.init).joined(separator: ", ")): with SOC stocks by year, give one for every land-cover year a period starts or ends with")
            }
            for y in needed.sorted() { socStock[y] = LandLayerRef(label: "SOC stock \(y)", path: inputs.socStock[y]!) }
        }
        climate = inputs.climate.map { LandLayerRef(label: "climate zones", path: $0) }
        soil = inputs.soilType.map { LandLayerRef(label: "soil type", path: $0) }
        let reference = landCover[first]!
        grid = try RasterDataset(path: reference.path).grid
        _ = try LandPixelArea.rowAreaFunction(for: grid)   // refuse unsupported projections early

        switch inputs.productivity {
        case let .lpd(paths):
            for p in options.periods {
                guard let path = paths[p.name] else {
                    throw GeoError.missingInput("LPD raster for period \(p.name); LPD rasters were given for \(paths.keys.sorted().joined(separator: ", ")): name each by its period")
                }
                lpd[p.name] = LandLayerRef(label: "LPD \(p.name)", path: path)
            }
        case let .ndvi(series):
            switch series {
            case let .multiband(path, firstYear):
                let count = try RasterDataset(path: path).bandCount
                for i in 0..<count { ndvi[firstYear + i] = LandLayerRef(label: "NDVI \(firstYear + i)", path: path, band: i + 1) }
            case let .files(files):
                for (y, path) in files { ndvi[y] = LandLayerRef(label: "NDVI \(y)", path: path) }
            }
            try checkNDVIYears(options: options)
        }
        for k in lpd.keys.sorted() { try LandCodedRasterCheck.checkLPD(lpd[k]!) }
        if let climate { try LandCodedRasterCheck.checkClimate(climate, codes: options.climateCodes) }
        try alignAll(options: options, folder: alignFolder, referenceLabel: "\(reference.label) (\(reference.displayName))")
    }

    /// Each productivity period must have enough years for Mann-Kendall and for the state split.
    private func checkNDVIYears(options: LandOptions) throws {
        let minimum = max(LandMannKendall(alpha: options.mannKendallAlpha).minimumYears(), options.stateRecentYears + 1)
        for p in options.periods {
            let years = (p.productivityStart...p.productivityEnd).filter { ndvi[$0] != nil }
            let gaps = (p.productivityStart...p.productivityEnd).filter { ndvi[$0] == nil }
            if !gaps.isEmpty, years.count >= minimum {
                let given = ndvi.keys.sorted()
                throw GeoError.missingInput("NDVI for \(gaps.map(String.init).joined(separator: ", ")) (period \(p.name), productivity \(p.productivityStart)-\(p.productivityEnd)); "
                    + "NDVI was given for \(given.first.map(String.init) ?? "")-\(given.last.map(String.init) ?? "") (\(given.count) years): give every year of the period, or shorten its productivity years")
            }
            if years.count < minimum {
                throw GeoError.tooFewYears(what: "NDVI series of period \(p.name) (\(p.productivityStart)-\(p.productivityEnd))",
                                                  years: years.count, minimum: minimum)
            }
        }
    }

    /// Compares every input's grid with the land-cover grid; warps or refuses.
    private mutating func alignAll(options: LandOptions, folder: URL, referenceLabel: String) throws {
        var warped: [String: String] = [:]
        func check(_ ref: LandLayerRef) throws -> LandLayerRef {
            if let w = warped[ref.path] { var r = ref; r.path = w; r.synergiaFile = true; return r }
            let g = try RasterDataset(path: ref.path).grid
            if g.matches(grid) { return ref }
            guard options.align else {
                throw GeoError.gridMismatch(first: "\(referenceLabel): \(grid)", second: "\(ref.label) (\(ref.displayName)): \(g)")
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let out = folder.appendingPathComponent("aligned_\(warped.count + 1).vrt").path
            try RasterWarp.warp(source: ref.path, to: grid, output: out)
            warped[ref.path] = out
            var r = ref; r.path = out; r.synergiaFile = true; return r
        }
        for y in landCoverYears { landCover[y] = try check(landCover[y]!) }
        for y in ndvi.keys.sorted() { ndvi[y] = try check(ndvi[y]!) }
        for k in lpd.keys.sorted() { lpd[k] = try check(lpd[k]!) }
        if let s = soc { soc = try check(s) }
        for y in socStock.keys.sorted() { socStock[y] = try check(socStock[y]!) }
        if let c = climate { climate = try check(c) }
        if let s = soil { soil = try check(s) }
    }
}

/// Per-thread open datasets, keyed by path (GDAL handles are not thread-safe).
final class LandDatasetCache {
    private var open: [String: RasterDataset] = [:]
    private(set) var bytesRead: Int64 = 0

    func dataset(_ ref: LandLayerRef) throws -> RasterDataset {
        if let d = open[ref.path] { return d }
        let d = try ref.open()
        open[ref.path] = d
        return d
    }

    func readInt(_ ref: LandLayerRef, _ w: RasterWindow, into buf: inout [Int32]) throws {
        try dataset(ref).readInt32(band: ref.band, window: w, into: &buf)
        bytesRead += Int64(w.count * 4)
    }

    func readBands<T: RasterBandSample>(_ ref: LandLayerRef, bands: [Int], _ w: RasterWindow, into buf: UnsafeMutablePointer<T>,
                                        bandStride: Int) throws {
        try dataset(ref).readBands(bands, window: w, into: buf, bandStride: bandStride)
        bytesRead += Int64(w.count * MemoryLayout<T>.stride * bands.count)
    }

    func readFloat(_ ref: LandLayerRef, _ w: RasterWindow, into buf: inout [Float]) throws {
        try dataset(ref).readFloat(band: ref.band, window: w, into: &buf)
        bytesRead += Int64(w.count * 4)
    }
}
