import Foundation
import SynergiaTestSupport
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// trends-earth-summary.json of a baseline and a reporting period, checked against the JSON
/// Schema derived from te_schemas (Tests/Fixtures/trends-earth-summary.schema.json) by
/// scripts/check-trends-earth-summary.py, and its figures against the engine's own tables.
@Suite struct LandTrendsEarthSchemaTests {
    typealias Object = [String: Any]
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// TinyStack's baseline, then 2015 -> 2019: Tree -> Cropland on pixel 0, Grassland -> Tree on pixel 8,
    /// all productivity stable but pixel 9 increasing.
    static let lc2019: [Int16] = [3, 3, 1, 3, 5, 5, 7, 6, 1, 2, 2, 4]
    static let lpd2019: [Int16] = [4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 4, 4]

    struct Run { let folder: URL; let out: URL; let result: LandResult; let root: Object }

    static func run(legend: LandLegend = .unccd) throws -> Run {
        let folder = try landTempFolder()
        let stack = try TinyStack(folder: folder)
        func path(_ n: String) -> String { folder.appendingPathComponent(n).path }
        try RasterInt16Writer.write(path: path("lc2019.tif"), grid: tinyGrid, values: lc2019)
        try RasterInt16Writer.write(path: path("lpd2019.tif"), grid: tinyGrid, values: lpd2019)
        var inputs = stack.inputs
        inputs.landCover[2019] = path("lc2019.tif")
        inputs.productivity = .lpd(["baseline": path("lpd.tif"), "report_2019": path("lpd2019.tif")])
        var options = TinyStack.options
        options.periods.append(LandPeriod(name: "report_2019", landCoverStart: 2015, landCoverEnd: 2019, productivityStart: 2004, productivityEnd: 2019))
        options.legend = legend
        let out = folder.appendingPathComponent("out")
        let result = try LandDegradationEngine(options: options).run(inputs: inputs, aoi: nil, output: out)
        let data = try Data(contentsOf: out.appendingPathComponent("trends-earth-summary.json"))
        return Run(folder: folder, out: out, result: result, root: try JSONSerialization.jsonObject(with: data) as! Object)
    }

    /// Runs the checker; its last line and exit status.
    static func check(_ file: URL) throws -> (status: Int32, output: String) {
        try Python.run([repository.appendingPathComponent("scripts/check-trends-earth-summary.py").path,
                        repository.appendingPathComponent("Tests/Fixtures/trends-earth-summary.schema.json").path, file.path])
    }

