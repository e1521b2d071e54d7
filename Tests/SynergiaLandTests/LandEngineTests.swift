import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// The engine on a 4x3 stack whose answers were worked out by hand (equal-area
/// grid, 0.01 km² per pixel, temperate moist f = 0.69, 15 of 20 SOC years):
///
///   px  LC 2000->2015  LPD  SOC t/ha          LC  prod SOC  15.3.1
///   0   Tree->Tree      4   100 -> 100         0    0    0     0
///   1   Tree->Crop      4   100 -> 76.75      -1    0   -1    -1
///   2   Grass->Tree     4    50 -> 50         +1    0    0    +1
///   3   Crop->Crop      1    40 -> 40          0   -1    0    -1
///   4   Crop->Art       4    40 -> 13         -1    0   -1    -1
///   5   Art->Art        4    20 -> 20          0    0    0     0
///   6   Water->Water    4   nd                 0    0   nd    nd
///   7   Other->Other    4    20 -> 20          0    0    0     0
///   8   Grass->Grass    5    50 -> 50          0   +1    0    +1
///   9   Grass->Grass    3    50 -> 50          0    0    0     0
///   10  nd->Grass       4    50               nd    0   nd    nd
///   11  Wet->Wet        4    80 -> 80          0    0    0     0
@Suite struct LandEngineTests {
    @Test func tinyStackByHand() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let out = folder.appendingPathComponent("out")
        let r = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: nil, output: out)
        let p = r.periods[0]
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }
        #expect(close(r.aoiAreaKm2, 0.12))
        #expect(close(p.indicator.km2(-1), 0.03) && close(p.indicator.km2(0), 0.05))
        #expect(close(p.indicator.km2(1), 0.02) && close(p.indicator.km2(nil), 0.02))
        #expect(close(p.landCover.km2(-1), 0.02) && close(p.landCover.km2(1), 0.01) && close(p.landCover.km2(0), 0.08) && close(p.landCover.km2(nil), 0.01))
        #expect(close(p.soc.km2(-1), 0.02) && close(p.soc.km2(0), 0.08) && close(p.soc.km2(nil), 0.02))
        #expect(close(p.productivity.km2(-1), 0.01) && close(p.productivity.km2(1), 0.01) && close(p.productivity.km2(0), 0.10))
        #expect(close(p.denominatorKm2, 0.10))
        #expect(close(p.proportionDegradedPercent, 30))
        #expect(close(p.waterKm2, 0.01))
        #expect(close(p.transitionMatrixKm2[0][2], 0.01) && close(p.transitionMatrixKm2[1][1], 0.02) && close(p.transitionMatrixKm2[2][4], 0.01))
        let soc13 = p.socByTransition.first { $0.transition == 13 }!
        #expect(close(soc13.initialStockT, 100) && close(soc13.finalStockT, 76.75))   // 1 ha each
        let soc35 = p.socByTransition.first { $0.transition == 35 }!
        #expect(close(soc35.finalStockT, 13))
        #expect(close(p.productivityByTransition.first { $0.transition == 22 }!.km2ByLPD[5], 0.01))
        // Rasters
        #expect(try readAll(out.appendingPathComponent("baseline_sdg_15_3_1.tif").path) == [0, -1, 1, -1, -1, 0, -32768, 0, 1, 0, -32768, 0])
        #expect(try readAll(out.appendingPathComponent("baseline_soc.tif").path) == [0, -1, 0, 0, -1, 0, -32768, 0, 0, 0, -32768, 0])
        #expect(try readAll(out.appendingPathComponent("baseline_land_cover.tif").path) == [0, -1, 1, 0, -1, 0, 0, 0, 0, 0, -32768, 0])
        for f in ["tables.json", "summary.json", "area_by_class.csv", "land_cover_transitions.csv",
                  "productivity_by_transition.csv", "soc_by_transition.csv", "sdg_15_3_1_summary.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
        }
        // Nothing but the inputs and the finished output folder.
        #expect(entries(folder) == ["lc2000.tif", "lc2015.tif", "lpd.tif", "out", "soc.tif"])
    }

    /// 4 × 3 cells of 10° at the equator: 14.7 million km², more than an Int64
    /// of mm² can hold (9.2 million km²), as for Russia or Canada.
    @Test func aCountryLargerThanNineMillionSquareKilometresRuns() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let grid = RasterGrid(width: 4, height: 3, geoTransform: [0, 10, 0, 15, 0, -10], crsWKT: RasterCRS.wkt(epsg: 4326))
        let stack = try TinyStack(folder: folder, grid: grid)
        let r = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("out"))
        let rows = [(15.0, 5.0), (5.0, -5.0), (-5.0, -15.0)].map { LandPixelArea.cellArea(top: $0.0, bottom: $0.1, widthDegrees: 10) / 1e6 }
        let expected = 4 * rows.reduce(0, +)
        #expect(expected > 14_000_000)
        #expect(abs(r.aoiAreaKm2 - expected) / expected < 1e-9)
        let p = r.periods[0]
        let classes = p.indicator.km2(-1) + p.indicator.km2(0) + p.indicator.km2(1) + p.indicator.km2(nil)
        #expect(abs(classes - expected) / expected < 1e-9)
    }

    @Test func outputRasterFormat() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let out = folder.appendingPathComponent("out")
        _ = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: nil, output: out)
        let d = try RasterDataset(path: out.appendingPathComponent("baseline_lpd.tif").path)
        #expect(d.noData() == -32768)
        #expect(d.grid.matches(tinyGrid))
    }

    /// A pixel is in the AOI when its centre is: a polygon covering the two left
    /// columns' centres (and a sliver of the third column, not its centre).
    @Test func aoiByPixelCentre() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let aoi = folder.appendingPathComponent("aoi.geojson")
        try Data("""
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3035"}},
         "features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":
         [[[3999990,3000010],[4000240,3000010],[4000240,2999690],[3999990,2999690],[3999990,3000010]]]}}]}
        """.utf8).write(to: aoi)
        let r = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: aoi.path, output: folder.appendingPathComponent("out"))
        let p = r.periods[0]
        #expect(r.aoiPixels == 6)
        #expect(abs(r.aoiAreaKm2 - 0.06) < 1e-9)
        // pixels 0,1,4,5,8,9: sdg 0,-1,-1,0,+1,0
        #expect(abs(p.indicator.km2(-1) - 0.02) < 1e-9 && abs(p.indicator.km2(0) - 0.03) < 1e-9 && abs(p.indicator.km2(1) - 0.01) < 1e-9)
        let sdg = try readAll(folder.appendingPathComponent("out/baseline_sdg_15_3_1.tif").path)
        #expect(sdg[2] == -32768 && sdg[1] == -1)
    }

    @Test func geographicPixelAreas() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let c = 1.0 / 360
        let grid = RasterGrid.geographic(west: 10, north: 60 + 3 * c, cellDegrees: c, width: 4, height: 3)
        let stack = try TinyStack(folder: folder, grid: grid)
        let r = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("out"))
        var expected = 0.0
        for row in 0..<3 { expected += 4 * LandPixelArea.cellArea(top: 60 + Double(3 - row) * c, bottom: 60 + Double(2 - row) * c, widthDegrees: c) / 1e6 }
        #expect(abs(r.aoiAreaKm2 - expected) < 1e-6)
        #expect(abs(r.aoiAreaKm2 / 12 - 0.0480) < 0.0001)
    }

    @Test func nationalLegendAggregated() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // National codes: x10 of the UNCCD class, and 11 (plantation) nests in Tree.
        let lc2000 = TinyStack.lc2000.map { $0 == nd ? nd : $0 * 10 }
        var lc2015 = TinyStack.lc2015.map { $0 * 10 }
        lc2015[0] = 11
        let stack = try TinyStack(folder: folder, lc2015: lc2015, lc2000: lc2000)
        var o = TinyStack.options
        var nesting = Dictionary(uniqueKeysWithValues: (1...7).map { ($0 * 10, $0) })
        nesting[11] = 1
        o.legend = try LandLegend(nesting: nesting)
        let r = try LandDegradationEngine(options: o).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("out"))
        #expect(abs(r.periods[0].proportionDegradedPercent - 30) < 1e-9)
    }

    /// No data in any input reaches the indicator; the other sub-indicators keep their value.
    @Test func noDataPropagates() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var lpd = TinyStack.lpd; lpd[0] = nd; lpd[5] = 0          // missing, and Trends.Earth's 0 for no data
        var soc = TinyStack.soc; soc[2] = nd                       // missing SOC
        try RasterInt16Writer.write(path: folder.appendingPathComponent("lpd.tif").path, grid: tinyGrid, values: lpd)
        try RasterInt16Writer.write(path: folder.appendingPathComponent("soc.tif").path, grid: tinyGrid, values: soc)
        let out = folder.appendingPathComponent("out")
        let r = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: nil, output: out)
        #expect(try readAll(out.appendingPathComponent("baseline_productivity.tif").path) == [-32768, 0, 0, -1, 0, -32768, 0, 0, 1, 0, 0, 0])
        #expect(try readAll(out.appendingPathComponent("baseline_soc.tif").path) == [0, -1, -32768, 0, -1, 0, -32768, 0, 0, 0, -32768, 0])
        #expect(try readAll(out.appendingPathComponent("baseline_land_cover.tif").path)[2] == 1)
        #expect(try readAll(out.appendingPathComponent("baseline_sdg_15_3_1.tif").path) == [-32768, -1, -32768, -1, -1, -32768, -32768, 0, 1, 0, -32768, 0])
        #expect(abs(r.periods[0].indicator.km2(nil) - 0.05) < 1e-9)
        #expect(abs(r.periods[0].lpdClasses.km2(nil) - 0.02) < 1e-9)
    }

    /// A climate raster overrides the national factor: tropical moist f = 0.48 (code 4 of
    /// Synergia's former coding, read as such only when asked), Tree -> Crop over 15 years:
    /// 100 * (1 - 0.52 * 0.75) = 61.
    @Test func climateRaster() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var stack = try TinyStack(folder: folder)
        let climate = folder.appendingPathComponent("climate.tif").path
        try RasterInt16Writer.write(path: climate, grid: tinyGrid, values: [Int16](repeating: 4, count: 12))
        var inputs = stack.inputs; inputs.climate = climate
        stack = try TinyStack(folder: folder)
        var o = TinyStack.options; o.climateCodes = .synergia5
        let r = try LandDegradationEngine(options: o).run(inputs: inputs, aoi: nil, output: folder.appendingPathComponent("out"))
        let row = r.periods[0].socByTransition.first { $0.transition == 13 }!
        #expect(abs(row.finalStockT - 61) < 1e-9)
        #expect(r.so1.climateFactor.contains("climate raster"))
    }
}
