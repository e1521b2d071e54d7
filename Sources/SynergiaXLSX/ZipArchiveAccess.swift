import Foundation
import ZIPFoundation

/// What every ZIP reader of this module shares: the signature, opening the bytes
/// safely, and inflating an entry within a budget of bytes actually produced
/// (declared sizes can lie).
enum ZipArchiveAccess {
    static func hasSignature(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// ZIPFoundation's in-memory reader traps when a damaged archive points past the end
    /// of the data, while its file reader refuses it; so the bytes go through a private
    /// file, removed as soon as it is open so nothing is ever left behind.
    static func open(_ data: Data) -> Archive? {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        guard (try? data.write(to: url, options: .withoutOverwriting)) != nil else { return nil }
        return try? Archive(url: url, accessMode: .read)
    }

    enum ExtractFailure: Error {
        /// `produced` went past the budget.
        case overBudget
        /// The entry could not be inflated or its CRC does not match.
        case damaged
    }

    /// The entry's bytes, CRC checked; `produced` counts the bytes inflated so far across calls.
    static func extract(_ entry: Entry, from archive: Archive, produced: inout Int, budget: Int) throws(ExtractFailure) -> Data {
        var out = Data()
        var count = produced
        var overflow = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                count += chunk.count
                if count > budget {
                    overflow = true
                    throw CocoaError(.fileReadTooLarge)
                }
                out.append(chunk)
            }
        } catch {
            throw overflow ? .overBudget : .damaged
        }
        produced = count
        return out
    }
}
