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
}
