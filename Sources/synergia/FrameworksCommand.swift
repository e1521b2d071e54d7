import ArgumentParser
import SynergiaCore
import SynergiaStore

struct FrameworksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks", abstract: "Global frameworks: the GBF, Aichi, SDGs and the conventions' strategic plans.",
        subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the frameworks.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let frameworks = try await store.withStore { try await $0.frameworks() }
                if output.json { return try printJSON(frameworks) }
                printTable(["code", "convention", "period", "name"], frameworks.map {
                    [$0.code, $0.convention ?? "", [$0.startYear, $0.endYear].compactMap { $0.map(String.init) }.joined(separator: "–"), $0.name]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a framework's goals, targets and indicators.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Framework code, e.g. GBF, AICHI, SDG, RAMSAR4, CMS-SPMS, CITES-SV, UNCCD.")
        var code: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let content = try await store.withStore { store in
                    guard let content = try await store.frameworkContent(code) else {
                        let known = try await store.frameworks().map(\.code).joined(separator: ", ")
                        throw DomainError.notFound("unknown framework '\(code)'; known frameworks: \(known)")
                    }
                    return content
                }
                if output.json { return try printJSON(content) }
                print("\(content.framework.name) (\(content.framework.code)) — \(content.framework.source)")
                print("\(content.goals.count) goals, \(content.targets.count) targets, \(content.indicators.count) indicators\n")
                if !content.goals.isEmpty {
                    printTable(["goal", "title"], content.goals.map { [$0.code, $0.title] })
                    print()
                }
                printTable(["target", "goal", "title"], content.targets.map { [$0.code, $0.goal ?? "", $0.title] })
                if !content.indicators.isEmpty {
                    print()
                    printTable(["indicator", "kind", "unit", "measures", "title"], content.indicators.map {
                        [$0.code, $0.kind.rawValue, $0.unit, $0.targets.joined(separator: " "), $0.title]
                    })
                }
            }
        }
    }
}
