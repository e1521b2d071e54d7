import Hummingbird
import Logging
import SynergiaStore

/// Builds the HTTP application on a migrated store.
public enum SynergiaServer {
    public static func application(store: SQLStore, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: Routes.router(store: store),
            configuration: .init(address: .hostname(host, port: port), serverName: "Synergia"),
            logger: logger)
    }
}
