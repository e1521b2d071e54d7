import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// trends-earth-summary.json on the hand-computed stack of LandEngineTests:
/// the field names of the Trends.Earth reporting schema, and the same figures.
@Suite struct LandTrendsEarthSummaryTests {
    typealias Object = [String: Any]

    func summary(aoi: Bool) throws -> (Object, URL) {
        let folder = try landTempFolder()
        let stack = try TinyStack(folder: folder)
        var aoiPath: String? = nil
        if aoi {
            let url = folder.appendingPathComponent("aoi.geojson")
            try Data("""
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3035"}},
             "features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":
             [[[3999990,3000010],[4000240,3000010],[4000240,2999690],[3999990,2999690],[3999990,3000010]]]}}]}
            """.utf8).write(to: url)
            aoiPath = url.path
        }
        let out = folder.appendingPathComponent("out")
        _ = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: aoiPath, output: out)
        let data = try Data(contentsOf: out.appendingPathComponent("trends-earth-summary.json"))
        return (try JSONSerialization.jsonObject(with: data) as! Object, folder)
    }

    func areas(_ list: Any?) -> [String: Double] {
        let l = list as! Object
        #expect(l["unit"] as? String == "sq km")
        return Dictionary(uniqueKeysWithValues: (l["areas"] as! [Object]).map { ($0["name"] as! String, ($0["area"] as! NSNumber).doubleValue) })
    }

    func cell(_ tab: Object, _ from: String, _ to: String) -> Double {
        let entry = (tab["values"] as! [Object]).first { $0["initial_label"] as? String == from && $0["final_label"] as? String == to }
        return (entry?["value"] as? NSNumber)?.doubleValue ?? -1
    }

    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test func figuresInTheSchemaShape() throws {
        let (root, folder) = try summary(aoi: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Set(root.keys) == ["metadata", "land_condition", "affected_population"])
        let meta = root["metadata"] as! Object
        #expect(Set(meta.keys) == ["title", "date", "trends_earth_version", "area_of_interest", "affected_areas_only"])
        let date = meta["date"] as! String
        #expect(date.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$"#, options: .regularExpression) != nil, "\(date)")
        let conditions = root["land_condition"] as! Object
        #expect(Array(conditions.keys) == ["baseline"])
        let period = (conditions["baseline"] as! Object)["period_assessment"] as! Object
        #expect(Set(period.keys) == ["sdg", "productivity", "land_cover", "soil_organic_carbon", "error_recode", "sdg_error_recode"])

        let sdg = areas((period["sdg"] as! Object)["summary"])
        #expect(close(sdg["Improved"], 0.02) && close(sdg["Stable"], 0.05) && close(sdg["Degraded"], 0.03) && close(sdg["No data"], 0.02))

        let productivity = period["productivity"] as! Object
        let prod = areas((productivity["summaries"] as! Object)["all_cover_types"])
        #expect(close(prod["Degraded"], 0.01) && close(prod["Improved"], 0.01) && close(prod["Stable"], 0.10))
        let tabs = productivity["crosstabs_by_productivity_class"] as! [Object]
        #expect(tabs.map { $0["name"] as! String } == ["Increasing", "Stable", "Stressed", "Moderate decline", "Declining", "No data"])
        #expect(tabs.allSatisfy { ($0["values"] as! [Object]).count == 49 && $0["initial_year"] as? Int == 2001 && $0["final_year"] as? Int == 2015 })
        #expect(close(cell(tabs[0], "Grassland", "Grassland"), 0.01) && close(cell(tabs[2], "Grassland", "Grassland"), 0.01))
        #expect(close(cell(tabs[4], "Cropland", "Cropland"), 0.01))

        let landCover = period["land_cover"] as! Object
        let lc = areas(landCover["summary"])
        #expect(close(lc["Degraded"], 0.02) && close(lc["Improved"], 0.01) && close(lc["Stable"], 0.08) && close(lc["No data"], 0.01))
        let transitions = (landCover["crosstabs_by_land_cover_class"] as! [Object])[0]
        #expect((transitions["values"] as! [Object]).count == 49)
        #expect(close(cell(transitions, "Tree-covered", "Cropland"), 0.01) && close(cell(transitions, "Grassland", "Grassland"), 0.02))
        // Each transition's area is the sum of its productivity classes.
        for entry in transitions["values"] as! [Object] {
            let from = entry["initial_label"] as! String, to = entry["final_label"] as! String
            #expect(close(tabs.reduce(0) { $0 + cell($1, from, to) }, (entry["value"] as! NSNumber).doubleValue), "\(from) -> \(to)")
        }
        let byYear = (landCover["land_cover_areas_by_year"] as! Object)["values"] as! [String: [String: Double]]
        #expect(close(byYear["2000"]?["Tree-covered"], 0.02) && close(byYear["2015"]?["Cropland"], 0.02) && close(byYear["2015"]?["Artificial"], 0.02))

        let matrix = landCover["transition_matrix"] as! Object
        let meanings = ((matrix["definitions"] as! Object)["transitions"] as! [Object]).map {
            ((($0["initial"] as! Object)["code"] as! Int), (($0["final"] as! Object)["code"] as! Int), $0["meaning"] as! String)
        }
        #expect(meanings.count == 49)
        for (a, b, meaning) in meanings {
            let expected = ["degradation", "stable", "improvement"][Int(LandTransitionMatrix.unccdDefault.value(from: a, to: b)) + 1]
            #expect(meaning == expected, "\(a) -> \(b)")
        }
        let nesting = (landCover["legend_nesting"] as! Object)["nesting"] as! [String: [Int]]
        #expect(nesting == ["-32768": [-32768], "1": [1], "2": [2], "3": [3], "4": [4], "5": [5], "6": [6], "7": [7]])

        let soc = period["soil_organic_carbon"] as! Object
        let socAreas = areas((soc["summaries"] as! Object)["all_cover_types"])
        #expect(close(socAreas["Degraded"], 0.02) && close(socAreas["Stable"], 0.08) && close(socAreas["No data"], 0.02))
        let stocks = (soc["soc_stock_by_year"] as! Object)["values"] as! [String: [String: Double]]
        // 1 ha pixels: Tree in 2000 = 100 + 100 t; Cropland in 2015 = 76.75 (from Tree) + 40 t.
        #expect(close(stocks["2000"]?["Tree-covered"], 200) && close(stocks["2015"]?["Cropland"], 116.75))
    }

    /// Pixel 10 has no land cover in 2000 and is Grassland in 2015: it counts in 2015's SO1-1
    /// areas (summary.json) and Trends.Earth's areas by year, and as No data in 2000.
    @Test func landCoverOfAYearCountsEveryPixelOfThatYear() throws {
        let (root, folder) = try summary(aoi: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let so1 = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/summary.json"))) as! Object
        let years = (so1["so1_1LandCover"] as! [Object]).map { ($0["year"] as! Int, $0["km2ByClass"] as! [String: Double]) }
        #expect(years.map(\.0) == [2000, 2015])
        #expect(close(years[0].1["Grassland"], 0.03) && close(years[1].1["Grassland"], 0.03) && years[0].1["No data"] == nil)
        #expect(close(years[0].1.values.reduce(0, +), 0.11) && close(years[1].1.values.reduce(0, +), 0.12))
        let period = ((root["land_condition"] as! Object)["baseline"] as! Object)["period_assessment"] as! Object
        let byYear = ((period["land_cover"] as! Object)["land_cover_areas_by_year"] as! Object)["values"] as! [String: [String: Double]]
        #expect(close(byYear["2000"]?["No data"], 0.01) && byYear["2015"]?["No data"] == 0 && close(byYear["2015"]?["Grassland"], 0.03))
    }

    @Test func areaOfInterestIsCarriedAsGeoJSON() throws {
        let (root, folder) = try summary(aoi: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, output) = try LandTrendsEarthSchemaTests.check(folder.appendingPathComponent("out/trends-earth-summary.json"))
        #expect(status == 0, "\(output)")
        let aoi = (root["metadata"] as! Object)["area_of_interest"] as! Object
        #expect(aoi["name"] as? String == "aoi")
        let features = (aoi["geojson"] as! Object)["features"] as! [Object]
        #expect(features.count == 1)
        #expect((features[0]["geometry"] as! Object)["type"] as? String == "Polygon")
        #expect((aoi["crs_wkt"] as! String).contains("3035"))
        let period = ((root["land_condition"] as! Object)["baseline"] as! Object)["period_assessment"] as! Object
        let sdg = areas((period["sdg"] as! Object)["summary"])
        #expect(close(sdg["Degraded"], 0.02) && close(sdg["Stable"], 0.03) && close(sdg["Improved"], 0.01))
    }
}
