import Foundation
import SynergiaCore
import SynergiaGeo
import ZIPFoundation

/// A land-degradation stack uploaded as one ZIP: the rasters and the
/// inputs.json that `synergia demo-data land` writes (files named in it are
/// looked up by name in the ZIP). Unpacked flat: a path inside the archive
/// never decides where a file lands.
enum RasterStackArchive {
    /// A ZIP that unpacks to more than this is refused (a compression bomb, or not a stack).
    static let maxUnpackedBytes: UInt64 = 50_000_000_000

    static func unpack(_ zip: URL, into folder: URL) throws -> LandInputs {
        let archive: Archive
        do { archive = try Archive(url: zip, accessMode: .read) } catch {
            throw DomainError.invalid("the raster ZIP could not be opened (\(error)); make it again with a ZIP tool")
        }
        let files = archive.filter { $0.type == .file }
        let total = files.reduce(UInt64(0)) { $0 + UInt64($1.uncompressedSize) }
        guard total <= maxUnpackedBytes else {
            throw DomainError.invalid("the raster ZIP unpacks to \(total / 1_000_000_000) GB, more than \(maxUnpackedBytes / 1_000_000_000) GB")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var seen = Set<String>()
        for entry in files {
            let name = URL(fileURLWithPath: entry.path).lastPathComponent
            guard !name.hasPrefix("."), !entry.path.contains("__MACOSX") else { continue }
            guard seen.insert(name).inserted else {
                throw DomainError.invalid("the raster ZIP holds two files named \(name); keep one")
            }
            do { _ = try archive.extract(entry, to: folder.appendingPathComponent(name), skipCRC32: false) } catch {
                throw DomainError.invalid("\(name) in the raster ZIP could not be unpacked (\(error)); the archive may be damaged")
            }
        }
        let description = folder.appendingPathComponent("inputs.json")
        guard let data = FileManager.default.contents(atPath: description.path) else {
            throw DomainError.invalid("the raster ZIP has no inputs.json naming the land-cover years, productivity and SOC rasters (see docs/land-degradation.md)")
        }
        let inputs: LandInputs
        do { inputs = try JSONDecoder().decode(LandInputs.self, from: data) } catch {
            throw DomainError.invalid("inputs.json in the raster ZIP is not a land inputs file (\(error.localizedDescription)); `synergia demo-data land` writes one to copy")
        }
        do { return try inputs.relocated(to: folder) } catch {
            throw DomainError.invalid("\(error)")
        }
    }
}
