import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport
import SynergiaXLSX

/// Evidence bundles of submitted snapshots: what they hold, and every changed byte, wrong
/// key and unsubmitted report refused with the file and what differed.
@Suite struct EvidenceBundleTests {
    /// A template of two questions: a contact, and the land coverage concept a run's series fills.
    static let catalog: TemplateCatalog = {
        let shared = ReportFixture.sharedCatalog
        let template = ReportTemplate(
            id: "evidence-mini", convention: "CBD", cycle: "2026", version: 1, languages: ["en"], title: LocalizedText(en: "Evidence"), source: "test",
            sections: [
                TemplateSection(id: "a", title: LocalizedText(en: "A"), questions: [
                    Question(id: "contact", type: .text, label: LocalizedText(en: "Contact"), required: try! ExpressionParser.parse("true")),
                    Question(id: "land_share", type: .number, label: LocalizedText(en: "Land covered"), concept: "pa_coverage_land", unit: "percent"),
                ]),
            ])
        return TemplateCatalog(templates: Array(shared.templates.values) + [template], concepts: Array(shared.concepts.values), choiceLists: shared.choiceLists)
    }()

    struct Submitted {
        var fixture: ReportFixture
        var report: Report
        var run: ComputationRun
    }

    /// A coverage run recorded with three figures, a report prefilled from it, submitted.
    static func submitted(_ store: SQLStore) async throws -> Submitted {
        let f = try await ReportFixture.make(store, catalog: catalog)
        let figures: [(String, Int, Double)] = [("realm=land", 2024, 16.5), ("realm=land", 2025, 17.8125), ("realm=land;site_type=PA", 2025, 15.25)]
        let run = try await store.recordRun(
            ComputationRun(workspaceID: f.workspace.id, engine: "coverage",
                           inputs: [.init(role: "wdpa", fileName: "WDPA_Dec2025_KEN.gpkg", sha256: String(repeating: "ab", count: 32), bytes: 1234)],
                           options: ["country": "KEN", "year": "2025"], softwareVersion: "synergia-coverage/1", startedAt: Date(timeIntervalSince1970: 1_760_000_000),
                           durationMilliseconds: 1500, warnings: []),
            results: figures.map { ObservationInput(indicator: "GBF-3.1", unit: "percent", disaggregation: $0.0,
                                                    observation: Observation(year: $0.1, value: $0.2, source: "test run", provenance: .entered(userID: nil))) })
        var report = try await f.service.create(workspace: f.workspace, templateID: "evidence-mini", actor: f.focalPoint)
        _ = try await f.service.answer(reportID: report.id, [AnswerEdit(key: AnswerKey(question: "contact"), value: .text("Focal point"), expectedVersion: nil)],
                                       actor: f.focalPoint)
        for step in [ReportTransition.submitForReview, .approve, .submit] {
            report = try await f.service.transition(reportID: report.id, step, expectedVersion: report.version, reason: nil, actor: f.focalPoint)
        }
        return Submitted(fixture: f, report: report, run: run)
    }

    /// The bundle's files with `path` changed by `change`, zipped again.
    static func altered(_ archive: Data, _ path: String, _ change: (inout Data) -> Void) throws -> Data {
        var parts = try ZipArchiveReader.entries(of: archive)
        let index = try #require(parts.firstIndex { $0.path == path })
        change(&parts[index].data)
        return try ZipArchiveWriter.write(parts)
    }

    static func refusal(_ archive: Data, pinned: String? = nil) -> EvidenceRefusal? {
        #expect(throws: EvidenceRefusal.self) { try EvidenceBundle.verify(archive, pinned: pinned) }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSubmittedSnapshotExportsAsABundleThatVerifies(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let s = try await Self.submitted(store)
            let export = try await s.fixture.service.exportEvidence(reportID: s.report.id)
            #expect(export.fileName == "report-\(s.report.id)-snapshot-1-evidence.zip")
            let key = try await EvidenceSigningKey.installation(store).publicKey
            let verified = try EvidenceBundle.verify(export.data, pinned: key.fingerprint)
            #expect(verified.manifest.files.map(\.path) == ["report.json", "series.json", "runs/\(s.run.id).json", "public-key.pem"])
            #expect(verified.manifest.installation.keyFingerprint == key.fingerprint)
            #expect(verified.manifest.report.id == s.report.id && verified.manifest.report.snapshot == 1 && verified.manifest.report.country == "KEN")
            #expect(verified.files["report.json"] == (try await store.snapshot(reportID: s.report.id, number: 1)))
            #expect(verified.files["public-key.pem"] == Data(key.pem.utf8))

            let series = try JSONDecoder().decode(EvidenceSeriesFile.self, from: try #require(verified.files["series.json"]))
            let land = try #require(series.series.first { $0.indicator == "GBF-3.1" && $0.disaggregation == "realm=land" })
            #expect(land.usedBy == ["land_share"])
            #expect(land.unit == "percent")
            let fromRun = land.observations.filter { $0.provenance.run == s.run.id }
            #expect(fromRun.map(\.year) == [2024, 2025] && fromRun.map(\.value) == [16.5, 17.8125])
            #expect(fromRun.allSatisfy { $0.provenance.kind == "computed" })

            let run = try #require(verified.runs.first)
            #expect(verified.runs.count == 1 && run.id == s.run.id && run.engine == "coverage" && run.softwareVersion == "synergia-coverage/1")
            #expect(run.inputs.map(\.fileName) == ["WDPA_Dec2025_KEN.gpkg"] && run.inputs[0].sha256 == String(repeating: "ab", count: 32))
            #expect(run.options == ["country": "KEN", "year": "2025"])
            #expect(run.figures == [RunFigure(indicator: "GBF-3.1", disaggregation: "realm=land", unit: "percent", year: 2024, value: 16.5),
                                    RunFigure(indicator: "GBF-3.1", disaggregation: "realm=land", unit: "percent", year: 2025, value: 17.8125),
                                    RunFigure(indicator: "GBF-3.1", disaggregation: "realm=land;site_type=PA", unit: "percent", year: 2025, value: 15.25)])

