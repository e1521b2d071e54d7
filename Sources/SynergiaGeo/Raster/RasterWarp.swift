import CGDAL
import Foundation

/// Nearest-neighbour warp of an input onto a target grid through GDALWarp
/// (gdal_utils). The result is a warped VRT: it is read lazily block by block,
/// so aligning does not load the input in memory and can be opened by each
/// worker thread separately.
public enum RasterWarp {
    public static func warp(source: String, to grid: RasterGrid, output: String) throws {
        RasterGDAL.ensureRegistered()
        RasterGDAL.resetError()
        guard let src = GDALOpenEx(source, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GDALRasterError.cannotOpen(path: source, reason: RasterGDAL.lastError())
        }
        defer { GDALClose(src) }
        let xmin = min(grid.west, grid.east), xmax = max(grid.west, grid.east)
        let ymin = min(grid.north, grid.south), ymax = max(grid.north, grid.south)
        let args = ["-of", "VRT", "-r", "near", "-t_srs", grid.crsWKT,
                    "-te", "\(xmin)", "\(ymin)", "\(xmax)", "\(ymax)",
                    "-ts", "\(grid.width)", "\(grid.height)",
                    "-dstnodata", "\(LandCodes.noData)"]
        let options = RasterGDAL.withCStringList(args) { GDALWarpAppOptionsNew($0, nil) }
        guard let options else { throw GDALRasterError.warpFailed(path: source, reason: RasterGDAL.lastError()) }
        defer { GDALWarpAppOptionsFree(options) }
        var sources: [GDALDatasetH?] = [src]
        var usageError: Int32 = 0
        let out = sources.withUnsafeMutableBufferPointer { buf in
            GDALWarp(output, nil, 1, buf.baseAddress, options, &usageError)
        }
        guard let out else { throw GDALRasterError.warpFailed(path: source, reason: RasterGDAL.lastError()) }
        GDALClose(out)
    }
}
