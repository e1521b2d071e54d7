import Foundation
import SynergiaCore
import Testing
@testable import SynergiaGeoBindings

/// A user's file reaches GDAL only as itself: no address, no virtual file
/// system, no VRT or other XML pointing elsewhere, only the allowed drivers;
/// and damaged files are refused with an error, never a crash.
@Suite struct UploadSafetyTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("upload-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func vrt(source: String) -> String {
        """
        <VRTDataset rasterXSize="4" rasterYSize="4">
          <SRS>EPSG:4326</SRS><GeoTransform>30, 0.1, 0, 5, 0, -0.1</GeoTransform>
          <VRTRasterBand dataType="Int16" band="1">
            <SimpleSource><SourceFilename relativeToVRT="0">\(source)</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
          </VRTRasterBand>
        </VRTDataset>
        """
    }

    @Test func aVRTDisguisedAsAGeoTIFFIsRefusedTheSameWhetherItsTargetExistsOrNot() throws {
        let folder = try Self.folder(); defer { try? FileManager.default.removeItem(at: folder) }
        let outside = try Self.folder(); defer { try? FileManager.default.removeItem(at: outside) }
        let existing = outside.appendingPathComponent("secret.tif").path
        try RasterInt16Writer.write(path: existing, grid: .geographic(west: 30, north: 5, cellDegrees: 0.1, width: 4, height: 4),
                                    values: [Int16](repeating: 7, count: 16))
        var messages: [String] = []
        for target in [existing, outside.appendingPathComponent("absent.tif").path] {
            let disguised = folder.appendingPathComponent("soc_2000.tif").path
            try Data(Self.vrt(source: target).utf8).write(to: URL(fileURLWithPath: disguised))
            let error = #expect(throws: GeoError.self) { try RasterDataset(path: disguised) }
            messages.append(error.map { "\($0)" } ?? "")
        }
        #expect(messages[0] == messages[1])
        #expect(messages[0] == "cannot open raster soc_2000.tif: is an XML file (a GDAL VRT or another format that points to other files or addresses), not a GeoTIFF; give the data file itself")
        #expect(!messages[0].contains(outside.path) && !messages[0].contains(folder.path))
    }

    @Test(arguments: ["/vsicurl/http://127.0.0.1:9/x.geojson", "http://127.0.0.1:9/x.geojson", "https://example.org/wdpa.gpkg",
                      "/vsizip//tmp/x.zip/a.shp", "/vsis3/bucket/x.gpkg", "PG:dbname=synergia", "GTIFF_DIR:1:/tmp/x.tif", "WMS:http://x"])
    func addressesAndConnectionStringsAreRefusedBeforeGDALSeesThem(path: String) throws {
        let vector = #expect(throws: GeoError.self) { try VectorDataset(path: path) }
        let text = vector.map { "\($0)" } ?? ""
        #expect(text.contains("not a file") && text.contains("give a file on this computer"), "\(text)")
        #expect(throws: GeoError.self) { try RasterDataset(path: path) }
        #expect(throws: GeoError.self) { try MapLayers.geoJSON(path: path) }
        #expect(throws: GeoError.self) { try AreaMask(path: path, grid: .geographic(west: 0, north: 1, cellDegrees: 1, width: 1, height: 1)) }
    }

    @Test func anXMLVectorFileIsRefusedAndADriverOutsideTheListIsNotUsed() throws {
        let folder = try Self.folder(); defer { try? FileManager.default.removeItem(at: folder) }
        let gml = folder.appendingPathComponent("sites.geojson")
        try Data("<?xml version=\"1.0\"?><OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>/etc/passwd</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>".utf8).write(to: gml)
        let xml = #expect(throws: GeoError.self) { try VectorDataset(path: gml.path) }
        #expect("\(xml!)" == "sites.geojson: is an XML file (a GDAL VRT or another format that points to other files or addresses), not a GeoPackage, a shapefile (.shp with its .dbf, .shx and .prj, or all of them in one ZIP), a GeoJSON file or a file geodatabase; give the data file itself")
        // A CSV is a format GDAL reads, but not one a user's vector may be.
        let csv = folder.appendingPathComponent("sites.csv")
        try Data("id,WKT\n1,\"POINT (1 2)\"\n".utf8).write(to: csv)
        let refused = #expect(throws: GeoError.self) { try VectorDataset(path: csv.path) }
        #expect("\(refused!)".hasPrefix("sites.csv: not readable as a GeoPackage") && !"\(refused!)".contains(folder.path), "\(refused!)")
        // A GeoTIFF's folder: a raster is a file, never a folder.
        let dir = #expect(throws: GeoError.self) { try RasterDataset(path: folder.path) }
        #expect("\(dir!)".contains("is a folder, not a GeoTIFF"))
    }

    @Test func aMissingUserFileIsNamedByItsFileNameOnly() throws {
        let error = #expect(throws: GeoError.self) { try RasterDataset(path: "/srv/data/countries/soc.tif") }
        #expect("\(error!)" == "cannot open raster soc.tif: no such file or directory")
    }

    @Test func pathsInMessagesAreReducedToFileNames() {
        #expect(PathScrubber.baseNamesOnly("cannot open /var/lib/synergia/jobs/1/inputs/wdpa/w.gpkg: `/tmp/x/y.tif' not recognized")
                == "cannot open w.gpkg: `y.tif' not recognized")
        #expect(PathScrubber.baseNamesOnly("ratio 2015/2019, -1/+1, km²/yr, https://example.org/a/b") == "ratio 2015/2019, -1/+1, km²/yr, https://example.org/a/b")
    }

    @Test func ownWarpedRastersStillOpenWithTheVRTDriver() throws {
        let folder = try Self.folder(); defer { try? FileManager.default.removeItem(at: folder) }
        let tif = folder.appendingPathComponent("lc.tif").path
        try RasterInt16Writer.write(path: tif, grid: .geographic(west: 30, north: 5, cellDegrees: 0.1, width: 4, height: 4), values: [Int16](repeating: 3, count: 16))
        let vrt = folder.appendingPathComponent("aligned_1.vrt").path
        try RasterWarp.warp(source: tif, to: .geographic(west: 30, north: 5, cellDegrees: 0.05, width: 8, height: 8), output: vrt)
        let own = try RasterDataset(synergiaFile: vrt)
        #expect(own.grid.width == 8)
        #expect(throws: GeoError.self) { try RasterDataset(path: vrt) }
    }

    // MARK: - Fuzz


    /// Byte flips, a truncation or inserted bytes, at random places.
    static func mutate(_ data: Data, _ rng: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0:
            for _ in 0..<Int.random(in: 1...16, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[i] ^= UInt8.random(in: 1...255, using: &rng)
            }
        case 1:
            bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
        default:
            let i = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(contentsOf: (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: i)
        }
        return Data(bytes)
    }

    static func samples(in folder: URL) throws -> [(name: String, data: Data, read: (String) throws -> Void)] {
        let gpkg = folder.appendingPathComponent("sample.gpkg").path
        let writer = try VectorWriter(path: gpkg)
        try writer.writeLayer(name: "sites", srs: SpatialReference("EPSG:4326"), geometry: .multiPolygon, fields: [("name", .string)],
                              rows: (0..<5).map { i in (values: [FieldValue.string("site \(i)")], wkb: box(Double(i), 0, Double(i) + 0.5, 0.5)) })
        writer.close()
        let geojson = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
        {"type":"Feature","properties":{"name":"b"},"geometry":{"type":"Point","coordinates":[2,3]}}]}
        """
        let tif = folder.appendingPathComponent("sample.tif").path
        try RasterInt16Writer.write(path: tif, grid: .geographic(west: 30, north: 5, cellDegrees: 0.01, width: 64, height: 64),
                                    values: (0..<4096).map { Int16($0 % 7) })
        return [
            ("case.gpkg", try Data(contentsOf: URL(fileURLWithPath: gpkg)), { try UserFileCheck.vector($0) }),
            ("case.geojson", Data(geojson.utf8), { try UserFileCheck.vector($0) }),
            ("case.tif", try Data(contentsOf: URL(fileURLWithPath: tif)), { path in
                let raster = try RasterDataset(path: path)
                var values: [Int32] = []
                try raster.readInt32(window: RasterWindow(x: 0, y: 0, width: raster.grid.width, height: raster.grid.height), into: &values)
            }),
        ]
    }

    @Test func mutatedGeoPackagesGeoJSONAndGeoTIFFsAreReadOrRefusedNeverCrash() throws {
        let folder = try Self.folder(); defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try Self.samples(in: folder)
        var rng = SeededRandom(seed: 20_240_611)
        var refused = 0, read = 0
        for n in 0..<200 {
            let sample = samples[n % samples.count]
            let path = folder.appendingPathComponent("\(n)-\(sample.name)").path
            try Self.mutate(sample.data, &rng).write(to: URL(fileURLWithPath: path))
            do {
                try sample.read(path)
                read += 1
            } catch let error as GeoError {
                refused += 1
                #expect(!"\(error)".contains(folder.path), "case \(n): \(error)")
            } catch let error as GeoError {
                refused += 1
                #expect(!"\(error)".contains(folder.path), "case \(n): \(error)")
            } catch {
                Issue.record("case \(n) (\(sample.name)) threw \(type(of: error)): \(error)")
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        #expect(read + refused == 200)
        #expect(refused > 50, "only \(refused) of 200 mutated files refused")
    }
}
