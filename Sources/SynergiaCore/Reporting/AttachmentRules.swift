import Foundation

/// A file carried by an answer, as the report lists it.
public struct Attachment: Sendable, Equatable, Codable {
    public var id: Int64
    public var reportID: Int64
    /// The answer key it belongs to (a repeat entry's child included).
    public var key: String
    /// The file name as uploaded, cleaned by `AttachmentRules.fileName`.
    public var name: String
    public var kind: AttachmentKind
    public var size: Int
    /// SHA-256 of the content, lowercase hexadecimal: the stored file's name and its check on every read.
    public var sha256: String
    public var uploadedBy: Int64?
    public var uploadedAt: Date

    public init(id: Int64, reportID: Int64, key: String, name: String, kind: AttachmentKind, size: Int, sha256: String,
                uploadedBy: Int64?, uploadedAt: Date) {
        self.id = id; self.reportID = reportID; self.key = key; self.name = name; self.kind = kind
        self.size = size; self.sha256 = sha256; self.uploadedBy = uploadedBy; self.uploadedAt = uploadedAt
    }

    public var mediaType: String { kind.mediaType }
}

/// What a file must be to be attached to an answer.
public enum AttachmentRules {
    /// Files one answer may carry: evidence, not an archive.
    public static let maximumFilesPerAnswer = 20
    /// Longest stored name, in UTF-8 bytes; longer names keep their ending.
    public static let maximumNameBytes = 180

    /// A question takes files when it asks for a link (a web address or the file itself).
    public static func acceptsFiles(_ question: Question) -> Bool {
        question.type == .link
    }

    /// The name as it will be shown and offered for download: the last part of
    /// any path, without control or direction-changing characters, without the
    /// characters file systems forbid, not hidden, not longer than `maximumNameBytes`.
    public static func fileName(_ uploaded: String) throws -> String {
        let lastPart = uploaded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(String.UnicodeScalarView(lastPart.precomposedStringWithCanonicalMapping.unicodeScalars.compactMap { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse: return nil
            default: return "\"*:<>?|".unicodeScalars.contains(scalar) ? "_" : scalar
            }
        }))
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        let ending = (cleaned as NSString).pathExtension
        guard !cleaned.isEmpty, cleaned.count > ending.count + 1 || ending.isEmpty else {
            throw DomainError.invalid("the file name '\(uploaded)' has nothing left once cleaned of paths and special characters; rename the file, e.g. report.pdf")
        }
        if cleaned.utf8.count > maximumNameBytes {
            let suffix = ending.isEmpty ? "" : "." + ending
            var stem = String(cleaned.dropLast(suffix.count))
            while stem.utf8.count + suffix.utf8.count > maximumNameBytes { stem.removeLast() }
            cleaned = stem + suffix
        }
        return cleaned
    }

    /// The kind of the file, checked by content against its name; refusals name the file and the fix.
    /// `archive` lists a ZIP file's entries (nil when the file is none or its directory is unreadable).
    public static func check(name: String, data: Data, maximumBytes: Int, archive: ArchiveListing?) throws -> AttachmentKind {
        guard !data.isEmpty else {
            throw DomainError.invalid("'\(name)' is empty (0 bytes); choose the file again")
        }
        guard data.count <= maximumBytes else {
            throw DomainError.invalid("'\(name)' has \(data.count) bytes, more than the \(megabytes(maximumBytes)) a file may have (SYNERGIA_MAX_UPLOAD_MB); reduce it or split it")
        }
        let ending = (name as NSString).pathExtension
        guard let announced = AttachmentKind.announced(byExtension: ending) else {
            throw DomainError.invalid("'\(name)' is not a kind of file a report takes: its name must end with one of \(AttachmentKind.acceptedEndings)")
        }
        guard let kind = AttachmentContent.kind(of: data, announced: announced, archive: archive), kind == announced else {
            throw DomainError.invalid("'\(name)' is not \(announced.label): its content is \(AttachmentContent.describe(data, archive: archive)); attach the file itself, or give it the ending of what it is")
        }
        return kind
    }

    /// Whether a key may take one more file.
    public static func checkRoom(key: String, attached: Int) throws {
        guard attached < maximumFilesPerAnswer else {
            throw DomainError.conflict("\(key) already carries \(attached) files, the most one answer may; detach one first")
        }
    }

    /// A limit as people set it: whole megabytes (SYNERGIA_MAX_UPLOAD_MB), or bytes below one.
    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? "\(bytes / 1_000_000) MB" : "\(bytes) bytes"
    }
}
