/// Failures of the store itself (not of the user's request).
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case badDatabaseURL(String)
    case migrationFailed(version: Int, name: String, reason: String)
    case schemaNewerThanSoftware(databaseVersion: Int, knownVersion: Int)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the database file \(path): \(reason). Check that its folder exists and is writable, or set SYNERGIA_DATABASE_URL."
        case .badDatabaseURL(let url):
            "SYNERGIA_DATABASE_URL '\(url)' is not understood; use postgres://user:password@host:port/database or sqlite:PATH"
        case .migrationFailed(let version, let name, let reason):
            "migration \(version) (\(name)) failed and was rolled back: \(reason)"
        case .schemaNewerThanSoftware(let databaseVersion, let knownVersion):
            "the database is at schema version \(databaseVersion) but this Synergia knows only up to \(knownVersion); upgrade Synergia before using this database"
        }
    }
}
