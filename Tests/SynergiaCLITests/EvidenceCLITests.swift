import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// `synergia evidence` through the built binary: a real coverage run's figures in a submitted
/// report, exported, verified (with OpenSSL too), rerun from the input files and compared.
@Suite struct EvidenceCLITests {
    let cli = CLITests()

    /// A coverage run recorded in KEN, the CBD report created (prefilled from it) and submitted.
    /// The store stands in for the submission: the demo's report is not complete enough to pass validation.
    func submittedReport(_ db: String, inputs: URL) async throws -> (report: Int64, run: Int64) {
        let seeded = try cli.run(["seed", "--demo"], database: db)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let file = inputs.appendingPathComponent("wdpa.gpkg").path
        let generated = try cli.run(["demo-data", "protected-areas", "--out", file, "--sites", "40", "--seed", "5", "--countries", "KEN,TZA"], database: db)
        #expect(generated.status == 0, "\(generated.stderr)")
        let coverage = try cli.run(["coverage", "run", "--wdpa", file, "--land", file, "--land-layer", "land", "--eez", file, "--eez-layer", "eez",
                                    "--country", "KEN", "--workspace", "KEN", "--year", "2025"], database: db)
        #expect(coverage.status == 0, "\(coverage.stderr)")
        let runLine = try #require(coverage.stdout.split(separator: "\n").first { $0.hasPrefix("Stored as computation run ") })
        let run = try #require(Int64(runLine.split(separator: " ")[4]))
        let created = try cli.run(["report", "create", "--as", "focal.point@demo.synergia.example", "--workspace", "KEN", "--template", "cbd-7nr"], database: db)
        #expect(created.status == 0, "\(created.stderr)")
        let reportWord = try #require(created.stdout.split(separator: " ").dropFirst(2).first)
        let report = try #require(Int64(reportWord))
        let snapshot = inputs.deletingLastPathComponent().appendingPathComponent("snapshot.json").path
        let exported = try cli.run(["report", "export", String(report), "--format", "json", "--out", snapshot], database: db)
        #expect(exported.status == 0, "\(exported.stderr)")
        try await withMigratedStore(url: db, logger: TestDatabase.logger) { store in
            let current = try #require(try await store.report(id: report))
            _ = try await store.transition(reportID: report, action: "submit", to: .submitted, expectedVersion: current.version, note: nil,
                                           snapshot: try Data(contentsOf: URL(fileURLWithPath: snapshot)), context: ChangeContext(userID: nil, channel: .cli))
        }
        return (report, run)
    }

