import Foundation
import SynergiaGeoBindings

/// One band of one input raster, with a label for messages.
struct LandLayerRef: Sendable, Hashable {
    var label: String
    var path: String
    var band: Int = 1
    /// A raster Synergia wrote (an input warped onto the land-cover grid) rather than the user's file.
    var synergiaFile = false

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
    var soc: LandLayerRef
    var climate: LandLayerRef?
    var soil: LandLayerRef?

    init(inputs: LandInputs, options: LandOptions, alignFolder: URL) throws {
        // Land cover: every year a period names must be there.
        let needed = Set(options.periods.flatMap { [$0.landCoverStart, $0.landCoverEnd] })
        if let miss = needed.subtracting(inputs.landCover.keys).sorted().first {
            throw GeoError.missingInput("land cover for \(miss)")
        }
        let first = needed.min()!
        landCoverYears = inputs.landCover.keys.filter { $0 >= first && $0 <= needed.max()! }.sorted()
        landCover = Dictionary(uniqueKeysWithValues: landCoverYears.map {
            ($0, LandLayerRef(label: "land cover \($0)", path: inputs.landCover[$0]!))
        })
        soc = LandLayerRef(label: "SOC stock", path: inputs.soc)
        climate = inputs.climate.map { LandLayerRef(label: "climate zones", path: $0) }
        soil = inputs.soilType.map { LandLayerRef(label: "soil type", path: $0) }
        let reference = landCover[first]!
        grid = try RasterDataset(path: reference.path).grid
        _ = try LandPixelArea.rowAreaFunction(for: grid)   // refuse unsupported projections early

        switch inputs.productivity {
        case let .lpd(paths):
            for p in options.periods {
                guard let path = paths[p.name] else { throw GeoError.missingInput("LPD raster for period \(p.name)") }
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
        try alignAll(options: options, folder: alignFolder, referenceLabel: "\(reference.label) (\(UserFile.displayName(reference.path)))")
    }

    /// Each productivity period must have enough years for Mann-Kendall and for the state split.
    private func checkNDVIYears(options: LandOptions) throws {
        let minimum = max(LandMannKendall(alpha: options.mannKendallAlpha).minimumYears(), options.stateRecentYears + 1)
        for p in options.periods {
            let years = (p.productivityStart...p.productivityEnd).filter { ndvi[$0] != nil }
            if let gap = (p.productivityStart...p.productivityEnd).first(where: { ndvi[$0] == nil }), years.count >= minimum {
                throw GeoError.missingInput("NDVI for \(gap) (period \(p.name))")
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
                throw GeoError.gridMismatch(first: "\(referenceLabel): \(grid)", second: "\(ref.label) (\(UserFile.displayName(ref.path))): \(g)")
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
        soc = try check(soc)
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
