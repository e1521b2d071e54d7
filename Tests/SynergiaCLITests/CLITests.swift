import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// Runs the built `synergia` binary as a user would: exit status, stdout, stderr.
@Suite struct CLITests {
    init() {}

    typealias Run = SynergiaProcess.Run

    static var binary: URL { SynergiaProcess.binary }

    func run(_ arguments: [String], database: String, input: String? = nil) throws -> Run {
        try SynergiaProcess.run(arguments, database: database, input: input)
    }

    func withSeededDatabase(_ kind: DatabaseKind, _ body: (String) throws -> Void) async throws {
        try await TestDatabase.withDatabaseURL(kind) { url in
            let seeded = try run(["seed", "--demo"], database: url)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            try body(url)
        }
    }

    @Test func aNegativeSnappingGridIsRefusedBeforeAnyFileIsRead() async throws {
        try await TestDatabase.withDatabaseURL(.sqlite) { db in
            let refused = try run(["coverage", "run", "--wdpa", "missing.gpkg", "--land", "missing.gpkg", "--eez", "missing.gpkg", "--country", "AAA", "--snap-grid=-1"], database: db)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--snap-grid must be 0 (no snapping) or a number of metres"), "\(refused.stderr)")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func frameworksAndCrosswalkAsJSON(kind: DatabaseKind) async throws {
        try await withSeededDatabase(kind) { db in
            let gbf = try run(["frameworks", "show", "GBF", "--json"], database: db)
            #expect(gbf.status == 0)
            let json = try JSONSerialization.jsonObject(with: Data(gbf.stdout.utf8)) as? [String: Any]
            #expect((json?["goals"] as? [Any])?.count == 4)
            #expect((json?["targets"] as? [Any])?.count == 23)
            let aichi = try run(["frameworks", "show", "aichi", "--json"], database: db)
            let aichiJSON = try JSONSerialization.jsonObject(with: Data(aichi.stdout.utf8)) as? [String: Any]
            #expect((aichiJSON?["targets"] as? [Any])?.count == 20)
            let crosswalk = try run(["targets", "show", "AICHI-11", "--crosswalk"], database: db)
            #expect(crosswalk.status == 0)
            for code in ["GBF-3", "SDG-14.5", "SDG-15.1"] { #expect(crosswalk.stdout.contains(code)) }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func nationalTargetLifecycleAndStaleUpdate(kind: DatabaseKind) async throws {
        try await withSeededDatabase(kind) { db in
            let add = try run(["national-target", "add", "--workspace", "KEN", "--code", "T9", "--title", "Wetlands",
                               "--baseline", "2018:100", "--target", "2030:120", "--align", "GBF-11:medium", "--indicator", "SDG-6.6.1"], database: db)
            #expect(add.status == 0, "\(add.stderr)")
            #expect(add.stdout.contains("Added KEN-T9"))
            let duplicate = try run(["national-target", "add", "--workspace", "KEN", "--code", "T9", "--title", "Again"], database: db)
            #expect(duplicate.status != 0)
            #expect(duplicate.stderr.contains("KEN-T9 already exists"))
            let update = try run(["national-target", "update", "--workspace", "KEN", "--code", "T9", "--version", "1", "--title", "Wetlands kept"], database: db)
            #expect(update.status == 0, "\(update.stderr)")
            let stale = try run(["national-target", "update", "--workspace", "KEN", "--code", "T9", "--version", "1", "--title", "Lost edit"], database: db)
            #expect(stale.status != 0)
            #expect(stale.stderr.contains("changed by someone else"))
            let show = try run(["national-target", "show", "--workspace", "KEN", "T9", "--json"], database: db)
            #expect(show.stdout.contains("\"title\" : \"Wetlands kept\""))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func badInputGivesAMessageAndANonZeroExit(kind: DatabaseKind) async throws {
        try await withSeededDatabase(kind) { db in
            let country = try run(["workspace", "create", "--country", "XYZ"], database: db)
            #expect(country.status != 0)
            #expect(country.stderr.contains("unknown country code 'XYZ'"))
            let framework = try run(["frameworks", "show", "NOPE"], database: db)
            #expect(framework.status != 0)
            #expect(framework.stderr.contains("unknown framework 'NOPE'"))
            let baseline = try run(["national-target", "add", "--workspace", "KEN", "--code", "T10", "--title", "x", "--baseline", "2015"], database: db)
            #expect(baseline.status != 0)
            #expect(baseline.stderr.contains("YEAR:VALUE"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func malformedCSVImportsNothing(kind: DatabaseKind) async throws {
        try await withSeededDatabase(kind) { db in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try "indicator,year,value,unit,source\nGBF-3.1,2025,15.5,percent,new\nGBF-3.1,2026,abc,percent,bad\n".write(to: file, atomically: true, encoding: .utf8)
            let before = try run(["indicator", "series", "--workspace", "KEN", "--indicator", "GBF-3.1", "--json"], database: db)
            let imported = try run(["indicator", "import", "--workspace", "KEN", file.path], database: db)
            #expect(imported.status != 0)
            #expect(imported.stderr.contains("line 3: value 'abc' is not a number"))
            let after = try run(["indicator", "series", "--workspace", "KEN", "--indicator", "GBF-3.1", "--json"], database: db)
            #expect(after.stdout == before.stdout)

            try "indicator,year,value,unit,source\nGBF-3.1,2025,15.5,percent,new\n".write(to: file, atomically: true, encoding: .utf8)
            let good = try run(["indicator", "import", "--workspace", "KEN", file.path], database: db)
            #expect(good.status == 0, "\(good.stderr)")
            #expect(good.stdout.contains("1 added"))
            let progress = try run(["progress", "--workspace", "KEN"], database: db)
            #expect(progress.stdout.contains("KEN-T1"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func malformedDataFileStopsTheSeedWithItsLine(kind: DatabaseKind) async throws {
        try await TestDatabase.withDatabaseURL(kind) { db in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-data-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.copyItem(at: TestDatabase.dataDirectory, to: folder)
            try "framework:\n  code: BAD\n  name: x\n  source: s\ntargets:\n  - code: BAD-1\n    title: [\n".write(
                to: folder.appendingPathComponent("frameworks/bad.yaml"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["seed"]
            process.environment = ProcessInfo.processInfo.environment.merging(["SYNERGIA_DATABASE_URL": db, "SYNERGIA_DATA_DIR": folder.path]) { $1 }
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(stderr.contains("data/frameworks/bad.yaml:8: YAML syntax"))
            // Nothing was written: the frameworks list is empty.
            let list = try run(["frameworks", "list", "--json"], database: db)
            #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        }
    }
}
