import Foundation
import SynergiaCore
import SynergiaXLSX

extension ArchiveListing {
    /// The listing of an uploaded ZIP archive, or nil when its directory cannot be
    /// read; an OpenDocument file's type is the text of its `mimetype` entry.
    public static func read(_ data: Data) -> ArchiveListing? {
        guard let listing = ZipListing.read(data, textOf: "mimetype", maximumTextBytes: 100) else { return nil }
        return ArchiveListing(names: listing.names, mimetype: listing.text)
    }
}
