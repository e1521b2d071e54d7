import Foundation

/// A ZIP archive of named parts, written by the same ZIPFoundation writer as
/// the workbooks (fixed dates, so the same parts give the same bytes).
public enum ZipArchiveWriter {
    public static func write(_ parts: [(path: String, data: Data)]) throws(XLSXError) -> Data {
        try XLSXWriter.zip(parts.map { ($0.path, $0.data) })
    }
}
