import CGDAL
import Foundation

/// A read-only GDAL raster. A user's file is read only as a GeoTIFF that refers
/// to no other file (`init(path:)`); Synergia's own intermediate rasters, such as
/// warped VRTs, with any driver (`init(synergiaFile:)`).
/// One instance per thread: GDAL dataset handles must not be shared across threads.
public final class RasterDataset {
    public let path: String
    /// The file name shown in messages (never the folder it is in).
    public let name: String
    public let grid: RasterGrid
    public let bandCount: Int
    private let handle: GDALDatasetH

    /// A raster the user gave: refused unless it is a self-contained GeoTIFF.
    public convenience init(path: String) throws {
        let handle: GDALDatasetH
        do { handle = try UserFile.open(path, kind: .raster) } catch let refusal as UserFileRefusal {
            throw GeoError.cannotOpen(path: path, reason: refusal.problem)
        }
        try self.init(path: path, handle: handle)
    }

    /// A raster Synergia wrote itself (never a user's file).
    public convenience init(synergiaFile path: String) throws {
        GDALCall.reset()
        guard let handle = SynergiaFile.open(path, raster: true) else {
            throw GeoError.cannotOpen(path: path, reason: UserFile.scrub(GDALCall.lastMessage("not a readable raster"), path: path))
        }
        try self.init(path: path, handle: handle)
    }

    private init(path: String, handle h: GDALDatasetH) throws {
        handle = h
        self.path = path
        name = UserFile.displayName(path)
        bandCount = Int(GDALGetRasterCount(h))
        var gt = [Double](repeating: 0, count: 6)
        if GDALGetGeoTransform(h, &gt) != CE_None { gt = [0, 1, 0, 0, 0, -1] }
        let wkt = GDALGetProjectionRef(h).map { String(cString: $0) } ?? ""
        grid = RasterGrid(width: Int(GDALGetRasterXSize(h)), height: Int(GDALGetRasterYSize(h)), geoTransform: gt, crsWKT: wkt)
        // All stored properties are set: throwing now runs deinit, which closes the handle.
        if bandCount == 0 {
            throw GeoError.cannotOpen(path: path, reason: "no raster band")
        }
        if let problem = truncationProblem() {
            throw GeoError.cannotOpen(path: path, reason: problem)
        }
    }

    /// A truncated GeoTIFF often still opens (the header survives) and only fails,
    /// or shows a wrong georeferencing, later. Checking that every block of the
    /// first and last band lies inside the file catches it at open time with a
    /// clear message. Cheap: it reads the TIFF directory only.
    private func truncationProblem() -> String? {
        guard let drv = GDALGetDatasetDriver(handle), String(cString: GDALGetDriverShortName(drv)) == "GTiff",
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64 else { return nil }
        for bandIndex in Set([1, bandCount]) {
            guard let band = GDALGetRasterBand(handle, Int32(bandIndex)) else { continue }
            var bw: Int32 = 0, bh: Int32 = 0
            GDALGetBlockSize(band, &bw, &bh)
            guard bw > 0, bh > 0 else { continue }
            let nx = (grid.width + Int(bw) - 1) / Int(bw), ny = (grid.height + Int(bh) - 1) / Int(bh)
            for by in 0..<ny { for bx in 0..<nx {
                guard let o = GDALGetMetadataItem(band, "BLOCK_OFFSET_\(bx)_\(by)", "TIFF"),
                      let z = GDALGetMetadataItem(band, "BLOCK_SIZE_\(bx)_\(by)", "TIFF"),
                      let offset = Int64(String(cString: o)), let bytes = Int64(String(cString: z)) else { continue }
                if offset + bytes > size {
                    return "truncated or corrupt GeoTIFF: block (\(bx), \(by)) of band \(bandIndex) ends at byte \(offset + bytes), the file has \(size) bytes"
                }
            } }
        }
        return nil
    }

    deinit { GDALClose(handle) }

    /// The band's declared no-data value, if any.
    public func noData(band: Int = 1) -> Double? {
        guard let b = GDALGetRasterBand(handle, Int32(band)) else { return nil }
        var has: Int32 = 0
        let v = GDALGetRasterNoDataValue(b, &has)
        return has != 0 ? v : nil
    }

    /// Reads a window of one band as Int32 (class rasters). Pixels equal to the
    /// band's no-data value become `RasterNoData.int32`.
    public func readInt32(band: Int = 1, window: RasterWindow, into buffer: inout [Int32]) throws {
        buffer = [Int32](repeating: 0, count: window.count)
        try read(band: band, window: window, type: GDT_Int32, buffer: &buffer)
        if let nd = noData(band: band), nd != Double(RasterNoData.int32), nd.rounded() == nd,
           abs(nd) < 2_147_483_647 {
            let n = Int32(nd)
            for i in buffer.indices where buffer[i] == n { buffer[i] = RasterNoData.int32 }
        }
    }

