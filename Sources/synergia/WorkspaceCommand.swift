import ArgumentParser
import SynergiaCore
import SynergiaStore

struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "National workspaces (one per country).", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a country's workspace.")
        @OptionGroup var store: StoreOptions
        @Option(help: "ISO 3166-1 code of the country, e.g. KEN or KE.")
        var country: String
        @Option(help: "Display name; default: the country's name.")
        var name: String?
        @Option(name: .customLong("convention"), help: "A convention the country is party to (repeatable), e.g. --convention CBD --convention RAMSAR.")
        var conventions: [String] = []
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let workspace = try await store.withStore { try await $0.createWorkspace(country: country, name: name, conventions: conventions) }
                if output.json { return try printJSON(workspace) }
                print("Created workspace \(workspace.country) — \(workspace.name).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List workspaces.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let workspaces = try await store.withStore { try await $0.workspaces() }
                if output.json { return try printJSON(workspaces) }
                printTable(["country", "name", "conventions"], workspaces.map { [$0.country, $0.name, $0.conventions.joined(separator: " ")] })
            }
        }
    }
}
