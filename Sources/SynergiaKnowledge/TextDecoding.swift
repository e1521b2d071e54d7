import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SynergiaCore

/// Bytes to text for imported files: UTF-8 (with or without BOM), UTF-16 with a
/// BOM, GB18030 when the bytes are not UTF-8 but read as GB18030, or any
/// encoding iconv knows when the user names it. Conversion goes through iconv
/// because Foundation on Linux does not decode GB18030 reliably. A refusal the
/// encoding option fixes is a `KnowledgeImportError`; binary data a `DomainError`.
public enum TextDecoding {
    public static func decode(_ data: Data, encoding name: String?) throws -> String {
        let text: String
        if let name {
            text = try decode(data, named: name)
        } else if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = try decode(data.dropFirst(3), named: "UTF-8")
        } else if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            text = try decode(data, named: "UTF-16")
        } else if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if let chinese = try? iconv(data, from: "GB18030") {
            text = chinese
        } else {
            throw KnowledgeImportError.encodingNotRecognised
        }
        // Text files have no NUL characters; a file that decodes to them is binary.
        guard !text.unicodeScalars.contains("\0") else {
            throw DomainError.invalid("the file is binary data, not text; import PDF, DOCX, HTML, plain text or the JSON interchange format")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    private static func decode(_ data: Data, named name: String) throws -> String {
        do throws(IconvFailure) {
            return try iconv(data, from: name.uppercased() == "UTF8" ? "UTF-8" : name)
        } catch .unknownEncoding {
            throw KnowledgeImportError.unknownEncoding(name: name)
        } catch .invalidBytes(let offset) {
            throw KnowledgeImportError.undecodableBytes(encoding: name, offset: offset)
        }
    }

    enum IconvFailure: Error {
        case unknownEncoding
        case invalidBytes(offset: Int)
    }

    static func iconv(_ data: Data, from encoding: String) throws(IconvFailure) -> String {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, converter != UnsafeMutableRawPointer(bitPattern: -1) else { throw .unknownEncoding }
        defer { iconv_close(converter) }
        guard !data.isEmpty else { return "" }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: data.count * 4 + 16)
        var inputLeft = input.count, outputLeft = output.count
        let status = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                return Glibc.iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard status != -1, inputLeft == 0 else { throw .invalidBytes(offset: input.count - inputLeft) }
        return String(decoding: output[0..<(output.count - outputLeft)], as: UTF8.self)
    }
}