    /// Reads a window of one band as Float32; no-data and NaN become NaN.
    public func readFloat(band: Int = 1, window: RasterWindow, into buffer: inout [Float]) throws {
        buffer = [Float](repeating: 0, count: window.count)
        try read(band: band, window: window, type: GDT_Float32, buffer: &buffer)
        let nd = noData(band: band).map { Float($0) } ?? Float(RasterNoData.int32)
        for i in buffer.indices where buffer[i] == nd || buffer[i] == Float(RasterNoData.int32) { buffer[i] = .nan }
    }

    /// Whether every value of the band fits Int16 exactly (Byte, Int16), so it can
    /// be read as Int16 without changing any value.
    public func fitsInt16(band: Int = 1) -> Bool {
        guard let b = GDALGetRasterBand(handle, Int32(band)) else { return false }
        let t = GDALGetRasterDataType(b)
        return t == GDT_Int16 || t == GDT_Byte
    }

    /// Reads the same window of several bands of this file in one call: band k of
    /// pixel i goes to `buffer[k * bandStride + i]`. A pixel-interleaved file (one tile
    /// holds every band) then has each tile decompressed once, whatever the size of
    /// the block cache.
    /// Float32: no data, -32768 and NaN become NaN. Int16 (only for bands where
    /// `fitsInt16`): no data becomes -32768.
    public func readBands<T: RasterBandSample>(_ bands: [Int], window: RasterWindow, into buffer: UnsafeMutablePointer<T>,
                                              bandStride: Int) throws {
        guard !bands.isEmpty else { return }
        for band in bands where band < 1 || band > bandCount {
            throw GeoError.readFailed(path: path, reason: "band \(band) does not exist (\(bandCount) bands)")
        }
        GDALCall.reset()
        var list = bands.map { Int32($0) }
        let size = MemoryLayout<T>.stride
        let err = GDALDatasetRasterIO(handle, GF_Read, Int32(window.x), Int32(window.y), Int32(window.width), Int32(window.height),
                                      buffer, Int32(window.width), Int32(window.height), T.gdalType,
                                      Int32(bands.count), &list, Int32(size), Int32(window.width * size), Int32(bandStride * size))
        if err != CE_None {
            throw GeoError.readFailed(path: path, reason: UserFile.scrub(GDALCall.lastMessage("read error"), path: path))
        }
        for (k, band) in bands.enumerated() {
            T.markNoData(buffer + k * bandStride, count: window.count, noData: noData(band: band))
        }
    }

    private func read<T>(band: Int, window: RasterWindow, type: GDALDataType, buffer: inout [T]) throws {
        guard band >= 1, band <= bandCount, let b = GDALGetRasterBand(handle, Int32(band)) else {
            throw GeoError.readFailed(path: path, reason: "band \(band) does not exist (\(bandCount) bands)")
        }
        GDALCall.reset()
        let err = buffer.withUnsafeMutableBytes { raw in
            GDALRasterIO(b, GF_Read, Int32(window.x), Int32(window.y), Int32(window.width), Int32(window.height),
                         raw.baseAddress, Int32(window.width), Int32(window.height), type, 0, 0)
        }
        if err != CE_None {
            throw GeoError.readFailed(path: path, reason: UserFile.scrub(GDALCall.lastMessage("read error"), path: path))
        }
    }
}

/// Sample types `RasterDataset.readBands` can read into.
public protocol RasterBandSample {
    static var gdalType: GDALDataType { get }
    /// Replaces no-data values (`count` values from `p`) by the type's no-data marker.
    static func markNoData(_ p: UnsafeMutablePointer<Self>, count: Int, noData: Double?)
}

extension Float: RasterBandSample {
    public static var gdalType: GDALDataType { GDT_Float32 }
    public static func markNoData(_ p: UnsafeMutablePointer<Float>, count: Int, noData: Double?) {
        let nd = noData.map { Float($0) } ?? Float(RasterNoData.int32), fixed = Float(RasterNoData.int32)
        for i in 0..<count {
            let v = p[i]
            p[i] = v == nd || v == fixed ? .nan : v
        }
    }
}

extension Int16: RasterBandSample {
    public static var gdalType: GDALDataType { GDT_Int16 }
    public static func markNoData(_ p: UnsafeMutablePointer<Int16>, count: Int, noData: Double?) {
        guard let nd = noData, nd.rounded() == nd, nd >= -32768, nd <= 32767, nd != Double(RasterNoData.int32) else { return }
        let v = Int16(nd)
        for i in 0..<count { p[i] = p[i] == v ? RasterNoData.int16 : p[i] }
    }
}
