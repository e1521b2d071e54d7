import Crypto
import Foundation
import SynergiaCore

/// The folder where attachment contents live, each under its SHA-256
/// (`ab/abcdef…`): one copy however many answers carry it. A file is written
/// under a temporary name in the same folder and renamed into place only as
/// its database row commits, so a failure never leaves half a file under a
/// checksum; every read is checked against that checksum.
public struct AttachmentFiles: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// `SYNERGIA_ATTACHMENTS_DIR` when set; otherwise, for SQLite, a folder beside the
    /// database file (`var/synergia.sqlite` → `var/synergia-files`), and for
    /// PostgreSQL `var/attachments` under the working directory.
    public static func directory(databaseURL: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let configured = environment["SYNERGIA_ATTACHMENTS_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured, isDirectory: true)
        }
        if databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") {
            return URL(fileURLWithPath: "var/attachments", isDirectory: true)
        }
        let path = databaseURL.hasPrefix("sqlite:") ? String(databaseURL.dropFirst("sqlite:".count)) : databaseURL
        let database = URL(fileURLWithPath: path)
        return database.deletingLastPathComponent()
            .appendingPathComponent(database.deletingPathExtension().lastPathComponent + "-files", isDirectory: true)
    }

    /// The folder for the store's database, as `directory(databaseURL:)` chooses it.
    public static func beside(_ store: SQLStore, environment: [String: String] = ProcessInfo.processInfo.environment) -> AttachmentFiles {
        let url = (store.provider as? SQLiteProvider).map { "sqlite:" + $0.path } ?? "postgres://"
        return AttachmentFiles(directory: directory(databaseURL: url, environment: environment))
    }

    public static func sha256(_ data: Data) -> String {
        HexText.string(SHA256.hash(data: data))
    }

    /// A file written whole under a temporary name, not yet under its checksum.
    public struct Staged: Sendable {
        let temporary: URL
        public let sha256: String
    }

    public func stage(_ data: Data, sha256: String) throws -> Staged {
        let folder = directory.appendingPathComponent("incoming", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(UUID().uuidString + ".part")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DomainError.conflict("the file could not be written to the attachments folder (\(error.localizedDescription)); ask the administrator to check its space and permissions")
        }
        return Staged(temporary: temporary, sha256: sha256)
    }

    /// Moves a staged file under its checksum; an identical copy already there is kept.
    public func place(_ staged: Staged) throws {
        let target = url(sha256: staged.sha256)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target.path), (try? read(sha256: staged.sha256)) != nil {
            discard(staged)
            return
        }
        // rename(2) replaces the target in one step: a reader sees the old copy or the new, never half.
        guard rename(staged.temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard(staged)
            throw DomainError.conflict("the file could not be moved into the attachments folder (\(reason)); ask the administrator to check its permissions")
        }
    }

    public func discard(_ staged: Staged) {
        try? FileManager.default.removeItem(at: staged.temporary)
    }

    /// The content stored under `sha256`, refused when missing or when it no longer matches.
    public func read(sha256: String) throws -> Data {
        let target = url(sha256: sha256)
        guard let data = FileManager.default.contents(atPath: target.path) else {
            throw DomainError.notFound("the stored file \(sha256.prefix(12))… is missing from the attachments folder; restore the folder from a backup, or detach the file and attach it again")
        }
        guard Self.sha256(data) == sha256 else {
            throw DomainError.conflict("the stored file \(sha256.prefix(12))… no longer matches its checksum (changed or damaged on disk); restore it from a backup, or detach it and attach it again")
        }
        return data
    }

    public func remove(sha256: String) {
        try? FileManager.default.removeItem(at: url(sha256: sha256))
    }

    public func exists(sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: url(sha256: sha256).path)
    }

    func url(sha256: String) -> URL {
        directory.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent(sha256)
    }
}
