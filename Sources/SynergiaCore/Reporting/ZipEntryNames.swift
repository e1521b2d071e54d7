import Foundation

/// The names of the files a ZIP archive lists in its central directory, read
/// from the bytes without unpacking anything: enough to tell a workbook, an
/// OpenDocument spreadsheet and a zipped shapefile apart. Every offset is
/// checked against the data, so a truncated or forged archive reads as nil.
public enum ZipEntryNames {
    static let endOfDirectorySignature: UInt32 = 0x0605_4b50
    static let directoryEntrySignature: UInt32 = 0x0201_4b50
    static let localHeaderSignature: UInt32 = 0x0403_4b50
    /// More entries than any attachment needs; a directory claiming more is not read.
    static let maximumEntries = 10_000

    public static func isZip(_ data: Data) -> Bool {
        data.count >= 4 && uint32(data, 0) == localHeaderSignature
    }

    /// The entry names in directory order, or nil when the directory cannot be read.
    public static func read(_ data: Data) -> [String]? {
        guard isZip(data), data.count >= 22 else { return nil }
        // The end record is the last 22 bytes unless an archive comment (at most 65,535 bytes) follows it.
        let earliest = max(0, data.count - 22 - 65_535)
        var end = data.count - 22
        while end >= earliest, uint32(data, end) != endOfDirectorySignature { end -= 1 }
        guard end >= earliest else { return nil }
        let count = Int(uint16(data, end + 10))
        let directoryOffset = Int(uint32(data, end + 16))
        guard count <= maximumEntries, directoryOffset < end else { return nil }
        var names: [String] = []
        var position = directoryOffset
        for _ in 0..<count {
            guard position + 46 <= end, uint32(data, position) == directoryEntrySignature else { return nil }
            let nameLength = Int(uint16(data, position + 28))
            let extraLength = Int(uint16(data, position + 30))
            let commentLength = Int(uint16(data, position + 32))
            let nameStart = position + 46
            guard nameStart + nameLength <= end else { return nil }
            let start = data.startIndex + nameStart
            names.append(String(decoding: data[start..<(start + nameLength)], as: UTF8.self))
            position = nameStart + nameLength + extraLength + commentLength
        }
        return names
    }

    /// The content of the archive's first entry when it is stored uncompressed
    /// under `name`: where OpenDocument files keep their `mimetype`.
    public static func firstStoredEntry(named name: String, in data: Data, maximumBytes: Int) -> String? {
        guard isZip(data), data.count >= 30, uint16(data, 8) == 0 else { return nil }
        let nameLength = Int(uint16(data, 26))
        let extraLength = Int(uint16(data, 28))
        let size = Int(uint32(data, 18))
        guard nameLength == name.utf8.count, size <= maximumBytes, 30 + nameLength + extraLength + size <= data.count else { return nil }
        let start = data.startIndex + 30
        guard String(decoding: data[start..<(start + nameLength)], as: UTF8.self) == name else { return nil }
        let contentStart = start + nameLength + extraLength
        return String(decoding: data[contentStart..<(contentStart + size)], as: UTF8.self)
    }

    static func uint16(_ data: Data, _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= data.count else { return 0 }
        let i = data.startIndex + offset
        return UInt16(data[i]) | UInt16(data[i + 1]) << 8
    }

    static func uint32(_ data: Data, _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= data.count else { return 0 }
        let i = data.startIndex + offset
        return UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
    }
}
