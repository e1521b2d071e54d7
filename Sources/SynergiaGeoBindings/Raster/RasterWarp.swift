import CGDAL
import Foundation

/// Nearest-neighbour warp of an input onto a target grid through GDALWarp
/// (gdal_utils). The result is a warped VRT: it is read lazily block by block,
/// so aligning does not load the input in memory and can be opened by each
/// worker thread separately. The source is a user's GeoTIFF; the VRT written
/// is Synergia's own file (`RasterDataset(synergiaFile:)` reads it).
public enum RasterWarp {
    public static func warp(source: String, to grid: RasterGrid, output: String) throws {
        GDALSetup.ensure()
        GDALCall.reset()
        let src: GDALDatasetH
        do { src = try UserFile.open(source, kind: .raster) } catch let refusal as UserFileRefusal {
            throw GeoError.cannotOpen(path: source, reason: refusal.problem)
        }
        defer { GDALClose(src) }
        let xmin = min(grid.west, grid.east), xmax = max(grid.west, grid.east)
        let ymin = min(grid.north, grid.south), ymax = max(grid.north, grid.south)
        let args = ["-of", "VRT", "-r", "near", "-t_srs", grid.crsWKT,
                    "-te", "\(xmin)", "\(ymin)", "\(xmax)", "\(ymax)",
                    "-ts", "\(grid.width)", "\(grid.height)",
                    "-dstnodata", "\(RasterNoData.int32)"]
        let options = GDALCall.withCStringList(args) { GDALWarpAppOptionsNew($0, nil) }
        guard let options else { throw GeoError.warpFailed(path: source, reason: UserFile.scrub(GDALCall.lastMessage(), path: source)) }
        defer { GDALWarpAppOptionsFree(options) }
        var sources: [GDALDatasetH?] = [src]
        var usageError: Int32 = 0
        let out = sources.withUnsafeMutableBufferPointer { buf in
            GDALWarp(output, nil, 1, buf.baseAddress, options, &usageError)
        }
        guard let out else { throw GeoError.warpFailed(path: source, reason: UserFile.scrub(GDALCall.lastMessage(), path: source)) }
        GDALClose(out)
    }
}
