import Foundation
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// A fresh temporary folder per test, removed by the caller's defer.
func landTempFolder(_ name: String = #function) throws -> URL {
    let clean = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("land-tests-\(clean)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let nd = LandCodes.noData16

/// A 4x3 grid of 100 m cells in LAEA Europe (equal-area): every pixel is 0.01 km².
let tinyGrid = RasterGrid(width: 4, height: 3, geoTransform: [4_000_000, 100, 0, 3_000_000, 0, -100],
                          crsWKT: RasterCRS.wkt(epsg: 3035))

/// The hand-computed stack of LandEngineTests (see the comments there).
struct TinyStack {
    let folder: URL
    let inputs: LandInputs

    static let lc2000: [Int16] = [1, 1, 2, 3, 3, 5, 7, 6, 2, 2, nd, 4]
    static let lc2015: [Int16] = [1, 3, 1, 3, 5, 5, 7, 6, 2, 2, 2, 4]
    static let lpd: [Int16] = [4, 4, 4, 1, 4, 4, 4, 4, 5, 3, 4, 4]
    static let soc: [Int16] = [100, 100, 50, 40, 40, 20, nd, 20, 50, 50, 50, 80]

    init(folder: URL, grid: RasterGrid = tinyGrid, lc2015: [Int16] = TinyStack.lc2015, lc2000: [Int16] = TinyStack.lc2000) throws {
        self.folder = folder
        func path(_ n: String) -> String { folder.appendingPathComponent(n).path }
        try RasterInt16Writer.write(path: path("lc2000.tif"), grid: grid, values: lc2000)
        try RasterInt16Writer.write(path: path("lc2015.tif"), grid: grid, values: lc2015)
        try RasterInt16Writer.write(path: path("lpd.tif"), grid: grid, values: Self.lpd)
        try RasterInt16Writer.write(path: path("soc.tif"), grid: grid, values: Self.soc)
        inputs = LandInputs(landCover: [2000: path("lc2000.tif"), 2015: path("lc2015.tif")],
                            productivity: .lpd(["baseline": path("lpd.tif")]), soc: path("soc.tif"))
    }

    static var options: LandOptions {
        var o = LandOptions()
        o.periods = [LandPeriod(name: "baseline", landCoverStart: 2000, landCoverEnd: 2015, productivityStart: 2001, productivityEnd: 2015)]
        o.climateZone = .warmTemperateMoist
        return o
    }
}

/// Reads a whole single-band raster as Int32 (no data = -32768).
func readAll(_ path: String) throws -> [Int32] {
    let d = try RasterDataset(path: path)
    var b: [Int32] = []
    try d.readInt32(window: RasterWindow(x: 0, y: 0, width: d.grid.width, height: d.grid.height), into: &b)
    return b
}

/// Entries of a folder (to check that nothing half-written was left behind).
func entries(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
}
