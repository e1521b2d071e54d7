import Foundation
import Testing
import SynergiaTestSupport

/// `synergia land run`: inputs.json or flags, periods given freely, the national climate zone,
/// exit status 0 with the warnings under the table, non-zero with a message naming what to fix.
@Suite struct LandCLITests {
    let cli = CLITests()

    @Test func runsFromInputsJSONAndFromFlagsAndRefusesWhatIsWrong() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("land-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = folder.appendingPathComponent("stack").path
        try await TestDatabase.withDatabaseURL(.sqlite) { db in
            let demo = try cli.run(["demo-data", "land", "--size", "32x32", "--out", stack], database: db)
            #expect(demo.status == 0, "\(demo.stderr)")
            // inputs.json names the national zone: no warning.
            let fromFile = try cli.run(["land", "run", "--inputs", "\(stack)/inputs.json", "--aoi", "\(stack)/aoi.geojson", "--out", folder.appendingPathComponent("a").path, "--json"], database: db)
            #expect(fromFile.status == 0, "\(fromFile.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as? [String: Any])
            #expect(json["warnings"] as? [String] == [])
            #expect((json["climateFactor"] as? String) == "national climate zone Tropical Moist (tropical_moist, f = 0.48)")
            // Flags, one period of the country's own years, no zone: the default is assumed and said.
            let flags = ["land", "run", "--land-cover", "2015=\(stack)/land_cover_2015.tif", "--land-cover", "2019=\(stack)/land_cover_2019.tif",
                         "--ndvi", "\(stack)/ndvi_2001_2023.tif", "--ndvi-first-year", "2001", "--soc", "\(stack)/soc_2000.tif", "--aoi", "\(stack)/aoi.geojson"]
            let own = try cli.run(flags + ["--period", "baseline=2015:2019:2005-2019", "--out", folder.appendingPathComponent("b").path], database: db)
            #expect(own.status == 0, "\(own.stderr)")
            #expect(own.stdout.contains("baseline") && !own.stdout.contains("report_2019"), "\(own.stdout)")
            #expect(own.stdout.contains("Warning: no climate zone was given: the SOC land-use factor of Warm Temperate Moist (f = 0.69) was assumed for the whole area"), "\(own.stdout)")
            let zone = try cli.run(flags + ["--period", "baseline=2015:2019:2005-2019", "--climate-zone", "tropical_dry", "--out", folder.appendingPathComponent("c").path], database: db)
            #expect(zone.status == 0 && !zone.stdout.contains("Warning"), "\(zone.stdout)\(zone.stderr)")

            let badZone = try cli.run(flags + ["--climate-zone", "tropical", "--out", folder.appendingPathComponent("d").path], database: db)
            #expect(badZone.status != 0 && badZone.stderr.contains("climate zone 'tropical' is not an IPCC climate zone; write one of warm_temperate_moist, warm_temperate_dry"), "\(badZone.stderr)")
            let backwards = try cli.run(flags + ["--period", "baseline=2019:2015", "--out", folder.appendingPathComponent("e").path], database: db)
            #expect(backwards.status != 0 && backwards.stderr.contains("period baseline: land cover end 2015 is not after its start 2019; write START:END with the earlier year first"), "\(backwards.stderr)")
            let noRaster = try cli.run(flags + ["--period", "baseline=2015:2022", "--out", folder.appendingPathComponent("f").path], database: db)
            #expect(noRaster.status != 0 && noRaster.stderr.contains("land cover for 2022 (period baseline); land cover was given for 2015, 2019"), "\(noRaster.stderr)")
            let gap = try cli.run(flags + ["--period", "baseline=2015:2019:1995-2019", "--out", folder.appendingPathComponent("g").path], database: db)
            #expect(gap.status != 0 && gap.stderr.contains("NDVI for 1995, 1996, 1997, 1998, 1999, 2000 (period baseline, productivity 1995-2019); NDVI was given for 2001-2023 (23 years)"), "\(gap.stderr)")
            // The default periods need land cover 2000 and 2022, which these flags do not give.
            let defaults = try cli.run(flags + ["--out", folder.appendingPathComponent("h").path], database: db)
            #expect(defaults.status != 0 && defaults.stderr.contains("land cover for 2000 (period baseline)"), "\(defaults.stderr)")
            // An inputs.json with a key Synergia does not know.
            let typo = folder.appendingPathComponent("typo.json")
            try Data(#"{"land_cover": {"2015": "land_cover_2015.tif"}, "productivity": {"lpd": {"baseline": "lpd.tif"}}, "soc": "soc_2000.tif", "period": []}"#.utf8).write(to: typo)
            let refused = try cli.run(["land", "run", "--inputs", typo.path, "--out", folder.appendingPathComponent("i").path], database: db)
            #expect(refused.status != 0 && refused.stderr.contains(#"typo.json: $ has the key "period", which Synergia does not know; the keys allowed there are land_cover, productivity, soc, soc_stock, climate, soil_type, periods, options"#), "\(refused.stderr)")
            #expect(!refused.stderr.contains(folder.path))
            for out in ["d", "e", "f", "g", "h", "i"] { #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(out).path)) }
        }
    }
}