    static func areas(_ list: Any?) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: ((list as! Object)["areas"] as! [Object]).map { ($0["name"] as! String, ($0["area"] as! NSNumber).doubleValue) })
    }

    static func cells(_ tab: Any?) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: ((tab as! Object)["values"] as! [Object]).map {
            ("\($0["initial_label"] as! String) -> \($0["final_label"] as! String)", ($0["value"] as! NSNumber).doubleValue)
        })
    }

    static func close(_ a: [String: Double], _ b: [String: Double]) -> Bool {
        a.keys.sorted() == b.keys.sorted() && a.allSatisfy { abs($0.value - b[$0.key]!) < 1e-9 }
    }

    @Test func summaryValidatesAgainstTheTrendsEarthSchemaWithEveryKey() throws {
        let run = try Self.run()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let (status, output) = try Self.check(run.out.appendingPathComponent("trends-earth-summary.json"))
        #expect(status == 0, "\(output)")
        // The schema declares 210 key paths outside error_recode and affected_population (which
        // Synergia leaves null and empty); sdg_error_recode is null too, so its 5 are not visited.
        #expect(output.hasSuffix("0 schema errors, 205 key paths, 0 missing\n"), "\(output)")
        let text = String(decoding: try Data(contentsOf: run.out.appendingPathComponent("trends-earth-summary.json")), as: UTF8.self)
        let order = ["\"metadata\"", "\"title\"", "\"date\"", "\"trends_earth_version\"", "\"area_of_interest\"", "\"affected_areas_only\"",
                     "\"land_condition\"", "\"baseline\"", "\"period_assessment\"", "\"sdg\"", "\"productivity\"", "\"land_cover\"",
                     "\"soil_organic_carbon\"", "\"error_recode\"", "\"sdg_error_recode\"", "\"status_assessment\"", "\"change_assessment\"",
                     "\"report_2019\"", "\"affected_population\""].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted(), "keys in Trends.Earth's order")
    }

    @Test func aNationalLegendValidatesToo() throws {
        let legend = try LandLegend(nesting: [10: 1, 20: 2, 21: 2, 30: 3, 40: 4, 50: 5, 60: 6, 70: 7],
                                    names: [10: "Forest", 20: "Savanna", 21: "Grassland and shrubland of the highlands", 30: "Cropland"])
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let national: [Int16] = TinyStack.lc2000.map { $0 == nd ? nd : $0 * 10 }
        let stack = try TinyStack(folder: folder, lc2015: TinyStack.lc2015.map { $0 * 10 }, lc2000: national)
        var options = TinyStack.options
        options.legend = legend
        let out = folder.appendingPathComponent("out")
        _ = try LandDegradationEngine(options: options).run(inputs: stack.inputs, aoi: nil, output: out)
        let (status, output) = try Self.check(out.appendingPathComponent("trends-earth-summary.json"))
        #expect(status == 0, "\(output)")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("trends-earth-summary.json"))) as! Object
        let landCover = ((root["land_condition"] as! Object)["baseline"] as! Object)["period_assessment"] as! Object
        let nesting = ((landCover["land_cover"] as! Object)["legend_nesting"] as! Object)
        #expect(nesting["nesting"] as? [String: [Int]] == ["-32768": [-32768], "1": [10], "2": [20, 21], "3": [30], "4": [40], "5": [50], "6": [60], "7": [70]])
        let child = (nesting["child"] as! Object)["key"] as! [Object]
        #expect(child.map { $0["name_short"] as? String } == ["Forest", "Savanna", "Grassland and shrubl", "Cropland", "Class 40", "Class 50", "Class 60", "Class 70"])
        #expect(child[2]["name_long"] as? String == "Grassland and shrubland of the highlands")
    }

    /// The summary keys the first period `baseline`, so a later period may not carry that name.
    @Test func aLaterPeriodNamedBaselineIsRefused() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var options = TinyStack.options
        options.periods = [LandPeriod(name: "first", landCoverStart: 2000, landCoverEnd: 2015, productivityStart: 2001, productivityEnd: 2015),
                           LandPeriod(name: "baseline", landCoverStart: 2000, landCoverEnd: 2015, productivityStart: 2001, productivityEnd: 2015)]
        let out = folder.appendingPathComponent("out")
        #expect(throws: GeoError.invalidOption("only the first period can be named baseline (the periods after it are reporting periods); rename the later one")) {
            try LandDegradationEngine(options: options).run(inputs: stack.inputs, aoi: nil, output: out)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(entries(folder).allSatisfy { !$0.hasPrefix(".out.partial") })
    }

    @Test func anExtraOrMisspeltOrMissingKeyFailsTheCheck() throws {
        let run = try Self.run()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        var root = run.root
        var conditions = root["land_condition"] as! Object
        var baseline = conditions["baseline"] as! Object
        var period = baseline["period_assessment"] as! Object
        period["sdg_summary"] = period.removeValue(forKey: "sdg")
        period.removeValue(forKey: "error_recode")
        baseline["period_assessment"] = period
        conditions["baseline"] = baseline
        root["land_condition"] = conditions
        let file = run.folder.appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: root).write(to: file)
        let (status, output) = try Self.check(file)
        #expect(status == 1)
        #expect(output.contains("land_condition/baseline/period_assessment: 'sdg' is a required property"), "\(output)")
        #expect(output.contains("Additional properties are not allowed ('sdg_summary' was unexpected)"), "\(output)")
        #expect(output.contains("/land_condition/*/period_assessment/error_recode: missing"), "\(output)")
    }

    @Test func periodsStatusAndChangeCarryTheEngineFigures() throws {
        let run = try Self.run()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let conditions = run.root["land_condition"] as! Object
        #expect(Set(conditions.keys) == ["baseline", "report_2019"])
        let baseline = conditions["baseline"] as! Object
        #expect(baseline["status_assessment"] is NSNull && baseline["change_assessment"] is NSNull)
        let base = baseline["period_assessment"] as! Object
        #expect(base["error_recode"] is NSNull && base["sdg_error_recode"] is NSNull)
        let sdg = Self.areas((base["sdg"] as! Object)["summary"])
        #expect(sdg["Degraded"] == run.result.periods[0].degradedKm2)
        #expect(Self.close(sdg, ["Improved": 0.02, "Stable": 0.05, "Degraded": 0.03, "No data": 0.02]))

        let report = conditions["report_2019"] as! Object
        let status = report["status_assessment"] as! Object
        // The indicator's status from the cross table equals the engine's status layer totals.
        let collapsed = run.result.periods[1].statusCollapsed!
        #expect(Self.close(Self.areas(status["sdg"]), ["Improved": collapsed.km2(1), "Stable": collapsed.km2(0),
                                                      "Degraded": collapsed.km2(-1), "No data": collapsed.km2(nil)]))
        // Land cover: pixel 0 stable then degraded, 1 and 4 degraded then stable, 2 improved then stable,
        // 8 stable then improved, 10 no data in 2000.
        #expect(Self.close(Self.areas(status["land_cover"]), ["Improved": 0.02, "Stable": 0.06, "Degraded": 0.03, "No data": 0.01]))
        #expect(Self.close(Self.areas((status["productivity"] as! Object)["all_cover_types"]),
                           ["Improved": 0.02, "Stable": 0.09, "Degraded": 0.01, "No data": 0]))
        let change = report["change_assessment"] as! Object
        let lc = Self.cells(change["land_cover"])
        #expect(lc.count == 16)
        #expect(abs(lc["Stable -> Degraded"]! - 0.01) < 1e-9 && abs(lc["Degraded -> Stable"]! - 0.02) < 1e-9
                && abs(lc["Improved -> Stable"]! - 0.01) < 1e-9 && abs(lc["Stable -> Stable"]! - 0.06) < 1e-9
                && abs(lc["Stable -> Improved"]! - 0.01) < 1e-9 && abs(lc["No data -> Stable"]! - 0.01) < 1e-9)
        #expect(abs(lc.values.reduce(0, +) - 0.12) < 1e-9)
        // Rows of the indicator's cross table are the baseline's areas, columns the period's.
        let table = Self.cells(change["sdg"]), now = Self.areas(((report["period_assessment"] as! Object)["sdg"] as! Object)["summary"])
        for label in ["Improved", "Stable", "Degraded", "No data"] {
            let row = ["Improved", "Stable", "Degraded", "No data"].reduce(0) { $0 + table["\(label) -> \($1)"]! }
            let column = ["Improved", "Stable", "Degraded", "No data"].reduce(0) { $0 + table["\($1) -> \(label)"]! }
            #expect(abs(row - sdg[label]!) < 1e-9 && abs(column - now[label]!) < 1e-9, "\(label)")
        }
        let years = ((((report["period_assessment"] as! Object)["land_cover"] as! Object)["land_cover_areas_by_year"] as! Object)["values"] as! [String: [String: Double]])
        #expect(Set(years.keys) == ["2015", "2019"])
        #expect(abs(years["2019"]!["Cropland"]! - 0.03) < 1e-9 && abs(years["2019"]!["Tree-covered"]! - 0.02) < 1e-9 && years["2019"]!["No data"] == 0)
    }
}
