import Foundation
import ZIPFoundation

/// The entry names of a ZIP archive held in memory, and the text of one small
/// entry, for telling kinds of uploaded files apart without unpacking them.
public enum ZipListing {
    /// More entries than any uploaded file needs; a directory listing more is not read.
    public static let maximumEntries = 10_000

    /// nil when the bytes are no readable ZIP archive (truncated, forged, empty, or too many entries).
    public static func read(_ data: Data, textOf textEntry: String, maximumTextBytes: Int) -> (names: [String], text: String?)? {
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        // ZIPFoundation's in-memory reader traps on a directory that points past the data;
        // its file reader refuses such an archive, so the bytes are read from a private file.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-listing-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        guard (try? data.write(to: url, options: .withoutOverwriting)) != nil,
              let archive = try? Archive(url: url, accessMode: .read) else { return nil }
        var names: [String] = []
        var text: String?
        for entry in archive {
            names.append(entry.path)
            guard names.count <= maximumEntries else { return nil }
            guard entry.path == textEntry, text == nil, entry.uncompressedSize <= UInt64(maximumTextBytes),
                  entry.compressedSize <= UInt64(data.count) else { continue }
            var bytes = Data()
            if (try? archive.extract(entry, skipCRC32: false, consumer: { bytes.append($0) })) != nil {
                text = String(decoding: bytes, as: UTF8.self)
            }
        }
        return names.isEmpty ? nil : (names, text)
    }
}
