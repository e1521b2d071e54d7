import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` request whose files are streamed to disk as they
/// arrive (WDPA extracts and raster stacks run to gigabytes; nothing is held
/// in memory), with its text fields. Stops with 413 past `maxBytes`.
struct DataUpload {
    struct File {
        var field: String
        /// The name the user's browser gave, reduced to a safe file name.
        var fileName: String
        var path: URL
        var bytes: Int
        var kind: DataFileKind
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    /// With `csrf` (a browser session), the form's `csrf` field must come
    /// before its files and match, or nothing is written.
    static func receive(_ request: Request, into folder: URL, maxBytes: Int, csrf: String?) async throws -> DataUpload {
        guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
              let boundary = type.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix("boundary=") })?.dropFirst("boundary=".count) else {
            throw HTTPError(.unsupportedMediaType, message: "send the files with the form (multipart/form-data)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sink = UploadSink(folder: folder, csrf: csrf)
        let parser = MultipartParser(boundary: String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        parser.onHeader = { name, value in sink.header(name, value) }
        parser.onBody = { buffer in sink.body(&buffer) }
        parser.onPartComplete = { sink.complete() }
        var received = 0
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= maxBytes else {
                    throw HTTPError(.contentTooLarge, message: "the upload is larger than \(maxBytes / 1_000_000) MB (SYNERGIA_MAX_DATA_UPLOAD_MB)")
                }
                try parser.execute(buffer)
                if let failure = sink.failure { throw failure }
            }
        } catch let error as HTTPError {
            sink.abandon()
            throw error
        } catch {
            sink.abandon()
            throw HTTPError(.badRequest, message: "the upload could not be read as a form (\(error)); choose the files again")
        }
        sink.abandon()
        if let failure = sink.failure { throw failure }
        guard sink.csrfWasChecked else { throw HTTPError(.forbidden, message: "the form has expired; reload the page and try again") }
        return DataUpload(fields: sink.fields, files: sink.files)
    }
}

/// Receives the parser's callbacks: text fields in memory (small), files on disk.
private final class UploadSink {
    let folder: URL
    var fields: [String: String] = [:]
    var files: [String: DataUpload.File] = [:]
    var failure: HTTPError?
    private var name: String?
    private var fileName: String?
    private var text = Data()
    private var handle: FileHandle?
    private var path: URL?
    private var bytes = 0

    private let csrf: String?
    private var csrfChecked: Bool

    init(folder: URL, csrf: String?) { self.folder = folder; self.csrf = csrf; csrfChecked = csrf == nil }

    func header(_ name: String, _ value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        self.name = Self.parameter("name", in: value)
        fileName = Self.parameter("filename", in: value)
    }

    func body(_ buffer: inout ByteBuffer) {
        guard failure == nil, let name else { return }
        guard let fileName, !fileName.isEmpty else {
            text.append(contentsOf: buffer.readableBytesView)
            if text.count > 64_000 { failure = HTTPError(.contentTooLarge, message: "the form field \(name) is too long") }
            return
        }
        guard csrfChecked else {
            failure = HTTPError(.forbidden, message: "the form has expired; reload the page and try again")
            return
        }
        if handle == nil {
            let target = folder.appendingPathComponent(".receiving-\(Self.safe(name))")
            FileManager.default.createFile(atPath: target.path, contents: nil)
            handle = FileHandle(forWritingAtPath: target.path)
            path = target
        }
        bytes += buffer.readableBytes
        handle?.write(Data(buffer.readableBytesView))
    }

    func complete() {
        defer { name = nil; fileName = nil; text = Data(); handle = nil; path = nil; bytes = 0 }
        guard let name else { return }
        if let handle, let path, let fileName {
            try? handle.close()
            // Named by what the bytes are, so GDAL picks the right driver whatever the user called the file.
            let kind = DataFileKind.sniff(path)
            let base = (Self.safe(fileName) as NSString).deletingPathExtension
            let folder = self.folder.appendingPathComponent(Self.safe(name), isDirectory: true)
            let target = folder.appendingPathComponent("\(base.isEmpty ? "file" : base).\(kind.fileExtension)")
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try FileManager.default.moveItem(at: path, to: target)
                files[name] = DataUpload.File(field: name, fileName: Self.safe(fileName), path: target, bytes: bytes, kind: kind)
            } catch {
                failure = HTTPError(.internalServerError, message: "the uploaded file could not be stored")
            }
        } else if fileName == nil {
            let value = String(decoding: text, as: UTF8.self)
            if name == "csrf", let csrf {
                guard SecuredRoutes.constantTimeEqual(value, csrf) else {
                    failure = HTTPError(.forbidden, message: "the form has expired; reload the page and try again")
                    return
                }
                csrfChecked = true
            }
            fields[name] = value
        }
    }

    var csrfWasChecked: Bool { csrfChecked }

    func abandon() { try? handle?.close(); handle = nil }

    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            return String(pair.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// Letters, digits, dot, dash and underscore only; never a path.
    static func safe(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "file"
        let cleaned = String(last.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
        let trimmed = cleaned.drop(while: { $0 == "." })
        return trimmed.isEmpty ? "file" : String(trimmed.prefix(120))
    }
}

/// What a file is, from its first bytes rather than its name.
enum DataFileKind: String, Sendable {
    case geopackage, zip, geojson, tiff, csv, empty, unknown

    static func sniff(_ url: URL) -> DataFileKind {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return .unknown }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
        if head.isEmpty { return .empty }
        if head.starts(with: Array("SQLite format 3\0".utf8)) { return .geopackage }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
            || head.starts(with: [0x49, 0x49, 0x2B, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2B]) { return .tiff }
        let text = head.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF })
        if text.first == UInt8(ascii: "{") { return .geojson }
        // Plain text (tables of the land options): tab, line breaks, printable ASCII and UTF-8 bytes only.
        if head.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x20 && $0 != 0x7F }) { return .csv }
        return .unknown
    }

    /// The file extension GDAL needs to pick the right driver.
    var fileExtension: String {
        switch self {
        case .geopackage: "gpkg"
        case .zip: "zip"
        case .geojson: "geojson"
        case .tiff: "tif"
        case .csv: "csv"
        case .empty, .unknown: "bin"
        }
    }
}
