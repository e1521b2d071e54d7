import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
@testable import SynergiaGeoBindings
@testable import SynergiaDemoData
@testable import SynergiaServer
import SynergiaStore
import SynergiaTestSupport
import Testing
import ZIPFoundation

/// Uploads from the web reach GDAL only as themselves: raster ZIPs unpacked
/// with counted bytes, references and damaged files refused with 422 naming
/// the upload, and no server path in any message.
@Suite struct UploadHardeningTests {
    typealias Pages = ComputationPagesTests

    /// A land stack as `synergia demo-data land` writes it, with `replace` overriding some of its files' bytes.
    static func landZIP(in folder: URL, replace: [String: Data] = [:]) throws -> (zip: URL, aoi: Data) {
        let stack = folder.appendingPathComponent("stack")
        let written = try LandDataGenerator(seed: 5, size: 24).write(to: stack)
        try JSONEncoder().encode(written.inputs).write(to: stack.appendingPathComponent("inputs.json"))
        for (name, data) in replace { try data.write(to: stack.appendingPathComponent(name)) }
        let zip = folder.appendingPathComponent("stack-\(UUID().uuidString).zip")
        let archive = try Archive(url: zip, accessMode: .create)
        for name in try FileManager.default.contentsOfDirectory(atPath: stack.path).sorted() where !name.hasPrefix("aoi") {
            try archive.addEntry(with: name, fileURL: stack.appendingPathComponent(name), compressionMethod: .deflate)
        }
        return (zip, try Data(contentsOf: URL(fileURLWithPath: written.aoi)))
    }