            // The same installation key signs every bundle; a given snapshot can be asked for by number.
            let again = try await s.fixture.service.exportEvidence(reportID: s.report.id, snapshot: 1)
            #expect(try EvidenceBundle.verify(again.data, pinned: key.fingerprint).manifest.installation.keyFingerprint == key.fingerprint)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func oneChangedByteIsRefusedNamingTheFile(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let s = try await Self.submitted(store)
            let archive = try await s.fixture.service.exportEvidence(reportID: s.report.id).data
            let manifest = try EvidenceBundle.verify(archive).manifest
            let listed = try #require(manifest.files.first { $0.path == "report.json" })

            let report = try Self.altered(archive, "report.json") { data in data[data.index(data.startIndex, offsetBy: 40)] ^= 0x01 }
            let reportRefusal = try #require(Self.refusal(report))
            #expect(reportRefusal.file == "report.json")
            #expect(reportRefusal.message.hasPrefix("report.json was changed after signing: its SHA-256 is "))
            #expect(reportRefusal.message.hasSuffix(", manifest.json says \(listed.sha256) (\(listed.bytes) bytes)"))

            let changedManifest = try Self.altered(archive, "manifest.json") { data in data[data.index(data.startIndex, offsetBy: 60)] ^= 0x01 }
            let manifestRefusal = try #require(Self.refusal(changedManifest))
            #expect(manifestRefusal.file == "manifest.json")
            #expect(manifestRefusal.message == "the signature in manifest.sig does not verify manifest.json with the key in public-key.pem (\(manifest.installation.keyFingerprint)): manifest.json or manifest.sig was changed after signing")

            // A base64 letter changed for another still decodes to 64 bytes: the signature no longer verifies.
            let signature = try Self.altered(archive, "manifest.sig") { data in data[data.startIndex] = data[data.startIndex] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A") }
            #expect(Self.refusal(signature)?.message == manifestRefusal.message)

            let truncated = try Self.altered(archive, "manifest.sig") { data in data = data.prefix(20) }
            #expect(Self.refusal(truncated)?.message == "manifest.sig is not an Ed25519 signature (64 bytes in base64)")

            let added = try ZipArchiveWriter.write(try ZipArchiveReader.entries(of: archive) + [("runs/999.json", Data("{}".utf8))])
            #expect(Self.refusal(added)?.message == "runs/999.json is in the bundle but not in manifest.json: it was added after signing")

            let removed = try ZipArchiveWriter.write(try ZipArchiveReader.entries(of: archive).filter { $0.path != "series.json" })
            #expect(Self.refusal(removed)?.message == "series.json is listed in manifest.json but is not in the bundle")

            var raw = archive
            raw[raw.index(raw.startIndex, offsetBy: raw.count / 2)] ^= 0xFF
            #expect(Self.refusal(raw) != nil)
            #expect(throws: Never.self) { try EvidenceBundle.verify(archive) }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aBundleSignedByAnotherKeyIsRefusedWhenTheKeyIsPinned(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let s = try await Self.submitted(store)
            let archive = try await s.fixture.service.exportEvidence(reportID: s.report.id).data
            let genuine = try EvidenceBundle.verify(archive)
            let installation = try await EvidenceSigningKey.installation(store).publicKey.fingerprint

            // The same files with a changed figure, signed again by a key of someone else's own.
            let other = try EvidenceSigningKey(rawPrivateKey: Data(repeating: 7, count: 32))
            var parts = try ZipArchiveReader.entries(of: archive).filter { !["manifest.json", "manifest.sig", "public-key.pem"].contains($0.path) }
            let run = try #require(parts.firstIndex { $0.path.hasPrefix("runs/") })
            parts[run].data = Data(String(decoding: parts[run].data, as: UTF8.self).replacingOccurrences(of: "17.8125", with: "31.5").utf8)
            let forged = try EvidenceBundle.assemble(parts, report: genuine.manifest.report, key: other, now: Date()).archive

            #expect(try EvidenceBundle.verify(forged).manifest.installation.keyFingerprint == other.publicKey.fingerprint)
            let refusal = try #require(Self.refusal(forged, pinned: installation))
            #expect(refusal.file == "public-key.pem")
            #expect(refusal.message == "the bundle is signed by key \(other.publicKey.fingerprint), not by the pinned key \(installation): it does not come from the installation whose key you pinned")
            #expect(other.publicKey.fingerprint != installation)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func onlyASubmittedSnapshotIsExported(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let s = try await Self.submitted(store)
            let draft = try await s.fixture.service.create(workspace: s.fixture.workspace, templateID: "evidence-mini", actor: s.fixture.focalPoint)
            let refused = await #expect(throws: DomainError.self) { try await s.fixture.service.exportEvidence(reportID: draft.id) }
            #expect(refused?.kind == .conflict)
            #expect(refused?.message == "report \(draft.id) is draft and has no submitted snapshot: only a submitted report can be exported as evidence; submit it first")
            let missing = await #expect(throws: DomainError.self) { try await s.fixture.service.exportEvidence(reportID: s.report.id, snapshot: 2) }
            #expect(missing?.kind == .notFound)
            #expect(missing?.message == "report \(s.report.id) has no snapshot 2; its submitted snapshots are 1")
            #expect(try await store.snapshot(reportID: draft.id, number: 1) == nil)
        }
    }
}
