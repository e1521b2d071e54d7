import SynergiaCore

/// A file an answer carries, as the exports list it: what a reader needs to
/// find it in the ZIP export (`files/<sha256>-<name>`) and check it.
public struct AttachedFile: Codable, Sendable, Equatable {
    public var name: String
    /// The media type (application/pdf, image/png, …).
    public var type: String
    public var size: Int
    public var sha256: String

    public init(_ attachment: Attachment) {
        name = attachment.name
        type = attachment.mediaType
        size = attachment.size
        sha256 = attachment.sha256
    }

    /// One line for the HTML and CSV exports: name, type, size and checksum.
    public var summary: String {
        "\(name) (\(type), \(size) bytes, sha256 \(sha256))"
    }
}
