import ArgumentParser
import SynergiaStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Bring the database schema up to date (also done by every other command).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await userFacing {
            let provider = try await openDatabase(url: store.settings.databaseURL, logger: cliLogger)
            let report: MigrationReport
            do {
                report = try await Migrator.migrate(provider)
                await provider.shutdown()
            } catch {
                await provider.shutdown()
                throw error
            }
            print(report.applied.isEmpty
                  ? "Schema is up to date (version \(report.current))."
                  : "Applied migration(s) \(report.applied.map(String.init).joined(separator: ", ")); schema is at version \(report.current).")
        }
    }
}
