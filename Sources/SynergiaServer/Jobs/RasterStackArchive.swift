import Foundation
import SynergiaCore
import SynergiaGeoBindings
import SynergiaLand
import ZIPFoundation

/// A land-degradation stack uploaded as one ZIP: the rasters and the
/// inputs.json that `synergia demo-data land` writes (files named in it are
/// looked up by name in the ZIP). Unpacked flat: a path inside the archive
/// never decides where a file lands. Sizes the archive declares are not
/// trusted: bytes are counted as they are written, and on any refusal
/// everything unpacked is removed.
enum RasterStackArchive {
    /// No stack unpacks to more than this, whatever the free disk space.
    static let maxUnpackedBytes: Int64 = 50_000_000_000
    /// Left free on the jobs folder's disk for the run's outputs and everything else.
    static let diskMargin: Int64 = 2_000_000_000
    static let maxEntries = 5_000

    /// The most a stack may unpack to on the disk holding `folder`.
    static func unpackLimit(for folder: URL) -> Int64 {
        var probe = folder
        while !FileManager.default.fileExists(atPath: probe.path), probe.pathComponents.count > 1 { probe.deleteLastPathComponent() }
        let free = ((try? FileManager.default.attributesOfFileSystem(forPath: probe.path))?[.systemFreeSize] as? NSNumber)?.int64Value
        return min(maxUnpackedBytes, max(0, (free ?? maxUnpackedBytes) - diskMargin))
    }

    /// Unpacks `zip` (named `name` as uploaded) into `folder` and reads its inputs.json.
    static func unpack(_ zip: URL, named name: String = "the raster ZIP", into folder: URL, limit: Int64? = nil) throws -> LandInputsFile {
        do {
            return try unpackChecked(zip, named: name, into: folder, limit: limit ?? unpackLimit(for: folder))
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    private static func unpackChecked(_ zip: URL, named name: String, into folder: URL, limit: Int64) throws -> LandInputsFile {
        let archive: Archive
        do { archive = try Archive(url: zip, accessMode: .read) } catch {
            throw DomainError.invalid("\(name) could not be opened as a ZIP; make it again with a ZIP tool")
        }
        var entries: [Entry] = []
        for entry in archive {
            try checkEntryName(entry.path, archive: name)
            switch entry.type {
            case .symlink: throw DomainError.invalid("\(name) holds a symbolic link (\(entry.path)); put the files themselves in the ZIP")
            case .directory: continue
            case .file: entries.append(entry)
            }
            guard entries.count <= maxEntries else {
                throw DomainError.invalid("\(name) holds more than \(maxEntries) files; a land stack needs one file per raster and inputs.json")
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var seen = Set<String>()
        var written: Int64 = 0
        for entry in entries {
            let file = URL(fileURLWithPath: entry.path).lastPathComponent
            guard !file.hasPrefix("."), !entry.path.contains("__MACOSX") else { continue }
            guard seen.insert(file).inserted else {
                throw DomainError.invalid("\(name) holds two files named \(file); keep one")
            }
            let declared = Int64(clamping: entry.uncompressedSize)
            let target = folder.appendingPathComponent(file)
            guard FileManager.default.createFile(atPath: target.path, contents: nil), let output = FileHandle(forWritingAtPath: target.path) else {
                throw DomainError.invalid("\(file) from \(name) could not be stored; try again")
            }
            defer { try? output.close() }
            var entryBytes: Int64 = 0
            var checksum: CRC32 = 0
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                    entryBytes += Int64(chunk.count)
                    written += Int64(chunk.count)
                    if entryBytes > declared { throw UnpackRefusal.sizeLies }
                    if written > limit { throw UnpackRefusal.overLimit }
                    try output.write(contentsOf: chunk)
                }
            } catch UnpackRefusal.sizeLies {
                throw DomainError.invalid("\(file) in \(name) unpacks to more than the \(declared) bytes the ZIP declares for it: the archive is damaged or forged; make it again with a ZIP tool")
            } catch UnpackRefusal.overLimit {
                throw DomainError.invalid("\(name) unpacks to more than \(megabytes(limit)) MB, the most this server accepts (its free disk space less a margin, at most \(megabytes(maxUnpackedBytes)) MB); send a smaller stack or free disk space on the server")
            } catch {
                throw DomainError.invalid("\(file) in \(name) could not be unpacked; the archive may be damaged, make it again with a ZIP tool")
            }
            if entryBytes != declared || checksum != entry.checksum {
                throw DomainError.invalid("\(file) in \(name) does not match the size or checksum the ZIP declares for it: the archive is damaged; make it again with a ZIP tool")
            }
        }
        let description = folder.appendingPathComponent("inputs.json")
        guard let data = FileManager.default.contents(atPath: description.path) else {
            throw DomainError.invalid("\(name) has no inputs.json naming the land-cover years, productivity and SOC rasters (see docs/land-degradation.md)")
        }
        let relocated: LandInputsFile
        do { relocated = try LandInputsFile.read(data, file: "inputs.json in \(name)").relocated(to: folder) } catch {
            throw DomainError.invalid(PathScrubber.baseNamesOnly("\(error)"))
        }
        for path in relocated.inputs.rasterPaths {
            do { try UserFileCheck.raster(path) } catch {
                throw DomainError.invalid("\(PathScrubber.baseNamesOnly("\(error)")) (in \(name))")
            }
        }
        return relocated
    }

    /// A name inside the archive that is absolute or climbs out of its folder is refused, though files land flat.
    static func checkEntryName(_ path: String, archive: String) throws {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\0") || parts.contains("..")
            || (path.count >= 2 && path.dropFirst().first == ":") {
            throw DomainError.invalid("\(archive) holds a file named \(path.prefix(200)), which points outside the archive; make the ZIP again from the folder of rasters")
        }
    }

    private static func megabytes(_ bytes: Int64) -> Int64 { bytes / 1_000_000 }

    private enum UnpackRefusal: Error { case sizeLies, overLimit }
}

extension LandInputs {
    /// Every raster the inputs name.
    var rasterPaths: [String] {
        var paths = landCover.keys.sorted().compactMap { landCover[$0] }
        switch productivity {
        case .lpd(let byPeriod): paths += byPeriod.keys.sorted().compactMap { byPeriod[$0] }
        case .ndvi(.multiband(let path, _)): paths.append(path)
        case .ndvi(.files(let byYear)): paths += byYear.keys.sorted().compactMap { byYear[$0] }
        }
        paths += [soc].compactMap { $0 } + socStock.keys.sorted().compactMap { socStock[$0] }
        paths += [climate, soilType].compactMap { $0 }
        return Array(NSOrderedSet(array: paths).array as! [String])
    }
}
