import Crypto
import Foundation
import SynergiaCore
import SynergiaXLSX

/// Why a bundle does not verify: the file at fault and what differed.
public struct EvidenceRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bundle's file at fault, when one is.
    public var file: String?
    public var message: String
    public var description: String { message }
}

/// A bundle whose signature and every file's SHA-256 were checked.
public struct VerifiedEvidence: Sendable {
    public var manifest: EvidenceManifest
    public var publicKey: EvidencePublicKey
    /// Every file of the manifest, by path.
    public var files: [String: Data]
    public var runs: [EvidenceRunFile]
}

extension EvidenceBundle {
    /// Checks, in this order: the archive, the key (against `pinned` when given), the
    /// signature of manifest.json, then every file against the manifest's SHA-256 and
    /// size, with no file missing and none added.
    /// - Parameter pinned: the fingerprint (`EvidencePublicKey.fingerprint`) of the key the bundle must be signed by.
    public static func verify(_ archive: Data, pinned: String? = nil) throws(EvidenceRefusal) -> VerifiedEvidence {
        let entries: [(path: String, data: Data)]
        do {
            entries = try ZipArchiveReader.entries(of: archive)
        } catch {
            throw EvidenceRefusal(file: error.part, message: "the bundle cannot be read: \(error)")
        }
        var files: [String: Data] = [:]
        for entry in entries {
            guard files.updateValue(entry.data, forKey: entry.path) == nil else {
                throw EvidenceRefusal(file: entry.path, message: "\(entry.path) is in the bundle twice")
            }
        }
        func required(_ path: String) throws(EvidenceRefusal) -> Data {
            guard let data = files[path] else {
                throw EvidenceRefusal(file: path, message: "the bundle has no \(path) (an evidence bundle has \(manifestPath), \(signaturePath) and \(publicKeyPath))")
            }
            return data
        }
        let manifestData = try required(manifestPath), signatureText = try required(signaturePath), keyText = try required(publicKeyPath)
        guard let key = EvidencePublicKey(text: String(decoding: keyText, as: UTF8.self)) else {
            throw EvidenceRefusal(file: publicKeyPath, message: "\(publicKeyPath) is not an Ed25519 public key in PEM")
        }
        if let pinned, pinned.lowercased() != key.fingerprint {
            throw EvidenceRefusal(file: publicKeyPath, message: "the bundle is signed by key \(key.fingerprint), not by the pinned key \(pinned.lowercased()): it does not come from the installation whose key you pinned")
        }
        let signatureBase64 = String(decoding: signatureText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let signature = Data(base64Encoded: signatureBase64), signature.count == 64 else {
            throw EvidenceRefusal(file: signaturePath, message: "\(signaturePath) is not an Ed25519 signature (64 bytes in base64)")
        }
        guard key.isValidSignature(signature, for: manifestData) else {
            throw EvidenceRefusal(file: manifestPath, message: "the signature in \(signaturePath) does not verify \(manifestPath) with the key in \(publicKeyPath) (\(key.fingerprint)): \(manifestPath) or \(signaturePath) was changed after signing")
        }
        let manifest: EvidenceManifest
        do {
            manifest = try decode(EvidenceManifest.self, manifestData)
        } catch {
            throw EvidenceRefusal(file: manifestPath, message: "\(manifestPath) is signed but is not a synergia.evidence-manifest/1 manifest")
        }
        var listed = Set<String>()
        for file in manifest.files {
            listed.insert(file.path)
            guard let data = files[file.path] else {
                throw EvidenceRefusal(file: file.path, message: "\(file.path) is listed in \(manifestPath) but is not in the bundle")
            }
            let digest = HexText.string(SHA256.hash(data: data))
            guard digest == file.sha256, data.count == file.bytes else {
                throw EvidenceRefusal(file: file.path, message: "\(file.path) was changed after signing: its SHA-256 is \(digest) (\(data.count) bytes), \(manifestPath) says \(file.sha256) (\(file.bytes) bytes)")
            }
        }
        if let extra = files.keys.sorted().first(where: { !listed.contains($0) && $0 != manifestPath && $0 != signaturePath }) {
            throw EvidenceRefusal(file: extra, message: "\(extra) is in the bundle but not in \(manifestPath): it was added after signing")
        }
        var runs: [EvidenceRunFile] = []
        for file in manifest.files where file.path.hasPrefix("runs/") {
            do {
                runs.append(try decode(EvidenceRunFile.self, files[file.path]!))
            } catch {
                throw EvidenceRefusal(file: file.path, message: "\(file.path) is signed but is not a synergia.evidence-run/1 run record")
            }
        }
        return VerifiedEvidence(manifest: manifest, publicKey: key, files: files.filter { listed.contains($0.key) }, runs: runs)
    }
}
