import Foundation

/// An option of an import that a refusal can point to: the CLI names its
/// flag, a form its field.
public enum KnowledgeImportOption: String, Sendable, CaseIterable {
    case maximumSize, encoding, language
}

/// A file refused for a reason one of the import's options fixes. It carries
/// the facts (the file, the sizes, the encoding, the offset); its description
/// says them with the fix in general words, and each adapter names the option
/// its own way (`option`).
public enum KnowledgeImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(fileName: String, bytes: Int, limit: Int)
    /// Neither UTF-8, UTF-16 with a byte order mark, nor GB18030, and no encoding was named.
    case encodingNotRecognised
    case unknownEncoding(name: String)
    /// The bytes at `offset` are not text in the encoding named.
    case undecodableBytes(encoding: String, offset: Int)
    /// The text is too short or too mixed to guess its language, and none was given.
    case languageUnknown(fileName: String)

    /// The languages a document can be in, as a refusal lists them.
    public static let languages = "en, fr, es, ru, ar or zh"

    public var option: KnowledgeImportOption {
        switch self {
        case .tooLarge: .maximumSize
        case .encodingNotRecognised, .unknownEncoding, .undecodableBytes: .encoding
        case .languageUnknown: .language
        }
    }

    /// What was refused, without the fix (each adapter adds it with its option's name).
    public var facts: String {
        switch self {
        case let .tooLarge(fileName, bytes, limit):
            "\(fileName) has \(Self.megabytes(bytes)), more than the \(Self.megabytes(limit)) limit"
        case .encodingNotRecognised:
            "the file's encoding is not recognised: it is neither UTF-8, UTF-16 with a byte order mark, nor GB18030"
        case .unknownEncoding(let name):
            "unknown encoding '\(name)'"
        case let .undecodableBytes(encoding, offset):
            "the file is not valid \(encoding) text: the bytes at offset \(offset) cannot be decoded"
        case .languageUnknown(let fileName):
            "the language of \(fileName) cannot be told from its text"
        }
    }

    public var description: String {
        switch self {
        case .tooLarge: facts + "; split it, or raise the limit if the file is genuine"
        case .encodingNotRecognised: facts + "; convert it to UTF-8, or name its encoding"
        case .unknownEncoding: facts + "; use utf-8, utf-16 or gb18030 (or another name `iconv -l` lists)"
        case .undecodableBytes: facts + "; check the encoding named"
        case .languageUnknown: facts + "; name its language (\(Self.languages))"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
