import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// The IPCC climate raster Trends.Earth ships (codes 1–12) is the climate convention; any other
/// coding is read only when named, and values outside the table stop the run before it starts.
@Suite struct LandClimateCodesTests {
    /// Every pixel goes Tree-covered (2000) -> Cropland (2015), 100 t/ha on 1 ha: 15 of the 20
    /// years of the change, so the 2015 stock is 100 * (1 - (1 - f) * 0.75) t.
    static let treeToCrop: [Int16] = [Int16](repeating: 1, count: 12)
    static let cropland: [Int16] = [Int16](repeating: 3, count: 12)

    func run(climate: [Int16], options: LandOptions = TinyStack.options, folder: URL) throws -> LandResult {
        let stack = try TinyStack(folder: folder, lc2015: Self.cropland, lc2000: Self.treeToCrop)
        try RasterInt16Writer.write(path: folder.appendingPathComponent("soc.tif").path, grid: tinyGrid, values: [Int16](repeating: 100, count: 12))
        let path = folder.appendingPathComponent("ipcc_climate_zones.tif").path
        try RasterInt16Writer.write(path: path, grid: tinyGrid, values: climate)
        var inputs = stack.inputs; inputs.climate = path
        return try LandDegradationEngine(options: options).run(inputs: inputs, aoi: nil, output: folder.appendingPathComponent("out"))
    }

    /// Code, zone and the factor Trends.Earth applies (IPCC 2006 vol. 4 ch. 5 table 5.5).
    @Test(arguments: [(1, "warm_temperate_moist", 0.69), (2, "warm_temperate_dry", 0.80), (3, "cool_temperate_moist", 0.69),
                      (4, "cool_temperate_dry", 0.80), (5, "polar_moist", 0.69), (6, "polar_dry", 0.80), (7, "boreal_moist", 0.69),
                      (8, "boreal_dry", 0.80), (9, "tropical_montane", 0.64), (10, "tropical_wet", 0.48), (11, "tropical_moist", 0.48),
                      (12, "tropical_dry", 0.58)])
    func eachIPCCCodeGivesItsCroplandFactor(code: Int, zone: String, factor: Double) throws {
        #expect(LandClimateZone(ipccCode: code)?.rawValue == zone)
        #expect(LandClimateZone(ipccCode: code)?.factor == factor)
        let folder = try landTempFolder("ipcc\(code)"); defer { try? FileManager.default.removeItem(at: folder) }
        let r = try run(climate: [Int16](repeating: Int16(code), count: 12), folder: folder)
        let row = try #require(r.periods[0].socByTransition.first { $0.transition == 13 })
        #expect(row.initialStockT == 1200)
        #expect(abs(row.finalStockT - 1200 * (1 - (1 - factor) * 0.75)) < 1e-6)
        #expect(abs(try #require(row.changePercent) - (-(1 - factor) * 75)) < 1e-9)
        #expect(r.periods[0].soc.km2(-1) == 0.12)   // a loss of 15 % or more everywhere: degraded
    }

