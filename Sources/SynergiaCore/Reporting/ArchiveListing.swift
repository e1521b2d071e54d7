/// What a ZIP archive holds, as far as telling attachment kinds apart needs:
/// the entry names in directory order and the text of a `mimetype` entry
/// (OpenDocument files carry their type there). The caller reads it with a
/// ZIP library; nil stands for an archive whose directory cannot be read.
public struct ArchiveListing: Sendable, Equatable {
    public var names: [String]
    public var mimetype: String?

    public init(names: [String], mimetype: String? = nil) {
        self.names = names
        self.mimetype = mimetype
    }
}
