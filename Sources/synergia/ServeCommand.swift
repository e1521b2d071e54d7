import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SynergiaServer
import SynergiaStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web server (migrates the database first). Stops gracefully on SIGINT/SIGTERM.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on; default: SYNERGIA_HOST or 127.0.0.1.")
    var host: String?
    @Option(help: "Port; default: SYNERGIA_PORT or 8080.")
    var port: Int?

    func run() async throws {
        try await userFacing {
            let settings = store.settings
            var logger = Logger(label: "synergia")
            logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
            try await withReporting(store) { service in
                let app = try await SynergiaServer.application(
                    store: service.store, reports: service, settings: WebSettings.fromEnvironment(), host: host ?? settings.host, port: port ?? settings.port,
                    logger: logger)
                try await app.runService()
            }
        }
    }
}
