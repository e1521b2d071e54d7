import ArgumentParser
import Foundation
import SynergiaComputations
import SynergiaCore
import SynergiaReporting

/// Signed evidence bundles of submitted reports (docs/evidence.md).
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Signed evidence of a submitted report: export a bundle, verify one, show the installation's key.",
        subcommands: [EvidenceExportCommand.self, EvidenceVerifyCommand.self, EvidenceKeyCommand.self])
}

struct EvidenceExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a submitted snapshot as a signed ZIP: the snapshot, its series, its runs' records and a signed manifest.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Report id.") var report: Int64
    @Option(help: "Snapshot number (default: the latest submitted).") var snapshot: Int?
    @Option(help: "Output file (.zip).") var out: String

    func run() async throws {
        try await userFacing {
            let export = try await withReporting(store) { service in try await service.exportEvidence(reportID: report, snapshot: snapshot) }
            try export.data.write(to: URL(fileURLWithPath: out))
            let runs = export.manifest.files.filter { $0.path.hasPrefix("runs/") }.count
            print("Wrote \(out) (\(export.data.count) bytes): report \(report) snapshot \(export.manifest.report.snapshot), \(export.manifest.files.count) files, \(runs) run(s), signed by key \(export.manifest.installation.keyFingerprint).")
        }
    }
}

struct EvidenceKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Show the installation's public key, which a recipient pins to verify its bundles.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await userFacing {
            let key = try await store.withStore { store in try await EvidenceSigningKey.installation(store).publicKey }
            print(key.pem, terminator: "")
            print("Ed25519 key \(key.base64) (raw, base64)")
            print("Fingerprint (SHA-256 of the DER key): \(key.fingerprint)")
        }
    }
}

struct EvidenceVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a bundle's signature and every file's SHA-256; with --inputs, rerun its coverage runs and compare every figure.",
        discussion: "Exits 1 when the bundle does not verify, when an input differs from the recorded file, or when a rerun figure differs from the bundle's.")

    @Argument(help: "The evidence bundle (.zip).") var file: String
    @Option(help: "The key the bundle must be signed by: a PEM file, the raw key in base64, or its fingerprint (synergia evidence key).") var publicKey: String?
    @Option(help: "Folder with the runs' input files, found by their SHA-256 (or, changed, by their name).") var inputs: String?

    func run() async throws {
        try await userFacing {
            guard let archive = FileManager.default.contents(atPath: file) else { throw DomainError.notFound("cannot read \(file)") }
            let verified: VerifiedEvidence
            do {
                verified = try EvidenceBundle.verify(archive, pinned: try pinnedFingerprint())
            } catch let refusal as EvidenceRefusal {
                throw CLIError(message: "\(URL(fileURLWithPath: file).lastPathComponent) does not verify: \(refusal.message)")
            }
            let manifest = verified.manifest
            let report = manifest.report
            print("Report \(report.id) (\(report.template) v\(report.templateVersion), \(report.country)), snapshot \(report.snapshot) submitted \(ISO8601DateFormatter().string(from: report.submittedAt)); bundle made \(ISO8601DateFormatter().string(from: manifest.createdAt)).")
            print("Signature: valid (Ed25519, key \(manifest.installation.keyFingerprint)\(publicKey == nil ? ", not pinned" : ", the pinned key")).")
            print("Files: \(manifest.files.count), each SHA-256 and size equal to the manifest.")
            if publicKey == nil { print("Pin the sender's key with --public-key to know the bundle is theirs: anyone can sign a bundle with a key of their own.") }
            guard let inputs else { return }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: inputs, isDirectory: &isFolder), isFolder.boolValue else {
                throw CLIError(message: "--inputs \(inputs) is not a folder: give the folder that holds the runs' input files")
            }
            try await rerun(verified.runs, folder: URL(fileURLWithPath: inputs))
        }
    }

    /// The fingerprint of the key given as a PEM file, raw base64 or a fingerprint.
    func pinnedFingerprint() throws -> String? {
        guard let publicKey else { return nil }
        let text = FileManager.default.contents(atPath: publicKey).map { String(decoding: $0, as: UTF8.self) } ?? publicKey
        if let key = EvidencePublicKey(text: text) { return key.fingerprint }
        let hex = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
            throw CLIError(message: "--public-key \(publicKey): not an Ed25519 public key in PEM, nor 32 bytes in base64, nor a 64-digit fingerprint; give what `synergia evidence key` prints on the sender's installation")
        }
        return hex
    }

    func rerun(_ runs: [EvidenceRunFile], folder: URL) async throws {
        var compared = 0, rerunCount = 0, differing = 0, changedInputs = 0
        for file in runs {
            guard RunReplay.engines.contains(file.engine) else {
                print("Run \(file.id) (\(file.engine)): not rerun; only \(RunReplay.engines.joined(separator: ", ")) runs are rerun from their inputs.")
                continue
            }
            print("Run \(file.id) (\(file.engine), \(file.softwareVersion)):")
            let progress = PipelineProgressBar()
            let outcome = try await pipelineErrors {
                try await RunReplay(run: file.run, figures: file.figures).rerun(inputs: folder, progress: progress)
            }
            progress.finish()
            for input in outcome.inputs {
                if input.sameBytes {
                    print("  \(input.role): \(input.usedName), SHA-256 equal to the recorded \(input.recordedName)")
                } else {
                    changedInputs += 1
                    print("  \(input.role): \(input.usedName) DIFFERS from the recorded file: SHA-256 \(input.sha256), recorded \(input.recordedSHA256)")
                }
            }
            for difference in outcome.differences {
                print("  \(difference.figure.label): bundle \(difference.figure.value) \(difference.figure.unit), rerun \(difference.rerun.map { String($0) } ?? "none")")
            }
            print("  \(outcome.differences.isEmpty ? "every figure equal" : "\(outcome.differences.count) of \(outcome.compared) figures differ"): \(outcome.compared) figures compared\(outcome.notRecorded > 0 ? ", \(outcome.notRecorded) computed figures the bundle does not hold" : "")")
            compared += outcome.compared
            differing += outcome.differences.count
            rerunCount += 1
        }
        if differing > 0 || changedInputs > 0 {
            throw CLIError(message: "\(differing) figure(s) differ from the bundle's and \(changedInputs) input file(s) differ from the recorded ones, over \(rerunCount) run(s) rerun")
        }
        print("Rerun: every figure equal, \(compared) figures of \(rerunCount) run(s) compared.")
    }
}
