import Crypto
import Foundation
import SynergiaCore

/// The SHA-256 and size of an input file, streamed so a multi-gigabyte
/// raster or geodatabase is never held in memory. A folder (a file
/// geodatabase, a shapefile's directory) is fingerprinted file by file in name order.
enum FileFingerprint {
    static func input(role: String, path: String) throws -> ComputationRun.Input {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        var hasher = SHA256()
        var bytes = 0
        let files = isDirectory.boolValue
            ? (try FileManager.default.subpathsOfDirectory(atPath: path)).sorted().map { url.appendingPathComponent($0) }.filter { !$0.hasDirectoryPath && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            : [url]
        for file in files {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                bytes += chunk.count
            }
        }
        let digest = HexText.string(hasher.finalize())
        return ComputationRun.Input(role: role, fileName: url.lastPathComponent, sha256: digest, bytes: bytes)
    }
}
