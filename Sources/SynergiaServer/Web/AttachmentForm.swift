import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import SynergiaCore

/// The report page's upload form: the answer key, the section to return to and one file with its name.
struct AttachmentForm: Decodable {
    var csrf: String?
    var key: String?
    var section: String?
    var file: FilePart?

    /// A form field kept whole, headers included: the file name is in its Content-Disposition.
    struct FilePart: Decodable, MultipartPartConvertible {
        var part: MultipartPart
        var multipart: MultipartPart? { part }
        init?(multipart: MultipartPart) { part = multipart }
        init(from decoder: any Decoder) throws {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a file field comes as a multipart part"))
        }
    }

    /// nil when the request is not multipart. The CSRF check has already read the
    /// body within the upload limit (413 beyond it), so this reads it again from memory.
    static func read(_ request: inout Request, maxBytes: Int) async throws -> AttachmentForm? {
        try await UploadForm.decodeMultipart(AttachmentForm.self, from: &request, maxBytes: maxBytes)
    }

    /// The file name the browser sent (`filename*=UTF-8''…` of RFC 6266 first, else `filename="…"`).
    var fileName: String? {
        guard let disposition = file?.part.headers.first(name: "Content-Disposition") else { return nil }
        return Self.fileName(contentDisposition: disposition)
    }

    static func fileName(contentDisposition: String) -> String? {
        if let range = contentDisposition.range(of: "filename*=UTF-8''", options: .caseInsensitive) {
            let value = contentDisposition[range.upperBound...].prefix { $0 != ";" }
            if let decoded = value.removingPercentEncoding, !decoded.isEmpty { return decoded }
        }
        guard let range = contentDisposition.range(of: "filename=\"") else { return nil }
        var name = ""
        var escaped = false
        for character in contentDisposition[range.upperBound...] {
            if escaped { name.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { return name }
            name.append(character)
        }
        return nil
    }

    var data: Data? {
        file.map { Data($0.part.body.readableBytesView) }
    }
}