    /// The run's figures as the workspace stores them, by label (`GBF-3.1 realm=land 2025`).
    func figures(of run: Int64, _ db: String) async throws -> [String: Double] {
        try await withMigratedStore(url: db, logger: TestDatabase.logger) { store in
            let workspace = try #require(try await store.workspace(country: "KEN"))
            var figures: [String: Double] = [:]
            for series in try await store.series(workspaceID: workspace.id) {
                for observation in series.observations where observation.provenance == .computed(runID: run) {
                    figures[[series.indicator, series.disaggregation, String(observation.year)].filter { !$0.isEmpty }.joined(separator: " ")] = observation.value
                }
            }
            return figures
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aBundleVerifiesAndItsCoverageRunIsRerunEqualThenDifferentWithAChangedInput(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-cli-\(UUID().uuidString)")
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withDatabaseURL(kind) { db in
            let (report, run) = try await submittedReport(db, inputs: inputs)
            let figures = try await figures(of: run, db)
            #expect(figures["GBF-3.1 realm=land 2025"] != nil && figures["GBF-3.1 realm=marine 2025"] != nil)
            let bundle = folder.appendingPathComponent("bundle.zip").path

            let key = try cli.run(["evidence", "key"], database: db)
            #expect(key.status == 0, "\(key.stderr)")
            #expect(key.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
            let fingerprintLine = try #require(key.stdout.split(separator: "\n").first { $0.hasPrefix("Fingerprint (SHA-256 of the DER key): ") })
            let fingerprint = String(fingerprintLine.split(separator: " ").last!)
            #expect(fingerprint.count == 64)

            let export = try cli.run(["evidence", "export", "--report", String(report), "--out", bundle], database: db)
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.contains(": report \(report) snapshot 1, ") && export.stdout.hasSuffix("signed by key \(fingerprint).\n"), "\(export.stdout)")

            let verified = try cli.run(["evidence", "verify", bundle, "--public-key", fingerprint], database: db)
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("Report \(report) (cbd-7nr v"))
            #expect(verified.stdout.contains("Signature: valid (Ed25519, key \(fingerprint), the pinned key)."))

            // A recipient without Synergia: the manifest against its schema, the signature with OpenSSL.
            let check = """
            import json, subprocess, sys, tempfile, zipfile, base64, os, jsonschema
            bundle, schema = sys.argv[1], json.load(open(sys.argv[2]))
            z = zipfile.ZipFile(bundle)
            manifest = json.loads(z.read("manifest.json"))
            jsonschema.Draft202012Validator(schema).validate(manifest)
            d = tempfile.mkdtemp()
            for name in ["manifest.json", "public-key.pem"]: open(os.path.join(d, name), "wb").write(z.read(name))
            open(os.path.join(d, "sig"), "wb").write(base64.b64decode(z.read("manifest.sig")))
            der = subprocess.run(["openssl", "pkey", "-pubin", "-in", os.path.join(d, "public-key.pem"), "-outform", "DER"], capture_output=True, check=True).stdout
            import hashlib; print("fingerprint", hashlib.sha256(der).hexdigest())
            r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", os.path.join(d, "public-key.pem"), "-rawin",
                                "-in", os.path.join(d, "manifest.json"), "-sigfile", os.path.join(d, "sig")], capture_output=True, text=True)
            print(r.stdout.strip())
            """
            let schema = TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent("docs/schemas/evidence-manifest.schema.json").path
            let python = try Python.run(["-c", check, bundle, schema])
            #expect(python.status == 0, "\(python.output)")
            #expect(python.output == "fingerprint \(fingerprint)\nSignature Verified Successfully\n", "\(python.output)")

            // Goal A's headline data holds two indicators in one answer: each series names it.
            let usedBy = """
            import json, sys, zipfile
            series = json.loads(zipfile.ZipFile(sys.argv[1]).read("series.json"))["series"]
            for s in series:
                if s["indicator"] in ("GBF-A.2", "GBF-A.3"): print(s["indicator"], s["disaggregation"] or "-", ",".join(s["used_by"]))
            """
            let listed = try Python.run(["-c", usedBy, bundle])
            #expect(listed.status == 0, "\(listed.output)")
            let headline = "goal_progress[GBF-A].goal_headline_data"
            let lines = listed.output.split(separator: "\n").map(String.init)
            #expect(Set(lines.map { $0.split(separator: " ")[0] }) == ["GBF-A.2", "GBF-A.3"], "\(listed.output)")
            #expect(lines.allSatisfy { $0.split(separator: " ")[2].split(separator: ",").contains(Substring(headline)) }, "\(listed.output)")

            let rerun = try cli.run(["evidence", "verify", bundle, "--public-key", fingerprint, "--inputs", inputs.path], database: db)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            for role in ["wdpa", "land", "eez"] { #expect(rerun.stdout.contains("  \(role): wdpa.gpkg, SHA-256 equal to the recorded wdpa.gpkg\n"), "\(rerun.stdout)") }
            #expect(rerun.stdout.contains("Run \(run) (coverage, synergia-coverage/1):\n"))
            #expect(rerun.stdout.contains("  every figure equal: \(figures.count) figures compared"), "\(rerun.stdout)")
            #expect(rerun.stdout.hasSuffix("Rerun: every figure equal, \(figures.count) figures of 1 run(s) compared.\n"), "\(rerun.stdout)")

            // The same name with other sites: the file is said to differ, and so is each figure it changes.
            let changed = folder.appendingPathComponent("changed")
            try FileManager.default.createDirectory(at: changed, withIntermediateDirectories: true)
            let other = try cli.run(["demo-data", "protected-areas", "--out", changed.appendingPathComponent("wdpa.gpkg").path, "--sites", "60", "--seed", "5",
                                     "--countries", "KEN,TZA"], database: db)
            #expect(other.status == 0, "\(other.stderr)")
            let differs = try cli.run(["evidence", "verify", bundle, "--inputs", changed.path], database: db)
            #expect(differs.status == 1)
            #expect(differs.stdout.contains("  wdpa: wdpa.gpkg DIFFERS from the recorded file: SHA-256 "), "\(differs.stdout)")
            let land = try #require(figures["GBF-3.1 realm=land 2025"])
            let landLine = try #require(differs.stdout.split(separator: "\n").first { $0.hasPrefix("  GBF-3.1 realm=land 2025: ") }, "\(differs.stdout)")
            #expect(landLine.hasPrefix("  GBF-3.1 realm=land 2025: bundle \(land) percent, rerun "))
            #expect(Double(landLine.split(separator: " ").last!) != land)
            let differing = differs.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains(": bundle ") }.count
            #expect(differs.stdout.contains("  \(differing) of \(figures.count) figures differ: \(figures.count) figures compared"), "\(differs.stdout)")
            #expect(differs.stderr.contains("\(differing) figure(s) differ from the bundle's and 3 input file(s) differ from the recorded ones, over 1 run(s) rerun"), "\(differs.stderr)")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aChangedFileTheWrongKeyAndADraftAreRefused(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-cli-\(UUID().uuidString)")
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withDatabaseURL(kind) { db in
            let (report, _) = try await submittedReport(db, inputs: inputs)
            let bundle = folder.appendingPathComponent("bundle.zip").path
            #expect(try cli.run(["evidence", "export", "--report", String(report), "--out", bundle], database: db).status == 0)

            let pinned = String(repeating: "0", count: 64)
            let wrongKey = try cli.run(["evidence", "verify", bundle, "--public-key", pinned], database: db)
            #expect(wrongKey.status == 1)
            #expect(wrongKey.stderr.contains("bundle.zip does not verify: the bundle is signed by key "), "\(wrongKey.stderr)")
            #expect(wrongKey.stderr.contains(", not by the pinned key \(pinned): it does not come from the installation whose key you pinned"))

            // One byte of report.json changed, the archive written again around it.
            let tampered = folder.appendingPathComponent("tampered.zip").path
            let rewrite = """
            import sys, zipfile
            source, target = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
            for item in source.infolist():
                data = bytearray(source.read(item.filename))
                if item.filename == "report.json": data[30] ^= 1
                target.writestr(item.filename, bytes(data))
            target.close()
            """
            let python = try Python.run(["-c", rewrite, bundle, tampered])
            #expect(python.status == 0, "\(python.output)")
            let changed = try cli.run(["evidence", "verify", tampered], database: db)
            #expect(changed.status == 1)
            #expect(changed.stderr.contains("tampered.zip does not verify: report.json was changed after signing: its SHA-256 is "), "\(changed.stderr)")

            let created = try cli.run(["report", "create", "--as", "focal.point@demo.synergia.example", "--workspace", "KEN", "--template", "ramsar-cop15"], database: db)
            let draft = try #require(created.stdout.split(separator: " ").dropFirst(2).first)
            let refused = try cli.run(["evidence", "export", "--report", String(draft), "--out", folder.appendingPathComponent("draft.zip").path], database: db)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("report \(draft) is draft and has no submitted snapshot: only a submitted report can be exported as evidence; submit it first"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("draft.zip").path))
        }
    }
}
