import Foundation
import ZIPFoundation

/// The entry names of a ZIP archive held in memory, and the text of one small
/// entry, for telling kinds of uploaded files apart without unpacking them.
public enum ZipListing {
    /// More entries than any uploaded file needs; a directory listing more is not read.
    public static let maximumEntries = 10_000

    /// nil when the bytes are no readable ZIP archive (truncated, forged, empty, or too many entries).
    public static func read(_ data: Data, textOf textEntry: String, maximumTextBytes: Int) -> (names: [String], text: String?)? {
        guard ZipArchiveAccess.hasSignature(data), let archive = ZipArchiveAccess.open(data) else { return nil }
        var names: [String] = []
        var text: String?
        for entry in archive {
            names.append(entry.path)
            guard names.count <= maximumEntries else { return nil }
            guard entry.path == textEntry, text == nil, entry.uncompressedSize <= UInt64(maximumTextBytes),
                  entry.compressedSize <= UInt64(data.count) else { continue }
            var produced = 0
            if let bytes = try? ZipArchiveAccess.extract(entry, from: archive, produced: &produced, budget: maximumTextBytes) {
                text = String(decoding: bytes, as: UTF8.self)
            }
        }
        return names.isEmpty ? nil : (names, text)
    }
}
