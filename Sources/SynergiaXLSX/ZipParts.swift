import Foundation
import ZIPFoundation

/// Read-only access to the parts of an .xlsx ZIP with the ZIP-bomb guards applied:
/// declared sizes are checked before anything is inflated, and the bytes actually
/// produced are counted while inflating, because declared sizes can lie.
final class ZipParts {
    private let archive: Archive
    private let entries: [String: Entry]
    private let lowercasedPaths: [String: String]
    let limits: XLSXLimits
    private var inflatedBytes = 0

    init(data: Data, limits: XLSXLimits) throws(XLSXError) {
        self.limits = limits
        guard data.count <= limits.maxFileBytes else {
            throw XLSXError(.tooLarge("the file has \(data.count) bytes, the limit is \(limits.maxFileBytes)"))
        }
        guard ZipArchiveAccess.hasSignature(data) else {
            throw XLSXError(.notZip)
        }
        guard let archive = ZipArchiveAccess.open(data) else {
            throw XLSXError(.corruptArchive("the ZIP directory cannot be read"))
        }
        var entries: [String: Entry] = [:]
        var declared: UInt64 = 0
        for entry in archive {
            // An entry claiming data beyond the end of the file is a truncated or forged archive.
            guard entry.compressedSize <= UInt64(data.count) else {
                throw XLSXError(.corruptArchive("the part \"\(entry.path)\" extends past the end of the file"))
            }
            declared = declared.addingReportingOverflow(entry.uncompressedSize).partialValue
            guard declared <= UInt64(limits.maxUncompressedBytes) else {
                throw XLSXError(.tooLarge("its contents unpack to more than \(limits.maxUncompressedBytes) bytes"))
            }
            entries[entry.path] = entry
        }
        guard !entries.isEmpty else { throw XLSXError(.corruptArchive("the ZIP archive contains no files")) }
        self.archive = archive
        self.entries = entries
        self.lowercasedPaths = Dictionary(entries.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }

    func contains(_ path: String) -> Bool { resolve(path) != nil }

    /// Some producers differ in case from the relationship target; ZIP paths are case-sensitive.
    private func resolve(_ path: String) -> Entry? {
        if let e = entries[path] { return e }
        return lowercasedPaths[path.lowercased()].flatMap { entries[$0] }
    }

    func read(_ path: String) throws(XLSXError) -> Data {
        guard let entry = resolve(path) else { throw XLSXError(.missingPart(path)) }
        do {
            return try ZipArchiveAccess.extract(entry, from: archive, produced: &inflatedBytes, budget: limits.maxUncompressedBytes)
        } catch ZipArchiveAccess.ExtractFailure.overBudget {
            throw XLSXError(.tooLarge("its contents unpack to more than \(limits.maxUncompressedBytes) bytes"))
        } catch {
            throw XLSXError(.corruptArchive("the part \"\(path)\" cannot be unpacked"))
        }
    }
}
