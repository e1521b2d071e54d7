import Foundation

/// Configuration from `SYNERGIA_*` environment variables, with defaults that
/// work in a fresh checkout (see the README's configuration table).
public struct Settings: Sendable {
    /// `sqlite:PATH` (default `sqlite:var/synergia.sqlite`) or `postgres://…`.
    public var databaseURL: String
    /// The folder of reference data (frameworks, crosswalks, templates).
    public var dataDirectory: URL
    /// Debian iso-codes' ISO 3166-1 list.
    public var isoCodesPath: String
    public var host: String
    public var port: Int
    public var logLevel: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        databaseURL = environment["SYNERGIA_DATABASE_URL"] ?? "sqlite:var/synergia.sqlite"
        dataDirectory = URL(fileURLWithPath: environment["SYNERGIA_DATA_DIR"] ?? "data")
        isoCodesPath = environment["SYNERGIA_ISO_CODES"] ?? CountryList.defaultPath
        host = environment["SYNERGIA_HOST"] ?? "127.0.0.1"
        port = environment["SYNERGIA_PORT"].flatMap(Int.init) ?? 8080
        logLevel = environment["SYNERGIA_LOG_LEVEL"] ?? "info"
    }
}
