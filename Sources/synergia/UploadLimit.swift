import Foundation
import SynergiaCore

/// The largest file a command takes in, as the server's uploads: `--max-size` in MB,
/// else SYNERGIA_MAX_UPLOAD_MB, else 20 MB. One rule, so a file refused on the web
/// is refused the same way on the command line.
struct UploadLimit {
    let bytes: Int

    init(maxSizeMB: Int?) {
        bytes = (maxSizeMB ?? ProcessInfo.processInfo.environment["SYNERGIA_MAX_UPLOAD_MB"].flatMap(Int.init) ?? 20) * 1_000_000
    }

    /// The file's bytes; a larger file is refused before it is read into memory.
    func read(_ file: String) throws -> Data {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int else {
            throw DomainError.notFound("cannot read \(file): no such file")
        }
        guard size <= bytes else {
            throw DomainError.invalid("\(file) is \(size / 1_000_000) MB; the limit is \(bytes / 1_000_000) MB (raise it with --max-size)")
        }
        do { return try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw DomainError.notFound("cannot read \(file): \(error.localizedDescription)") }
    }
}
