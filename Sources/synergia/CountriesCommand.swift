import ArgumentParser
import SynergiaStore

struct CountriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "countries", abstract: "Countries and territories (ISO 3166-1).", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List countries and territories.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let countries = try await store.withStore { try await $0.countries() }
                if output.json { return try printJSON(countries) }
                printTable(["alpha3", "alpha2", "numeric", "name"], countries.map { [$0.alpha3, $0.alpha2, $0.numeric, $0.name] })
            }
        }
    }
}