    @Test func aRasterWithEveryCodeGivesEachPixelItsFactor() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let r = try run(climate: (1...12).map { Int16($0) }, folder: folder)
        let row = try #require(r.periods[0].socByTransition.first { $0.transition == 13 })
        // Sum of 100 * (1 - (1 - f) * 0.75) over the 12 codes: f = 0.69 x4, 0.80 x4, 0.64, 0.48 x2, 0.58.
        let expected = [0.69, 0.80, 0.69, 0.80, 0.69, 0.80, 0.69, 0.80, 0.64, 0.48, 0.48, 0.58].reduce(0.0) { $0 + 100 * (1 - (1 - $1) * 0.75) }
        #expect(abs(row.finalStockT - expected) < 1e-6)
        #expect(abs(expected - 910.5) < 1e-9)
        #expect(r.so1.climateFactor.hasPrefix("climate raster ipcc_climate_zones.tif read as ipcc12 (1 Warm Temperate Moist (f 0.69), 2 Warm Temperate Dry (f 0.8),"))
        #expect(r.warnings.isEmpty)
    }

    @Test func aCodeOutsideTheTableIsRefusedBeforeTheRun() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        var codes = [Int16](repeating: 11, count: 12); codes[3] = 13; codes[4] = 13; codes[7] = 0; codes[8] = nd
        let error = #expect(throws: GeoError.self) { _ = try run(climate: codes, folder: folder) }
        #expect(error?.description == "climate raster ipcc_climate_zones.tif has values outside the climate table ipcc12: 13: 2 pixels; the table expected is "
            + "1 Warm Temperate Moist (f 0.69), 2 Warm Temperate Dry (f 0.8), 3 Cool Temperate Moist (f 0.69), 4 Cool Temperate Dry (f 0.8), "
            + "5 Polar Moist (f 0.69), 6 Polar Dry (f 0.8), 7 Boreal Moist (f 0.69), 8 Boreal Dry (f 0.8), 9 Tropical Montane (f 0.64), "
            + "10 Tropical Wet (f 0.48), 11 Tropical Moist (f 0.48), 12 Tropical Dry (f 0.58); if the raster uses Synergia's former codes 1–5, "
            + "say so with climate codes synergia5; for any other coding give a code,factor table")
        #expect(!entries(folder).contains("out"))
    }

    /// Synergia's former codes are read only when the person says so; a Trends.Earth raster read as them is refused.
    @Test func formerCodesOnlyWhenNamed() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        var o = TinyStack.options; o.climateCodes = .synergia5
        let error = #expect(throws: GeoError.self) { _ = try run(climate: [Int16](repeating: 11, count: 12), options: o, folder: folder) }
        #expect(error?.description.hasPrefix("climate raster ipcc_climate_zones.tif has values outside the climate table synergia5: 11: 12 pixels; the table expected is 1 Temperate Dry (f 0.8), 2 Temperate Moist (f 0.69)") == true)
        let r = try run(climate: [Int16](repeating: 3, count: 12), options: o, folder: folder)   // 3 = tropical dry in the former codes
        #expect(abs(r.periods[0].socByTransition.first { $0.transition == 13 }!.finalStockT - 1200 * (1 - 0.42 * 0.75)) < 1e-6)
    }

    @Test func aCodeTableOfTheCountry() throws {
        let table = try LandClimateCodes(csv: "code,factor\n21,0.5\n22,0.7\n", file: "zones.csv")
        #expect(table.zones == [21: .init(label: "code 21", factor: 0.5), 22: .init(label: "code 22", factor: 0.7)])
        #expect(throws: GeoError.invalidOption("climate table zones.csv line 3: code 21 is given twice")) { try LandClimateCodes(csv: "code,factor\n21,0.5\n21,0.7\n", file: "zones.csv") }
        #expect(throws: GeoError.invalidOption("climate table zones.csv line 2: factor 7 must be above 0 and at most 2 (IPCC F_LU for cropland is 0.48–0.80)")) {
            try LandClimateCodes(csv: "code,factor\n21,7\n", file: "zones.csv")
        }
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        var o = TinyStack.options; o.climateCodes = table
        let r = try run(climate: [Int16](repeating: 21, count: 12), options: o, folder: folder)
        #expect(abs(r.periods[0].socByTransition.first { $0.transition == 13 }!.finalStockT - 1200 * (1 - 0.5 * 0.75)) < 1e-6)
    }

    /// Without a raster, the national zone applies; when none is given the default is said, in the summary and as a warning.
    @Test func nationalZoneOrTheAssumedDefault() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder, lc2015: Self.cropland, lc2000: Self.treeToCrop)
        try RasterInt16Writer.write(path: folder.appendingPathComponent("soc.tif").path, grid: tinyGrid, values: [Int16](repeating: 100, count: 12))
        var o = TinyStack.options; o.climateZone = .tropicalDry
        let given = try LandDegradationEngine(options: o).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("given"))
        #expect(given.so1.climateFactor == "national climate zone Tropical Dry (tropical_dry, f = 0.58)")
        #expect(given.warnings.isEmpty)
        #expect(abs(given.periods[0].socByTransition.first { $0.transition == 13 }!.finalStockT - 1200 * (1 - 0.42 * 0.75)) < 1e-6)
        o.climateZone = nil
        let assumed = try LandDegradationEngine(options: o).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("assumed"))
        #expect(assumed.so1.climateFactor == "national climate zone Warm Temperate Moist (warm_temperate_moist, f = 0.69), assumed")
        #expect(assumed.warnings == ["no climate zone was given: the SOC land-use factor of Warm Temperate Moist (f = 0.69) was assumed for the whole area; give the country's climate zone or the IPCC climate-zone raster"])
    }
}
