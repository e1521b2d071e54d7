import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// inputs.json as a person writes it: snake_case, periods and options, refusals naming the JSON path and the fix.
@Suite struct LandInputsFileTests {
    static let handWrittenLPD = #"""
    {
      "land_cover": {"2015": "lc_2015.tif", "2019": "lc_2019.tif"},
      "productivity": {"lpd": {"baseline": "lpd_2015_2019.tif"}},
      "soc_stock": {"2015": "soc_2015.tif", "2019": "soc_2019.tif"},
      "periods": [{"name": "baseline", "land_cover": [2015, 2019]}],
      "options": {"climate_zone": "tropical_moist", "align": true, "denominator": "whole_aoi"}
    }
    """#
    static let handWrittenNDVI = #"""
    {
      "land_cover": {"2000": "esa_cci_2000.tif", "2015": "esa_cci_2015.tif"},
      "productivity": {"ndvi": {"files": {"2001": "ndvi_2001.tif", "2002": "ndvi_2002.tif"}}},
      "soc": "soc_2000.tif",
      "climate": "ipcc_climate_zones.tif",
      "periods": [{"name": "baseline", "land_cover": [2000, 2015], "productivity": [2001, 2015]}],
      "options": {"climate_codes": "ipcc12", "trajectory_slope": "theil_sen", "soc_threshold_percent": 10}
    }
    """#

    @Test func handWrittenFormsAreRead() throws {
        let lpd = try LandInputsFile.read(Data(Self.handWrittenLPD.utf8), file: "inputs.json")
        #expect(lpd.inputs == LandInputs(landCover: [2015: "lc_2015.tif", 2019: "lc_2019.tif"], productivity: .lpd(["baseline": "lpd_2015_2019.tif"]),
                                         soc: nil, socStock: [2015: "soc_2015.tif", 2019: "soc_2019.tif"]))
        #expect(lpd.periods == [LandPeriod(name: "baseline", landCoverStart: 2015, landCoverEnd: 2019, productivityStart: 2015, productivityEnd: 2019)])
        var engine = LandOptions()
        lpd.apply(to: &engine)
        #expect(engine.climateZone == .tropicalMoist && engine.align && engine.denominator == .wholeAOI)
        let ndvi = try LandInputsFile.read(Data(Self.handWrittenNDVI.utf8), file: "inputs.json")
        #expect(ndvi.inputs.productivity == .ndvi(.files([2001: "ndvi_2001.tif", 2002: "ndvi_2002.tif"])))
        #expect(ndvi.inputs.climate == "ipcc_climate_zones.tif" && ndvi.options.trajectorySlope == .theilSen)
    }

    @Test func encodedThenReadIsTheSame() throws {
        var options = LandInputsFile.Options()
        options.climateZone = .borealDry; options.climateTable = "zones.csv"; options.denominator = .wholeAOI; options.socSpreadYears = 20
        options.trajectorySlope = .ordinaryLeastSquares; options.mannKendallAlpha = 0.05
        for productivity in [LandProductivitySource.lpd(["baseline": "a.tif", "report": "b.tif"]), .ndvi(.multiband(path: "ndvi.tif", firstYear: 2001)),
                             .ndvi(.files([2001: "n1.tif", 2002: "n2.tif"]))] {
            let file = LandInputsFile(inputs: LandInputs(landCover: [2000: "lc0.tif", 2015: "lc1.tif"], productivity: productivity, soc: "soc.tif",
                                                         climate: "clim.tif", soilType: "soil.tif"),
                                      periods: LandPeriod.unccd2026, options: options)
            #expect(try LandInputsFile.read(try file.jsonData(), file: "inputs.json") == file)
        }
        let text = String(decoding: try LandInputsFile(inputs: LandInputs(landCover: [2000: "a.tif"], productivity: .ndvi(.multiband(path: "n.tif", firstYear: 2001)), soc: "s.tif")).jsonData(), as: UTF8.self)
        #expect(text.contains(#""ndvi" : {"#) && text.contains(#""first_year" : 2001"#) && !text.contains("_0"))
    }

    @Test(arguments: [
        (#"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif", "soc_map": "x.tif"}"#,
         #"inputs.json: $ has the key "soc_map", which Synergia does not know; the keys allowed there are land_cover, productivity, soc, soc_stock, climate, soil_type, periods, options"#),
        (#"{"land_cover": {"2000": "a.tif"}, "productivity": {"ndvi": {"file": "n.tif", "first_year": "2001"}}, "soc": "s.tif"}"#,
         #"inputs.json: $.productivity.ndvi.first_year must be a year from 1900 to 2100 (no quotes), e.g. 2015"#),
        (#"{"land_cover": {"year2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif"}"#,
         #"inputs.json: $.land_cover has the key "year2000", which is not a year; write the year in quotes, e.g. "2015": "file.tif""#),
        (#"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif", "periods": [{"name": "baseline", "land_cover": [2000]}]}"#,
         #"inputs.json: $.periods[0].land_cover must be [start year, end year], e.g. [2015, 2019]"#),
        (#"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif", "options": {"climate_zone": "tropical"}}"#,
         #"inputs.json: $.options.climate_zone is "tropical"; write one of boreal_dry, boreal_moist, cool_temperate_dry, cool_temperate_moist, polar_dry, polar_moist, tropical_dry, tropical_moist, tropical_montane, tropical_wet, warm_temperate_dry, warm_temperate_moist"#),
        (#"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}}"#,
         #"inputs.json: $ needs "soc": "soc_2000.tif" (the reference SOC stock) or "soc_stock": {"2015": …, "2019": …} (SOC stock maps by year)"#),
        (#"{"landCover": {"2000": "a.tif"}, "productivity": {"ndvi": {"_0": {"multiband": {"path": "n.tif", "firstYear": 2001}}}}, "soc": "s.tif"}"#,
         #"inputs.json is in the form earlier Synergia versions wrote ("landCover", "_0"), which is no longer read: rename "landCover" to "land_cover" and "soilType" to "soil_type", and write productivity as {"ndvi": {"file": "ndvi.tif", "first_year": 2001}}, {"ndvi": {"files": {"2001": "ndvi_2001.tif", …}}} or {"lpd": {"baseline": "lpd.tif", …}} (docs/land-degradation.md, "inputs.json")"#),
    ])
    func refusalsNameThePathAndTheFix(json: String, message: String) {
        let error = #expect(throws: GeoError.self) { try LandInputsFile.read(Data(json.utf8), file: "inputs.json") }
        #expect(error?.description == message)
    }

    @Test func periodsGivenFreely() throws {
        #expect(try LandPeriod(spec: "baseline=2015:2019") == LandPeriod(name: "baseline", landCoverStart: 2015, landCoverEnd: 2019, productivityStart: 2015, productivityEnd: 2019))
        #expect(try LandPeriod(spec: "report=2015:2022:2008-2023") == LandPeriod(name: "report", landCoverStart: 2015, landCoverEnd: 2022, productivityStart: 2008, productivityEnd: 2023))
        #expect(throws: GeoError.invalidOption("period 'baseline=2015-2019': write NAME=START:END or NAME=START:END:PRODUCTIVITYSTART-PRODUCTIVITYEND, e.g. baseline=2015:2019")) {
            try LandPeriod(spec: "baseline=2015-2019")
        }
        var o = LandOptions(); o.periods = [try LandPeriod(spec: "baseline=2019:2015")]
        #expect(throws: GeoError.invalidOption("period baseline: land cover end 2015 is not after its start 2019; write START:END with the earlier year first")) { try o.validate() }
    }

    /// Copernicus land cover 2015/2019 as the only period: exact areas from the hand-computed stack.
    @Test func aPeriodOfTheCountrysOwnYears() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var inputs = stack.inputs
        inputs.landCover = [2015: stack.inputs.landCover[2000]!, 2019: stack.inputs.landCover[2015]!]
        // SOC stock maps at both years: -11 % (degraded), -9 % (stable) and +10 % (improved) among them.
        let soc2019: [Int16] = [89, 91, 55, 40, 40, 20, nd, 20, 50, 50, 50, 80]
        try RasterInt16Writer.write(path: folder.appendingPathComponent("soc_2019.tif").path, grid: tinyGrid, values: soc2019)
        inputs.soc = nil
        inputs.socStock = [2015: folder.appendingPathComponent("soc.tif").path, 2019: folder.appendingPathComponent("soc_2019.tif").path]
        var o = TinyStack.options; o.periods = [try LandPeriod(spec: "baseline=2015:2019")]
        let out = folder.appendingPathComponent("out")
        let r = try LandDegradationEngine(options: o).run(inputs: inputs, aoi: nil, output: out)
        // Pixel 6 is water, pixel 10 has no land cover at the start: SOC no data there.
        #expect(try readAll(out.appendingPathComponent("baseline_soc.tif").path) == [-1, 0, 1, 0, 0, 0, -32768, 0, 0, 0, -32768, 0])
        #expect(r.periods[0].soc.km2(-1) == 0.01 && r.periods[0].soc.km2(1) == 0.01 && abs(r.periods[0].soc.km2(0) - 0.08) < 1e-12)
        #expect(r.so1.climateFactor == "SOC stock maps by year (2015 soc.tif, 2019 soc_2019.tif); no land-use factor applied")
        // Each transition here holds one pixel of 1 ha: the stocks and their percent change are the maps' own.
        let byTransition = Dictionary(uniqueKeysWithValues: r.periods[0].socByTransition.map { ($0.transition, $0) })
        #expect(byTransition[11]?.initialStockT == 100 && byTransition[11]?.finalStockT == 89 && byTransition[11]?.changePercent == -11)
        #expect(byTransition[13]?.initialStockT == 100 && byTransition[13]?.finalStockT == 91 && byTransition[13]?.changePercent == -9)
        #expect(byTransition[21]?.initialStockT == 50 && byTransition[21]?.finalStockT == 55 && byTransition[21]?.changePercent == 10)
        #expect(r.periods[0].period.productivityStart == 2015)
        inputs.socStock[2019] = nil
        let error = #expect(throws: GeoError.self) { _ = try LandDegradationEngine(options: o).run(inputs: inputs, aoi: nil, output: folder.appendingPathComponent("o2")) }
        #expect(error?.description == "missing input: SOC stock for 2019; SOC stocks were given for 2015: with SOC stocks by year, give one for every land-cover year a period starts or ends with")
        var missingYear = o; missingYear.periods = [try LandPeriod(spec: "baseline=2015:2020")]
        let lc = #expect(throws: GeoError.self) { _ = try LandDegradationEngine(options: missingYear).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("o3")) }
        #expect(lc?.description == "missing input: land cover for 2020 (period baseline); land cover was given for 2000, 2015: give a raster for every year a period names, or change the period")
    }

    @Test func lpdValuesOutsideTheClassesAreRefused() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var lpd = TinyStack.lpd; lpd[0] = 6; lpd[1] = 6; lpd[2] = 200; lpd[3] = 0; lpd[4] = 15; lpd[5] = nd
        try RasterInt16Writer.write(path: folder.appendingPathComponent("lpd.tif").path, grid: tinyGrid, values: lpd)
        let error = #expect(throws: GeoError.self) { _ = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("out")) }
        #expect(error?.description == "LPD baseline raster lpd.tif has values that are not LPD classes: 6: 2 pixels, 200: 1 pixel; an LPD raster holds 1 declining, 2 moderate decline, 3 stressed, 4 stable, 5 increasing, and no data as -32768, 0 or its declared no-data value. Give the 5-class LPD layer (for Trends.Earth, the band \"Land Productivity Dynamics (from JRC)\", \"(from FAO-WOCAT)\" or \"(from Trends.Earth)\"), or set the file's no-data value to the code it uses for no data")
        #expect(!entries(folder).contains("out"))
    }

    /// A climate raster warped onto the land-cover grid is named by the user's file, never the warped one.
    @Test func summariesNameTheUsersFileNotTheAlignedOne() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        let fine = RasterGrid(width: 8, height: 6, geoTransform: [4_000_000, 50, 0, 3_000_000, 0, -50], crsWKT: tinyGrid.crsWKT)
        try RasterInt16Writer.write(path: folder.appendingPathComponent("zones_fine.tif").path, grid: fine, values: [Int16](repeating: 11, count: 48))
        var inputs = stack.inputs; inputs.climate = folder.appendingPathComponent("zones_fine.tif").path
        var o = TinyStack.options; o.align = true
        let out = folder.appendingPathComponent("out")
        let r = try LandDegradationEngine(options: o).run(inputs: inputs, aoi: nil, output: out)
        #expect(r.so1.climateFactor.hasPrefix("climate raster zones_fine.tif read as ipcc12"))
        let summary = String(decoding: try Data(contentsOf: out.appendingPathComponent("summary.json")), as: UTF8.self)
        #expect(summary.contains("zones_fine.tif") && !summary.contains("aligned") && !summary.contains(".vrt"))
    }
}
