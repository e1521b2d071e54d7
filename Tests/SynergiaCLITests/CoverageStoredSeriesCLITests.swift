import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// `coverage run --workspace` prints the series it stored, each with its years: a land-only
/// run names no marine series.
@Suite struct CoverageStoredSeriesCLITests {
    let cli = CLITests()

    @Test(arguments: TestDatabase.kinds)
    func theRunPrintsExactlyTheSeriesItStored(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-stored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        try await cli.withSeededDatabase(kind) { db in
            let generated = try cli.run(["demo-data", "protected-areas", "--out", file, "--sites", "40", "--seed", "5", "--countries", "KEN,TZA"], database: db)
            #expect(generated.status == 0, "\(generated.stderr)")
            let common = ["coverage", "run", "--wdpa", file, "--land", file, "--land-layer", "land", "--country", "KEN", "--workspace", "KEN", "--year", "2025"]

            let landOnly = try cli.run(common, database: db)
            #expect(landOnly.status == 0, "\(landOnly.stderr)")
            let landLines = landOnly.stdout.split(separator: "\n").map(String.init)
            let header = try #require(landLines.firstIndex { $0.hasPrefix("Stored as computation run ") })
            #expect(landLines[header].hasSuffix(" in KEN, 3 series (percent):"), "\(landLines[header])")
            #expect(landLines[header + 1].hasPrefix("  GBF-3.1 realm=land: ") && landLines[header + 1].hasSuffix("years)"))
            #expect(landLines[header + 2] == "  GBF-3.1 realm=land;site_type=PA: 2025")
            #expect(landLines[header + 3] == "  GBF-3.1 realm=land;site_type=OECM: 2025")
            #expect(!landOnly.stdout.contains("marine") && !landOnly.stdout.contains("SDG-14.5.1"), "\(landOnly.stdout)")

            let both = try cli.run(common + ["--eez", file, "--eez-layer", "eez"], database: db)
            #expect(both.status == 0, "\(both.stderr)")
            let lines = both.stdout.split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex { $0.hasPrefix("Stored as computation run ") }) + 1
            let stored = lines[start...].prefix { $0.hasPrefix("  ") }.map { $0.split(separator: ":")[0] }
            #expect(stored == ["  GBF-3.1 realm=land", "  GBF-3.1 realm=land;site_type=PA", "  GBF-3.1 realm=land;site_type=OECM",
                               "  GBF-3.1 realm=marine", "  SDG-14.5.1", "  GBF-3.1 realm=marine;site_type=PA", "  GBF-3.1 realm=marine;site_type=OECM"])
        }
    }
}
