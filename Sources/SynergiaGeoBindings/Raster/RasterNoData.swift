/// The no-data value of every class raster Synergia reads and of every raster
/// it writes: Int16's minimum, so the same value fits Int16 outputs and Int32 reads.
public enum RasterNoData {
    public static let int32: Int32 = -32768
    public static let int16: Int16 = -32768
}
