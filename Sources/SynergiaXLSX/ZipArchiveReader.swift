import Foundation
import ZIPFoundation

/// Reads every file of a small ZIP archive (an evidence bundle) with the same guards
/// as the workbook reader: declared sizes checked before anything is inflated, the bytes
/// produced counted while inflating, every entry's CRC checked.
public enum ZipArchiveReader {
    /// Why an archive could not be read; `part` names the entry when one is at fault.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var part: String?
        public var reason: String
        public var description: String { part.map { "\($0): \(reason)" } ?? reason }
    }

    /// - Returns: the archive's files by path, in the archive's order.
    public static func entries(of data: Data, maxBytes: Int = 200_000_000, maxEntries: Int = 10_000) throws(Failure) -> [(path: String, data: Data)] {
        guard ZipArchiveAccess.hasSignature(data) else {
            throw Failure(reason: "the file is not a ZIP archive")
        }
        guard let archive = ZipArchiveAccess.open(data) else {
            throw Failure(reason: "the ZIP directory cannot be read (the archive is damaged or incomplete)")
        }
        var declared: UInt64 = 0
        var listed: [Entry] = []
        for entry in archive where entry.type == .file {
            guard entry.compressedSize <= UInt64(data.count) else {
                throw Failure(part: entry.path, reason: "the entry extends past the end of the archive")
            }
            declared = declared.addingReportingOverflow(entry.uncompressedSize).partialValue
            guard declared <= UInt64(maxBytes) else { throw Failure(reason: "the archive unpacks to more than \(maxBytes) bytes") }
            listed.append(entry)
            guard listed.count <= maxEntries else { throw Failure(reason: "the archive has more than \(maxEntries) files") }
        }
        var produced = 0
        var files: [(path: String, data: Data)] = []
        for entry in listed {
            let out: Data
            do {
                out = try ZipArchiveAccess.extract(entry, from: archive, produced: &produced, budget: maxBytes)
            } catch ZipArchiveAccess.ExtractFailure.overBudget {
                throw Failure(reason: "the archive unpacks to more than \(maxBytes) bytes")
            } catch {
                throw Failure(part: entry.path, reason: "the entry cannot be unpacked: its bytes do not match the archive's checksum (the archive was changed or damaged)")
            }
            files.append((entry.path, out))
        }
        return files
    }
}
