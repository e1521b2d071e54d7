import Foundation

/// Checks, when a file is received, that a user's file can be read to the end,
/// so a malformed GeoJSON or a truncated GeoPackage is refused with its name
/// then rather than failing later in a background run.
public enum UserFileCheck {
    /// Reads every feature of every layer (GDAL reads each record and its geometry).
    public static func vector(_ path: String) throws {
        let dataset = try VectorDataset(path: path)
        guard dataset.layerCount > 0 else {
            throw GeoError.invalidInput("\(dataset.name): no layer found; give \(UserFileKind.vector.expected)")
        }
        for index in 0..<dataset.layerCount {
            try dataset.layer(at: index).forEachFeature { _ in }
        }
    }

    /// Opens the raster, which reads its header and checks every block of its first and last band lies inside the file.
    public static func raster(_ path: String) throws {
        _ = try RasterDataset(path: path)
    }
}
