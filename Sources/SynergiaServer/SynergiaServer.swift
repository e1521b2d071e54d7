import Hummingbird
import Logging
import SynergiaReporting
import SynergiaStore

/// Builds the HTTP application on a migrated store.
public enum SynergiaServer {
    public static func application(store: SQLStore, reports: ReportService? = nil, host: String, port: Int, maxUploadBytes: Int = 20_000_000, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: Routes.router(store: store, reports: reports, maxUploadBytes: maxUploadBytes),
            configuration: .init(address: .hostname(host, port: port), serverName: "Synergia"),
            logger: logger)
    }
}
