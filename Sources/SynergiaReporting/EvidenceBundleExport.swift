import Crypto
import Foundation
import SynergiaCore
import SynergiaStore
import SynergiaXLSX

/// A submitted snapshot as a signed evidence bundle (docs/evidence.md): the snapshot as
/// frozen, the series its answers came from, the record and figures of every run behind
/// them, and a manifest of every file's SHA-256 signed with the installation's key.
extension ReportService {
    public struct EvidenceExport: Sendable {
        public var data: Data
        public var fileName: String
        public var manifest: EvidenceManifest
    }

    /// - Parameter snapshot: the snapshot's number; nil for the latest.
    public func exportEvidence(reportID: Int64, snapshot: Int? = nil, now: Date = Date()) async throws -> EvidenceExport {
        guard let report = try await store.report(id: reportID) else { throw DomainError.notFound("report \(reportID) does not exist") }
        guard report.snapshots > 0 else {
            throw DomainError.conflict("report \(reportID) is \(report.state.rawValue) and has no submitted snapshot: only a submitted report can be exported as evidence; submit it first")
        }
        let number = snapshot ?? report.snapshots
        guard (1...report.snapshots).contains(number), let frozen = try await store.snapshot(reportID: reportID, number: number) else {
            let range = report.snapshots == 1 ? "1" : "1 to \(report.snapshots)"
            throw DomainError.notFound("report \(reportID) has no snapshot \(number); its submitted snapshots are \(range)")
        }
        guard let workspace = try await store.workspace(id: report.workspaceID) else {
            throw DomainError.notFound("the workspace of report \(reportID) does not exist")
        }
        let document = try EvidenceBundle.decode(ReportDocument.self, frozen)
        let items = document.sections.flatMap(\.items)
        let everySeries = try await store.series(workspaceID: workspace.id)

        var usedBy: [String: [String]] = [:]
        var runIDs = Set<Int64>()
        for item in items {
            guard let provenance = item.provenance else { continue }
            if provenance.origin == .series {
                for indicator in provenance.sourceIndicators { usedBy[Code.canonical(indicator), default: []].append(item.key) }
            }
            if let run = provenance.sourceRunID { runIDs.insert(run) }
        }
        let used = everySeries.filter { usedBy[$0.indicator] != nil }
        for series in used {
            for observation in series.observations { if case .computed(let run) = observation.provenance { runIDs.insert(run) } }
        }
        let seriesFile = EvidenceSeriesFile(series: used.map { series in
            EvidenceSeriesFile.Series(indicator: series.indicator, disaggregation: series.disaggregation, unit: series.unit,
                                      usedBy: usedBy[series.indicator] ?? [],
                                      observations: series.observations.sorted { $0.year < $1.year }.map {
                                          EvidenceSeriesFile.Observation(year: $0.year, value: $0.value, source: $0.source, provenance: EvidenceProvenance($0.provenance))
                                      })
        })

        var parts: [(path: String, data: Data)] = [(EvidenceBundle.reportPath, frozen), (EvidenceBundle.seriesPath, try EvidenceBundle.json(seriesFile))]
        for id in runIDs.sorted() {
            // A run of another workspace never enters this workspace's evidence.
            guard let run = try await store.run(id: id), run.workspaceID == workspace.id else {
                throw DomainError.notFound("run \(id), named by an answer or a series of report \(reportID), is not a run of workspace \(workspace.name)")
            }
            parts.append((EvidenceBundle.runPath(id), try EvidenceBundle.json(Self.runFile(run, series: everySeries))))
        }
        let reference = EvidenceManifest.ReportReference(
            id: report.id, country: workspace.country, workspace: workspace.name, template: report.templateID,
            templateVersion: report.templateVersion, snapshot: number, submittedAt: document.exportedAt)
        let (archive, manifest) = try EvidenceBundle.assemble(parts, report: reference, key: try await EvidenceSigningKey.installation(store), now: now)
        return EvidenceExport(data: archive, fileName: "report-\(report.id)-snapshot-\(number)-evidence.zip", manifest: manifest)
    }

    /// The run's record and every value its series hold with the run as provenance.
    static func runFile(_ run: ComputationRun, series: [IndicatorSeries]) -> EvidenceRunFile {
        var figures: [RunFigure] = []
        for one in series {
            for observation in one.observations where observation.provenance == .computed(runID: run.id) {
                figures.append(RunFigure(indicator: one.indicator, disaggregation: one.disaggregation, unit: one.unit, year: observation.year, value: observation.value))
            }
        }
        figures.sort { ($0.indicator, $0.disaggregation, $0.year) < ($1.indicator, $1.disaggregation, $1.year) }
        return EvidenceRunFile(id: run.id, engine: run.engine, softwareVersion: run.softwareVersion, startedAt: run.startedAt,
                               durationMilliseconds: run.durationMilliseconds,
                               inputs: run.inputs.map { .init(role: $0.role, fileName: $0.fileName, sha256: $0.sha256, bytes: $0.bytes) },
                               options: run.options, warnings: run.warnings, figures: figures)
    }
}

extension EvidenceBundle {
    /// The archive of `parts` with the key's public-key.pem, manifest.json listing every file
    /// with its SHA-256 and size, and manifest.sig, the key's Ed25519 signature of manifest.json in base64.
    public static func assemble(_ parts: [(path: String, data: Data)], report: EvidenceManifest.ReportReference, key: EvidenceSigningKey,
                                now: Date) throws -> (archive: Data, manifest: EvidenceManifest) {
        let parts = parts + [(publicKeyPath, Data(key.publicKey.pem.utf8))]
        let manifest = EvidenceManifest(
            createdAt: now, software: "synergia evidence/1", installation: .init(keyFingerprint: key.publicKey.fingerprint), report: report,
            files: parts.map { EvidenceManifest.File(path: $0.path, sha256: HexText.string(SHA256.hash(data: $0.data)), bytes: $0.data.count) })
        let manifestData = try json(manifest)
        let signature = Data((try key.sign(manifestData).base64EncodedString() + "\n").utf8)
        return (try ZipArchiveWriter.write([(manifestPath, manifestData), (signaturePath, signature)] + parts), manifest)
    }
}
