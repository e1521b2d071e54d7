import Foundation
import Testing
import SynergiaTestSupport

/// The coverage command phrases the pipeline's refusals with its own flags.
@Suite struct CoverageCLITests {
    let cli = CLITests()

    @Test func optionRefusalsNameTheFlag() async throws {
        try await TestDatabase.withDatabaseURL(.sqlite) { db in
            let base = ["coverage", "run", "--wdpa", "missing.gpkg", "--land", "missing.gpkg", "--eez", "missing.gpkg", "--country", "KEN"]
            let area = try cli.run(base + ["--area", "mercator"], database: db)
            #expect(area.status != 0 && area.stderr.contains("--area must be equal-area or geodesic, not 'mercator'"), "\(area.stderr)")
            let kba = try cli.run(base + ["--kba-layer", "sites"], database: db)
            #expect(kba.status != 0 && kba.stderr.contains("--kba-layer goes with --kba FILE"), "\(kba.stderr)")
            let year = try cli.run(base + ["--year", "20245"], database: db)
            #expect(year.status != 0 && year.stderr.contains("--year must be a whole number from 1900 to 2100, not '20245'"), "\(year.stderr)")
        }
    }

    @Test func aKBAFileWithoutAKnownIDFieldAsksForKBAIDField() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kba-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let kba = folder.appendingPathComponent("kba.geojson")
        try """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "K1", "label": "Ridge"},
         "geometry": {"type": "Polygon", "coordinates": [[[10, 40], [11, 40], [11, 41], [10, 41], [10, 40]]]}}]}
        """.write(to: kba, atomically: true, encoding: .utf8)
        try await TestDatabase.withDatabaseURL(.sqlite) { db in
            // The KBA file is read first, so the missing WDPA file is never reached.
            let run = try cli.run(["coverage", "run", "--wdpa", "missing.gpkg", "--land", "missing.gpkg", "--eez", "missing.gpkg", "--country", "KEN",
                                   "--kba", kba.path], database: db)
            #expect(run.status != 0)
            #expect(run.stderr.contains("KBA file kba.geojson, layer kba: no KBA id field") && run.stderr.contains("fields found: code, label"), "\(run.stderr)")
            #expect(run.stderr.contains("name the KBA id field with --kba-id-field") && !run.stderr.contains(folder.path), "\(run.stderr)")
        }
    }

    /// A GeoJSON layer of 2° boxes at the equator with one text field.
    static func layer(_ field: String, _ boxes: [(String, Double, Double)]) -> String {
        let features = boxes.map { code, x, y in
            #"{"type": "Feature", "properties": {"\#(field)": "\#(code)"}, "geometry": {"type": "Polygon", "coordinates": [[[\#(x), \#(y)], [\#(x + 2), \#(y)], [\#(x + 2), \#(y + 2)], [\#(x), \#(y + 2)], [\#(x), \#(y)]]]}}"#
        }
        return #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ", "))]}"#
    }

    /// Exit codes and messages of land-only runs and of an EEZ layer without the country.
    @Test func anEEZWithoutTheCountryExitsNonZeroAndALandOnlyRunPrintsNoMarineRow() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let land = folder.appendingPathComponent("ne_10m_admin_0_countries.geojson"), eez = folder.appendingPathComponent("eez_v12.geojson")
        let wdpa = folder.appendingPathComponent("wdpa.geojson")
        try Self.layer("ISO_A3", [("KEN", 30, 0), ("UGA", 28, 0)]).write(to: land, atomically: true, encoding: .utf8)
        try Self.layer("ISO_TER1", [("KEN", 32, 0), ("TZA", 32, -2)]).write(to: eez, atomically: true, encoding: .utf8)
        try #"""
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"WDPAID": 3, "WDPA_PID": "3", "PA_DEF": "1", "NAME": "Site 3",
         "DESIG_ENG": "National Park", "IUCN_CAT": "II", "MARINE": "0", "STATUS": "Designated", "STATUS_YR": 2000, "GOV_TYPE": "Federal or national ministry or agency",
         "ISO3": "UGA", "PARENT_ISO3": "UGA"}, "geometry": {"type": "Polygon", "coordinates": [[[28, 0], [28.5, 0], [28.5, 2], [28, 2], [28, 0]]]}}]}
        """#.write(to: wdpa, atomically: true, encoding: .utf8)
        try await TestDatabase.withDatabaseURL(.sqlite) { db in
            let base = ["coverage", "run", "--wdpa", wdpa.path, "--country", "UGA"]
            let refused = try cli.run(base + ["--land", land.path, "--eez", eez.path], database: db)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("the EEZ layer 'eez_v12' of eez_v12.geojson has no feature for UGA in field ISO_TER1 (features by code: KEN 1, TZA 1); check the code or the field (--eez-field), or run without --eez for a land-only run (a landlocked country)"), "\(refused.stderr)")
            #expect(!refused.stderr.contains(folder.path))

            let landOnly = try cli.run(base + ["--land", land.path], database: db)
            #expect(landOnly.status == 0, "\(landOnly.stderr)")
            let rows = landOnly.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.contains { $0.first == "land" && $0.last == "25.00" }, "\(landOnly.stdout)")
            #expect(!rows.contains { $0.first == "marine" }, "\(landOnly.stdout)")

            // A KBA layer with a name but no id field: ids from the feature id, said under the table and in --json.
            let kba = folder.appendingPathComponent("kba.geojson")
            try Self.layer("IntName", [("Ridge", 28, 0)]).write(to: kba, atomically: true, encoding: .utf8)
            let warning = "KBA layer kba of kba.geojson has no id field (looked for SITRECID, KBA_ID, KBAID, SITE_ID, ID): each KBA is identified by its feature id, which changes when the file is exported again"
            let table = try cli.run(base + ["--land", land.path, "--kba", kba.path], database: db)
            #expect(table.status == 0 && table.stdout.contains("Warning: " + warning), "\(table.stdout)\(table.stderr)")
            let json = try cli.run(base + ["--land", land.path, "--kba", kba.path, "--json"], database: db)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["warnings"] as? [String] == [warning])
            let coverage = try #require(object["coverage"] as? [String: Any])
            #expect(coverage["marineKm2"] == nil && coverage["marinePercent"] == nil && (coverage["landPercent"] as? Double).map { abs($0 - 25) < 1e-9 } == true)

            // The former single field still sets both layers' fields.
            let alias = try cli.run(base + ["--land", land.path, "--territory-field", "iso_a3"], database: db)
            #expect(alias.status == 0 && alias.stdout.contains("25.00"), "\(alias.stderr)")

            let neither = try cli.run(base, database: db)
            #expect(neither.status != 0 && neither.stderr.contains("give --land FILE, --eez FILE or both (--land alone for a landlocked country)"), "\(neither.stderr)")
            let wrongField = try cli.run(base + ["--land", land.path, "--land-field", "GID_0"], database: db)
            #expect(wrongField.status != 0 && wrongField.stderr.contains("the land layer 'ne_10m_admin_0_countries' of ne_10m_admin_0_countries.geojson has no field GID_0; its fields are ISO_A3; name the field with --land-field"), "\(wrongField.stderr)")
        }
    }
}
