import Foundation
import SynergiaCore

/// The files of a folder matched to a recorded run's inputs: by SHA-256 first; a file
/// of the recorded name whose SHA-256 differs is used too, and said to differ, so that
/// a rerun shows which figures a changed file changes.
public struct RunReplayInputs: Sendable {
    public struct Match: Sendable, Equatable {
        public var role: String
        /// The name the run recorded.
        public var recordedName: String
        public var recordedSHA256: String
        /// The file used, as named in the folder.
        public var usedName: String
        public var path: String
        /// The SHA-256 of the file used; differs from `recordedSHA256` when matched by name only.
        public var sha256: String
        public var sameBytes: Bool { sha256 == recordedSHA256 }
    }

    public var matches: [Match]

    /// Every input's file; refused, naming the role, the recorded name and SHA-256, when the folder has neither the bytes nor the name.
    public init(run: ComputationRun, folder: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        var byDigest: [String: String] = [:]
        var digestOf: [String: String] = [:]
        for name in names {
            let fingerprint = try FileFingerprint.input(role: "", path: folder.appendingPathComponent(name).path)
            if byDigest[fingerprint.sha256] == nil { byDigest[fingerprint.sha256] = name }
            digestOf[name] = fingerprint.sha256
        }
        matches = try run.inputs.map { input in
            guard let name = byDigest[input.sha256] ?? (digestOf[input.fileName] != nil ? input.fileName : nil) else {
                throw DomainError.notFound("run \(run.id): no file in the inputs folder has the SHA-256 of its \(input.role) input \(input.fileName) (\(input.sha256)), nor its name")
            }
            return Match(role: input.role, recordedName: input.fileName, recordedSHA256: input.sha256, usedName: name,
                         path: folder.appendingPathComponent(name).path, sha256: digestOf[name]!)
        }
    }

    func path(_ role: String) -> String? { matches.first { $0.role == role }?.path }
}