    static func jobsLeft(_ app: TestApp) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: app.settings.jobsFolder.path)) ?? []
    }

    static func expectNothingStored(_ app: TestApp) async throws {
        let ken = try #require(try await app.store.workspace(country: "KEN"))
        #expect(try await app.store.jobs(workspaceID: ken.id).isEmpty)
        #expect(try await app.store.runs(workspaceID: ken.id).isEmpty)
        #expect(jobsLeft(app).isEmpty, "\(jobsLeft(app))")
    }

    @Test(arguments: TestDatabase.kinds)
    func aVRTDisguisedAsSOCThatPointsToTheNetworkIsRefusedAndNeverFetched(kind: DatabaseKind) async throws {
        let listener = try LocalListener(); defer { listener.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vrt = disguisedVRT("/vsicurl/http://127.0.0.1:\(listener.port)/x.tif")
        let (zip, _) = try Self.landZIP(in: folder, replace: ["soc_2000.tif": Data(vrt.utf8)])
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = Pages.multipart(session, files: [("rasters", "my stack.zip", try Data(contentsOf: zip))])
            let response = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            let text = String(buffer: response.body)
            #expect(text.contains("soc_2000.tif: is an XML file (a GDAL VRT or another format that points to other files or addresses), not a GeoTIFF; give the data file itself (in my_stack.zip)"), "\(text.prefix(600))")
            #expect(!text.contains(app.settings.jobsFolder.path))
            try await Self.expectNothingStored(app)
        }
        // Even Synergia's own opener, which accepts any driver, cannot reach the address.
        #expect(SynergiaFile.open("/vsicurl/http://127.0.0.1:\(listener.port)/x.tif", raster: true) == nil)
        #expect(SynergiaFile.open("/vsis3/bucket/x.tif", raster: true) == nil)
        try await Task.sleep(for: .milliseconds(200))
        #expect(!listener.wasContacted)
    }

    @Test func aVRTPointingToAServerFileGetsTheSameAnswerWhetherTheFileExistsOrNot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("secret.tif")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try RasterInt16Writer.write(path: secret.path, grid: .geographic(west: 30, north: 5, cellDegrees: 0.1, width: 4, height: 4), values: [Int16](repeating: 1, count: 16))
        let existing = try Self.landZIP(in: folder.appendingPathComponent("a"), replace: ["soc_2000.tif": Data(disguisedVRT(secret.path).utf8)]).zip
        let absent = try Self.landZIP(in: folder.appendingPathComponent("b"), replace: ["soc_2000.tif": Data(disguisedVRT(folder.appendingPathComponent("none.tif").path).utf8)]).zip
        try await TestApp.with(.sqlite) { client, app, _, _ in
            let session = try await app.session(.contributor)
            var answers: [String] = []
            for zip in [existing, absent] {
                let (headers, body) = Pages.multipart(session, files: [("rasters", "stack.zip", try Data(contentsOf: zip))])
                let response = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: headers, body: body)
                #expect(response.status == .unprocessableContent)
                answers.append(String(buffer: response.body))
            }
            #expect(answers[0] == answers[1])
            #expect(!answers[0].contains("secret") && !answers[0].contains(folder.path))
            try await Self.expectNothingStored(app)
        }
    }

    /// A ZIP whose local and central headers declare `declared` bytes for every entry.
    static func forge(_ zip: URL, declaring declared: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: zip))
        func put(_ value: UInt32, at offset: Int) { for k in 0..<4 { bytes[offset + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) } }
        var i = 0
        while i + 46 <= bytes.count {
            let signature = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            if signature == 0x0403_4B50 { put(declared, at: i + 22) }
            if signature == 0x0201_4B50 { put(declared, at: i + 24) }
            i += 1
        }
        try Data(bytes).write(to: zip)
    }

    @Test(arguments: TestDatabase.kinds)
    func aZIPWhoseDeclaredSizesLieIsStoppedAtTheDeclaredSizeAndLeavesNothing(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("bomb.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        let zeros = Data(count: 20_000_000)
        try archive.addEntry(with: "land_cover_2000.tif", type: .file, uncompressedSize: Int64(zeros.count), compressionMethod: .deflate) { position, size in
            zeros.subdata(in: Int(position)..<Int(position) + size)
        }
        try Self.forge(zip, declaring: 1_000)
        #expect(try Data(contentsOf: zip).count < 100_000)
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = Pages.multipart(session, files: [("rasters", "bomb.zip", try Data(contentsOf: zip))])
            let response = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            let text = String(buffer: response.body)
            #expect(text.contains("land_cover_2000.tif in bomb.zip unpacks to more than the 1000 bytes the ZIP declares for it"), "\(text.prefix(600))")
            try await Self.expectNothingStored(app)
        }
    }

    @Test func theUnpackedTotalIsCappedAndEverythingIsRemoved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (zip, _) = try Self.landZIP(in: folder)
        let target = folder.appendingPathComponent("rasters")
        let error = #expect(throws: DomainError.self) { try RasterStackArchive.unpack(zip, named: "stack.zip", into: target, limit: 20_000) }
        #expect(error?.message.hasPrefix("stack.zip unpacks to more than 0 MB, the most this server accepts") == true, "\(error?.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: target.path))
        // The same archive within the limit unpacks; the limit never exceeds the free disk space.
        let inputs = try RasterStackArchive.unpack(zip, named: "stack.zip", into: target)
        #expect(inputs.inputs.soc?.hasPrefix(target.path) == true)
        let free = try #require((try FileManager.default.attributesOfFileSystem(forPath: folder.path))[.systemFreeSize] as? NSNumber).int64Value
        #expect(RasterStackArchive.unpackLimit(for: target) <= free - RasterStackArchive.diskMargin)
        #expect(RasterStackArchive.unpackLimit(for: target) <= RasterStackArchive.maxUnpackedBytes)
    }

    @Test(arguments: ["../escape.tif", "/etc/escape.tif", "a/../../escape.tif", "C:\\escape.tif", "a\\..\\escape.tif"])
    func entryNamesOutsideTheArchiveAreRefused(name: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("names.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(4), provider: { (_: Int64, _: Int) in Data("II*\0".utf8) })
        let target = folder.appendingPathComponent("rasters")
        let error = #expect(throws: DomainError.self) { try RasterStackArchive.unpack(zip, named: "names.zip", into: target) }
        #expect(error?.message.contains("which points outside the archive") == true, "\(error?.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func aSymbolicLinkInTheArchiveIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("link.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        try archive.addEntry(with: "soc_2000.tif", type: .symlink, uncompressedSize: Int64(11), provider: { (_: Int64, _: Int) in Data("/etc/passwd".utf8) })
        let target = folder.appendingPathComponent("rasters")
        let error = #expect(throws: DomainError.self) { try RasterStackArchive.unpack(zip, named: "link.zip", into: target) }
        #expect(error?.message == "link.zip holds a symbolic link (soc_2000.tif); put the files themselves in the ZIP")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test(arguments: TestDatabase.kinds)
    func malformedGeoJSONAndATruncatedGeoPackageGet422WithTheirNames(kind: DatabaseKind) async throws {
        let (folder, wdpa) = try Pages.demoWDPA()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            func post(_ name: String, _ data: Data) async throws -> (HTTPResponse.Status, String) {
                let (headers, body) = Pages.multipart(session, fields: [("year", "2024")], files: [("wdpa", name, data)])
                let response = try await client.execute(uri: "/w/KEN/computations/coverage", method: .post, headers: headers, body: body)
                return (response.status, String(buffer: response.body))
            }
            let (jsonStatus, json) = try await post("sites.geojson", Data(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"#.utf8))
            #expect(jsonStatus == .unprocessableContent)
            #expect(json.contains("sites.geojson cannot be read (") && json.contains("check that it is complete and is geojson, geopackage, zip, then upload it again"), "\(json.prefix(800))")
            let (gpkgStatus, gpkg) = try await post("My WDPA.gpkg", wdpa.prefix(wdpa.count / 3))
            #expect(gpkgStatus == .unprocessableContent)
            #expect(gpkg.contains("My_WDPA.gpkg cannot be read ("), "\(gpkg.prefix(800))")
            for text in [json, gpkg] { #expect(!text.contains(app.settings.jobsFolder.path) && !text.contains("/inputs/")) }
            try await Self.expectNothingStored(app)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aFailedJobsMessageNamesNoServerPath(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (zip, _) = try Self.landZIP(in: folder)
        // An area of interest far from the rasters: the run fails in the background.
        let far = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-60,-30],[-59,-30],[-59,-29],[-60,-29],[-60,-30]]]}}]}"#
        try await TestApp.with(kind) { client, app, _, _ in
            let session = try await app.session(.contributor)
            let (headers, body) = Pages.multipart(session, files: [("rasters", "stack.zip", try Data(contentsOf: zip)), ("aoi", "far away.geojson", Data(far.utf8))])
            let response = try await client.execute(uri: "/w/KEN/computations/land", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(400))")
            let job = try await Pages.waitForJob(app, try Pages.jobID(response))
            #expect(job.state == .failed)
            #expect(job.message.hasPrefix("the area of interest far_away.geojson does not overlap the rasters"), "\(job.message)")
            #expect(!job.message.contains(app.settings.jobsFolder.path) && !job.message.contains("/inputs/"), "\(job.message)")
            var page = HTTPFields(); page[.cookie] = session!.cookie
            let progress = String(buffer: try await client.execute(uri: "/w/KEN/jobs/\(job.id)/progress", method: .get, headers: page).body)
            #expect(!progress.contains(app.settings.jobsFolder.path) && progress.contains("far_away.geojson"))
        }
    }

    @Test func jobMessagesKeepFileNamesAndDropFolders() {
        let folder = "/var/lib/synergia/jobs/3F2A"
        let error = GeoError.writeFailed(path: "\(folder)/out/baseline_lpd.tif", reason: "`\(folder)/inputs/aoi/x.gpkg' and /tmp/gdal/warp.vrt")
        #expect(JobRunner.message(error, folder: folder) == "cannot write baseline_lpd.tif: `x.gpkg' and warp.vrt")
        #expect(JobRunner.message(DomainError.invalid("no space left in \(folder)"), folder: folder).hasSuffix("no space left in the job's folder"))
    }

    // MARK: - Fuzz of the unpacker

    @Test func mutatedRasterZIPsAreUnpackedOrRefusedAndRefusalsLeaveNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (zip, _) = try Self.landZIP(in: folder)
        let original = try Data(contentsOf: zip)
        var rng = SeededRandom(seed: 61_124)
        var refused = 0
        for n in 0..<200 {
            let mutated = folder.appendingPathComponent("case-\(n).zip")
            try mutate(original, &rng).write(to: mutated)
            let target = folder.appendingPathComponent("unpacked-\(n)")
            do {
                _ = try RasterStackArchive.unpack(mutated, named: "case.zip", into: target, limit: 50_000_000)
            } catch let error as DomainError {
                refused += 1
                #expect(!FileManager.default.fileExists(atPath: target.path), "case \(n) left files")
                #expect(!error.message.contains(folder.path), "case \(n): \(error.message)")
            } catch {
                Issue.record("case \(n) threw \(type(of: error)): \(error)")
            }
            try? FileManager.default.removeItem(at: mutated)
            try? FileManager.default.removeItem(at: target)
        }
        #expect(refused > 100, "only \(refused) of 200 mutated ZIPs refused")
    }
}

/// A GDAL VRT whose one band reads `source`: what a forged "GeoTIFF" holds.
private func disguisedVRT(_ source: String) -> String {
    """
    <VRTDataset rasterXSize="24" rasterYSize="24">
      <SRS>EPSG:4326</SRS><GeoTransform>30, 0.0027777777777778, 0, 5, 0, -0.0027777777777778</GeoTransform>
      <VRTRasterBand dataType="Int16" band="1">
        <SimpleSource><SourceFilename relativeToVRT="0">\(source)</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
      </VRTRasterBand>
    </VRTDataset>
    """
}


/// Byte flips, a truncation or inserted bytes, at random places.
private func mutate(_ data: Data, _ rng: inout SeededRandom) -> Data {
    var bytes = [UInt8](data)
    switch Int.random(in: 0..<3, using: &rng) {
    case 0:
        for _ in 0..<Int.random(in: 1...16, using: &rng) {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[i] ^= UInt8.random(in: 1...255, using: &rng)
        }
    case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
    default:
        let i = Int.random(in: 0...bytes.count, using: &rng)
        bytes.insert(contentsOf: (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: i)
    }
    return Data(bytes)
}
