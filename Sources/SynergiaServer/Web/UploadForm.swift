import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` form with one file (MultipartKit parses it).
struct UploadForm: Decodable {
    var csrf: String?
    var file: Data?

    /// nil when the request is not multipart. The body stays readable afterwards.
    static func read(_ request: inout Request, maxBytes: Int) async throws -> UploadForm? {
        try await decodeMultipart(UploadForm.self, from: &request, maxBytes: maxBytes)
    }

    /// A multipart form decoded as `Form`, nil when the request is not multipart; the body is
    /// read within `maxBytes` (413 beyond it) and stays readable afterwards.
    static func decodeMultipart<Form: Decodable>(_ form: Form.Type, from request: inout Request, maxBytes: Int) async throws -> Form? {
        guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
              let boundary = type.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix("boundary=") })?.dropFirst("boundary=".count) else { return nil }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maxBytes) } catch {
            throw HTTPError(.contentTooLarge, message: "the file is larger than \(maxBytes / 1_000_000) MB (SYNERGIA_MAX_UPLOAD_MB)")
        }
        do {
            return try FormDataDecoder().decode(Form.self, from: body, boundary: String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        } catch {
            throw HTTPError(.badRequest, message: "the upload could not be read as a form; choose the file again")
        }
    }
}
