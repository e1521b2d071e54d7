import Foundation
import SynergiaCore

/// The files of an evidence bundle (docs/evidence.md; the manifest's JSON Schema is
/// docs/schemas/evidence-manifest.schema.json). Every file is JSON written with sorted
/// keys, so the same content gives the same bytes.
public enum EvidenceBundle {
    public static let manifestPath = "manifest.json"
    public static let signaturePath = "manifest.sig"
    public static let publicKeyPath = "public-key.pem"
    public static let reportPath = "report.json"
    public static let seriesPath = "series.json"
    public static func runPath(_ id: Int64) -> String { "runs/\(id).json" }

    static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: data)
    }
}

/// manifest.json: what the bundle holds, signed as a whole by manifest.sig.
public struct EvidenceManifest: Codable, Sendable, Equatable {
    public struct Installation: Codable, Sendable, Equatable {
        /// SHA-256 (hex) of the public key in DER (SubjectPublicKeyInfo), as `openssl pkey -pubin -outform DER | sha256sum` prints it.
        public var keyFingerprint: String
        enum CodingKeys: String, CodingKey { case keyFingerprint = "key_fingerprint" }
    }

    public struct ReportReference: Codable, Sendable, Equatable {
        public var id: Int64
        public var country: String
        public var workspace: String
        public var template: String
        public var templateVersion: Int
        public var snapshot: Int
        /// When the snapshot was frozen (the submission).
        public var submittedAt: Date
        enum CodingKeys: String, CodingKey {
            case id, country, workspace, template, snapshot
            case templateVersion = "template_version", submittedAt = "submitted_at"
        }
    }

    public struct Signature: Codable, Sendable, Equatable {
        public var algorithm = "Ed25519"
        public var file = EvidenceBundle.signaturePath
        public var encoding = "base64"
        public var publicKey = EvidenceBundle.publicKeyPath
        enum CodingKeys: String, CodingKey { case algorithm, file, encoding, publicKey = "public_key" }
    }

    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var bytes: Int
    }

    public var schema = "synergia.evidence-manifest/1"
    public var createdAt: Date
    public var software: String
    public var installation: Installation
    public var report: ReportReference
    public var signature = Signature()
    public var files: [File]

    enum CodingKeys: String, CodingKey {
        case schema, software, installation, report, signature, files
        case createdAt = "created_at"
    }
}

/// series.json: every series a snapshot's answers came from, as stored when the bundle was made.
public struct EvidenceSeriesFile: Codable, Sendable, Equatable {
    public struct Series: Codable, Sendable, Equatable {
        public var indicator: String
        public var disaggregation: String
        public var unit: String
        /// The answer keys of the snapshot that name this indicator as their source.
        public var usedBy: [String]
        public var observations: [Observation]
        enum CodingKeys: String, CodingKey { case indicator, disaggregation, unit, observations, usedBy = "used_by" }
    }

    public struct Observation: Codable, Sendable, Equatable {
        public var year: Int
        public var value: Double
        public var source: String?
        public var provenance: EvidenceProvenance
    }

    public var schema = "synergia.evidence-series/1"
    public var series: [Series]
}

/// Where a series value came from, in plain keys: `entered` (user), `imported` (file SHA-256 and row), `computed` (run).
public struct EvidenceProvenance: Codable, Sendable, Equatable {
    public var kind: String
    public var user: Int64?
    public var fileSHA256: String?
    public var row: Int?
    public var run: Int64?

    enum CodingKeys: String, CodingKey { case kind, user, row, run, fileSHA256 = "file_sha256" }

    init(_ provenance: Provenance) {
        kind = provenance.kind
        switch provenance {
        case .entered(let userID): user = userID
        case .imported(let hash, let line): (fileSHA256, row) = (hash, line)
        case .computed(let runID): run = runID
        }
    }
}

/// runs/RUN.json: a run's record as stored, with every figure of the run its series still hold.
public struct EvidenceRunFile: Codable, Sendable, Equatable {
    /// An input file of the run: its role, its name as given, its SHA-256 (hex) and size.
    public struct Input: Codable, Sendable, Equatable {
        public var role: String
        public var fileName: String
        public var sha256: String
        public var bytes: Int
        enum CodingKeys: String, CodingKey { case role, sha256, bytes, fileName = "file_name" }
    }

    public var schema = "synergia.evidence-run/1"
    public var id: Int64
    public var engine: String
    public var softwareVersion: String
    public var startedAt: Date
    public var durationMilliseconds: Int64
    public var inputs: [Input]
    public var options: [String: String]
    public var warnings: [String]
    public var figures: [RunFigure]

    enum CodingKeys: String, CodingKey {
        case schema, id, engine, inputs, options, warnings, figures
        case softwareVersion = "software_version", startedAt = "started_at", durationMilliseconds = "duration_ms"
    }

    /// The run as the engines' pipelines take it back (its workspace is not part of the evidence).
    public var run: ComputationRun {
        ComputationRun(id: id, workspaceID: 0, engine: engine,
                       inputs: inputs.map { ComputationRun.Input(role: $0.role, fileName: $0.fileName, sha256: $0.sha256, bytes: $0.bytes) }, options: options, softwareVersion: softwareVersion,
                       startedAt: startedAt, durationMilliseconds: durationMilliseconds, warnings: warnings)
    }
}
