import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// prais_summary.json on the hand-computed stack of LandEngineTests: the keys and order of the
/// Trends.Earth PRAIS file, the land area per baseline year, the degradation processes of the
/// default matrix, and a round trip of its figures.
@Suite struct LandPRAISSummaryTests {
    typealias Object = [String: Any]

    func run() throws -> (URL, Data) {
        let folder = try landTempFolder()
        let stack = try TinyStack(folder: folder)
        let out = folder.appendingPathComponent("out")
        _ = try LandDegradationEngine(options: TinyStack.options).run(inputs: stack.inputs, aoi: nil, output: out)
        return (folder, try Data(contentsOf: out.appendingPathComponent("prais_summary.json")))
    }

    @Test func keysInTheOrderTrendsEarthWritesThem() throws {
        let (folder, data) = try run()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["\"id\"", "\"task_name\"", "\"task_notes\"", "\"country_profile\"", "\"land_cover_legend\"",
                    "\"land_cover_transition_matrix\"", "\"key_degradation_processes\""]
        let positions = keys.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let root = try JSONSerialization.jsonObject(with: data) as! Object
        #expect(Set(root.keys) == ["id", "task_name", "task_notes", "country_profile", "land_cover_legend",
                                   "land_cover_transition_matrix", "key_degradation_processes"])
        #expect(UUID(uuidString: root["id"] as! String) != nil)
        #expect(root["task_notes"] as? String == "SDG 15.3.1 by Synergia land engine 1, periods: baseline")
    }

    @Test func landAreaPerBaselineYearAndProcesses() throws {
        let (folder, data) = try run()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try JSONSerialization.jsonObject(with: data) as! Object
        let land = (root["country_profile"] as! Object)["land_area"] as! [Object]
        // 12 pixels of 0.01 km²; pixel 6 is water in both years; pixel 10 (no data in 2000) counts as land, as in Trends.Earth.
        #expect(land.map { $0["year"] as! Int } == [2000, 2015])
        for row in land {
            #expect(abs((row["total_land_area_km2"] as! Double) - 0.11) < 1e-9)
            #expect(abs((row["water_bodies_km2"] as! Double) - 0.01) < 1e-9)
            #expect(abs((row["total_country_area_km2"] as! Double) - 0.12) < 1e-9)
        }
        let processes = (root["key_degradation_processes"] as! [Object]).map {
            "\($0["starting_land_cover"] as! String) -> \($0["ending_land_cover"] as! String): \($0["degradation_process"] as! String)"
        }
        #expect(processes == [
            "Tree-covered -> Grassland: Deforestation", "Tree-covered -> Cropland: Deforestation", "Tree-covered -> Wetland: Other",
            "Tree-covered -> Artificial: Urban Expansion", "Tree-covered -> Bare land: Deforestation",
            "Grassland -> Wetland: Other", "Grassland -> Artificial: Urban Expansion", "Grassland -> Bare land: Vegetation Loss",
            "Cropland -> Grassland: Other", "Cropland -> Wetland: Other", "Cropland -> Artificial: Urban Expansion",
            "Cropland -> Bare land: Vegetation Loss",
            "Wetland -> Tree-covered: Wetland Drainage", "Wetland -> Grassland: Wetland Drainage", "Wetland -> Cropland: Wetland Drainage",
            "Wetland -> Artificial: Urban Expansion", "Wetland -> Bare land: Vegetation Loss",
            "Bare land -> Artificial: Urban Expansion",
        ])
        let legend = root["land_cover_legend"] as! Object
        #expect(legend["name"] as? String == "UNCCD Land Cover")
        #expect(((legend["key"] as! [Object]).map { $0["color"] as! String }) == ["#787F1B", "#FFAC42", "#FFFB6E", "#00DB84", "#E60017", "#FFF3D7", "#0053C4"])
        let matrix = root["land_cover_transition_matrix"] as! Object
        #expect(matrix["name"] as? String == "UNCCD default land cover degradation transition matrix")
        #expect((matrix["transitions"] as! [Object]).count == 49)
    }

    /// Read back, the land area of each year is the summary's land cover of that year, split into water and the rest.
    @Test func roundTripAgainstTheSummary() throws {
        let (folder, data) = try run()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try JSONSerialization.jsonObject(with: data) as! Object
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/trends-earth-summary.json"))) as! Object
        let lc = ((((summary["land_condition"] as! Object)["baseline"] as! Object)["period_assessment"] as! Object)["land_cover"] as! Object)
        let byYear = (lc["land_cover_areas_by_year"] as! Object)["values"] as! [String: [String: Double]]
        for row in (root["country_profile"] as! Object)["land_area"] as! [Object] {
            let year = byYear[String(row["year"] as! Int)]!
            #expect(abs((row["water_bodies_km2"] as! Double) - year["Water body"]!) < 1e-12)
            #expect(abs((row["total_country_area_km2"] as! Double) - year.values.reduce(0, +)) < 1e-12)
        }
        #expect(NSDictionary(dictionary: root["land_cover_legend"] as! Object)
                    .isEqual(to: (lc["transition_matrix"] as! Object)["legend"] as! Object))
        #expect(NSDictionary(dictionary: root["land_cover_transition_matrix"] as! Object)
                    .isEqual(to: (lc["transition_matrix"] as! Object)["definitions"] as! Object))
    }
}
