import Foundation
import SynergiaCore
import SynergiaGeoBindings
import SynergiaLand

/// Writes a consistent, spatially structured test stack: patchy land cover for
/// 2000, 2015, 2019 and 2022 with plausible transitions (deforestation, urban
/// growth, afforestation, cropland abandonment), an annual NDVI series
/// 2001-2023 with trend hot spots, a SOC stock raster and an AOI polygon.
/// Everything derives from hashed value noise, so any block can be generated on
/// its own: memory stays bounded and the output depends only on seed and size.
public struct LandDataGenerator: Sendable {
    public let seed: UInt64
    public let size: Int
    /// Pixel size in degrees (1/360° ≈ 300 m) and the north-west corner.
    public var cellDegrees = 1.0 / 360
    public var west = 30.0, north = 5.0
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public static let landCoverYears = [2000, 2015, 2019, 2022]
    public static let ndviYears = Array(2001...2023)

    public init(seed: UInt64, size: Int) { self.seed = seed; self.size = size }

    public var grid: RasterGrid { .geographic(west: west, north: north, cellDegrees: cellDegrees, width: size, height: size) }

    /// Paths of a generated stack, and inputs ready for the engine.
    public struct Output: Sendable {
        public var inputs: LandInputs
        public var aoi: String
        public var grid: RasterGrid

        public init(inputs: LandInputs, aoi: String, grid: RasterGrid) { self.inputs = inputs; self.aoi = aoi; self.grid = grid }
    }

    @discardableResult
    public func write(to folder: URL) throws -> Output {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let g = grid
        let lcPaths = Self.landCoverYears.map { folder.appendingPathComponent("land_cover_\($0).tif").path }
        let ndviPath = folder.appendingPathComponent("ndvi_2001_2023.tif").path
        let socPath = folder.appendingPathComponent("soc_2000.tif").path
        let lcWriters = try lcPaths.map { try RasterInt16Writer(path: $0, grid: g) }
        let ndviWriter = try RasterInt16Writer(path: ndviPath, grid: g, bands: Self.ndviYears.count)
        let socWriter = try RasterInt16Writer(path: socPath, grid: g)
        let layout = RasterBlockLayout(width: size, height: size, blockSize: 256)
        let field = LandNoiseField(seed: seed)
        _ = try RasterParallel.run(blocks: layout.windows.count, threads: threads, makeState: { _ in 0 }) { _, b in
            let w = layout.windows[b]
            var lc = [[Int16]](repeating: [Int16](repeating: 0, count: w.count), count: Self.landCoverYears.count)
            var soc = [Int16](repeating: 0, count: w.count)
            for r in 0..<w.height { for c in 0..<w.width {
                let x = Double(w.x + c), y = Double(w.y + r), i = r * w.width + c
                let classes = field.landCover(x: x, y: y)
                for k in classes.indices { lc[k][i] = Int16(classes[k]) }
                soc[i] = field.soc(x: x, y: y, cls: classes[0])
            } }
            for (k, wr) in lcWriters.enumerated() { try wr.write(window: w, values: lc[k]) }
            try socWriter.write(window: w, values: soc)
            // The spatial parts of NDVI do not change with the year: compute them once.
            var spatial = [LandNoiseField.NDVIPixel](repeating: .init(level: 0, slope: 0), count: w.count)
            for r in 0..<w.height { for c in 0..<w.width {
                spatial[r * w.width + c] = field.ndviPixel(x: Double(w.x + c), y: Double(w.y + r))
            } }
            for (band, year) in Self.ndviYears.enumerated() {
                let k = (Self.landCoverYears.lastIndex { $0 <= year }) ?? 0
                var v = [Int16](repeating: 0, count: w.count)
                for r in 0..<w.height { for c in 0..<w.width {
                    let i = r * w.width + c
                    v[i] = field.ndvi(spatial[i], x: w.x + c, y: w.y + r, year: year, cls: lc[k][i])
                } }
                try ndviWriter.write(window: w, band: band + 1, values: v)
            }
        }
        for wr in lcWriters + [ndviWriter, socWriter] { try wr.close() }
        let aoiPath = folder.appendingPathComponent("aoi.geojson").path
        try Data(aoiGeoJSON().utf8).write(to: URL(fileURLWithPath: aoiPath))
        let inputs = LandInputs(landCover: Dictionary(uniqueKeysWithValues: zip(Self.landCoverYears, lcPaths)),
                                productivity: .ndvi(.multiband(path: ndviPath, firstYear: Self.ndviYears[0])),
                                soc: socPath)
        try inputsFile.jsonData().write(to: folder.appendingPathComponent("inputs.json"))
        return Output(inputs: inputs, aoi: aoiPath, grid: g)
    }

    /// inputs.json for the stack, naming its files beside it: every period and the national climate
    /// zone written out, so it shows the form a person copies.
    public var inputsFile: LandInputsFile {
        var options = LandInputsFile.Options()
        options.climateZone = .tropicalMoist   // the stack lies on the equator
        return LandInputsFile(
            inputs: LandInputs(landCover: Dictionary(uniqueKeysWithValues: Self.landCoverYears.map { ($0, "land_cover_\($0).tif") }),
                               productivity: .ndvi(.multiband(path: "ndvi_2001_2023.tif", firstYear: Self.ndviYears[0])), soc: "soc_2000.tif"),
            periods: LandPeriod.unccd2026, options: options)
    }

    /// A wobbly disc covering most of the grid, in WGS84 (GeoJSON is always lon/lat).
    func aoiGeoJSON() -> String {
        var rng = SeededRandom(seed: seed ^ 0xA01)
        let phase = Double(rng.next() % 1000) / 1000 * 2 * .pi
        let cx = west + Double(size) * cellDegrees / 2, cy = north - Double(size) * cellDegrees / 2
        let radius = Double(size) * cellDegrees * 0.42
        var ring: [String] = []
        for k in 0...96 {
            let t = Double(k % 96) / 96 * 2 * .pi
            let r = radius * (1 + 0.12 * sin(3 * t + phase) + 0.05 * sin(7 * t))
            ring.append("[\(cx + r * cos(t)), \(cy + r * sin(t))]")
        }
        return """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "generated AOI"},
        "geometry": {"type": "Polygon", "coordinates": [[\(ring.joined(separator: ", "))]]}}]}
        """
    }
}
