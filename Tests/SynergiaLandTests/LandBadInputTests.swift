import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// Each bad input gives a clear error and leaves no output that looks complete.
@Suite struct LandBadInputTests {
    /// Runs the engine expecting a failure; checks that the folder holds only what it held before.
    func expectFailure(_ folder: URL, inputs: LandInputs, options: LandOptions = TinyStack.options, aoi: String? = nil,
                       _ check: (GeoError) -> Bool) {
        let before = entries(folder)
        do {
            _ = try LandDegradationEngine(options: options).run(inputs: inputs, aoi: aoi, output: folder.appendingPathComponent("out"))
            Issue.record("the run succeeded")
        } catch let e as GeoError {
            #expect(check(e), "unexpected error: \(e)")
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
        #expect(entries(folder) == before, "output or temporary files left behind")
    }

    @Test func mismatchedGridSize() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        var stack = try TinyStack(folder: folder)
        var g = tinyGrid; g.width = 2; g.height = 6
        try RasterInt16Writer.write(path: folder.appendingPathComponent("soc2.tif").path, grid: g, values: TinyStack.soc)
        var inputs = stack.inputs; inputs.soc = folder.appendingPathComponent("soc2.tif").path
        stack = try TinyStack(folder: folder)
        expectFailure(folder, inputs: inputs) { e in
            guard case let .gridMismatch(a, b) = e else { return false }
            return a.contains("land cover 2000") && a.contains("4x3 px") && b.contains("SOC stock") && b.contains("2x6 px")
        }
    }

    @Test func mismatchedCRS() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var g = tinyGrid; g.crsWKT = RasterCRS.wkt(epsg: 3857)
        try RasterInt16Writer.write(path: folder.appendingPathComponent("lpd2.tif").path, grid: g, values: TinyStack.lpd)
        var inputs = stack.inputs; inputs.productivity = .lpd(["baseline": folder.appendingPathComponent("lpd2.tif").path])
        expectFailure(folder, inputs: inputs) { e in
            guard case let .gridMismatch(_, b) = e else { return false }
            return b.contains("LPD baseline") && b.contains("3857")
        }
    }

    /// With align, a SOC raster at twice the resolution is warped (nearest
    /// neighbour) onto the land-cover grid and the hand-computed answer holds.
    @Test func alignWarpsToLandCoverGrid() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let fine = RasterGrid(width: 8, height: 6, geoTransform: [4_000_000, 50, 0, 3_000_000, 0, -50], crsWKT: tinyGrid.crsWKT)
        var values = [Int16](repeating: 0, count: 48)
        for r in 0..<6 { for c in 0..<8 { values[r * 8 + c] = TinyStack.soc[(r / 2) * 4 + c / 2] } }
        try RasterInt16Writer.write(path: folder.appendingPathComponent("soc_fine.tif").path, grid: fine, values: values)
        var inputs = stack.inputs; inputs.soc = folder.appendingPathComponent("soc_fine.tif").path
        expectFailure(folder, inputs: inputs) { if case .gridMismatch = $0 { return true } else { return false } }
        var o = TinyStack.options; o.align = true
        let r = try LandDegradationEngine(options: o).run(inputs: inputs, aoi: nil, output: folder.appendingPathComponent("out"))
        #expect(abs(r.periods[0].proportionDegradedPercent - 30) < 1e-9)
        #expect(!entries(folder.appendingPathComponent("out")).contains(".aligned"))
    }

    @Test func valueMissingFromLegend() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        var lc = TinyStack.lc2015; lc[5] = 9; lc[7] = 9; lc[3] = 12
        let stack = try TinyStack(folder: folder, lc2015: lc)
        expectFailure(folder, inputs: stack.inputs) { e in
            guard case let .valuesMissingFromLegend(path, counts) = e else { return false }
            return path.hasSuffix("lc2015.tif") && counts == [9: 2, 12: 1] && e.description.contains("value 9: 2 pixels")
        }
    }

    @Test func truncatedGeoTIFF() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let path = folder.appendingPathComponent("lc2015.tif")
        let data = try Data(contentsOf: path)
        try data.prefix(data.count / 2).write(to: path)
        expectFailure(folder, inputs: stack.inputs) { e in
            switch e {
            case let .cannotOpen(p, reason), let .readFailed(p, reason): return p.hasSuffix("lc2015.tif") && reason.contains("truncated")
            default: return false
            }
        }
    }

    @Test func corruptGeoTIFF() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var bytes = [UInt8]("II*\0".utf8)
        for i in 0..<4000 { bytes.append(UInt8(truncatingIfNeeded: i &* 2654435761 >> 13)) }
        try Data(bytes).write(to: folder.appendingPathComponent("soc.tif"))
        expectFailure(folder, inputs: stack.inputs) { e in
            if case let .cannotOpen(p, _) = e { return p.hasSuffix("soc.tif") } else { return false }
        }
    }

    @Test func aoiOutsideRasters() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let aoi = folder.appendingPathComponent("far.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[100,10],[101,10],[101,11],[100,11],[100,10]]]}}]}"#.utf8).write(to: aoi)
        expectFailure(folder, inputs: stack.inputs, aoi: aoi.path) { e in
            if case .aoiDoesNotOverlap = e { return e.description.contains("does not overlap") } else { return false }
        }
    }

    @Test func ndviSeriesTooShort() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let ndvi = folder.appendingPathComponent("ndvi.tif").path
        let w = try RasterInt16Writer(path: ndvi, grid: tinyGrid, bands: 4)
        for b in 1...4 { try w.write(window: RasterWindow(x: 0, y: 0, width: 4, height: 3), band: b, values: [Int16](repeating: Int16(5000 + b), count: 12)) }
        try w.close()
        var inputs = stack.inputs; inputs.productivity = .ndvi(.multiband(path: ndvi, firstYear: 2001))
        var o = TinyStack.options; o.periods[0].productivityEnd = 2004
        expectFailure(folder, inputs: inputs, options: o) { e in
            if case let .tooFewYears(_, years, minimum) = e { return years == 4 && minimum == 5 && e.description.contains("Mann-Kendall") }
            return false
        }
    }

    @Test func unsupportedProjection() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        var g = tinyGrid; g.crsWKT = RasterCRS.wkt(epsg: 32633)   // UTM: not equal-area
        let stack = try TinyStack(folder: folder, grid: g)
        expectFailure(folder, inputs: stack.inputs) { if case .unsupportedProjection = $0 { return true } else { return false } }
    }

    @Test func missingPeriodInput() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var o = TinyStack.options
        o.periods.append(LandPeriod(name: "report", landCoverStart: 2015, landCoverEnd: 2019, productivityStart: 2004, productivityEnd: 2019))
        expectFailure(folder, inputs: stack.inputs, options: o) { $0.description.contains("land cover for 2019") }
    }

    @Test func existingOutputIsNotOverwritten() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        expectFailure(folder, inputs: stack.inputs) { if case .outputExists = $0 { return true } else { return false } }
        var o = TinyStack.options; o.overwrite = true
        _ = try LandDegradationEngine(options: o).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("out"))
        #expect(entries(folder.appendingPathComponent("out")).contains("summary.json"))
    }
}
