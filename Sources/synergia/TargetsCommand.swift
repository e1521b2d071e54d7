import ArgumentParser
import SynergiaCore
import SynergiaStore

struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: "Global targets and their links to other frameworks.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one global target, e.g. AICHI-11 or GBF-3.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Target code, e.g. AICHI-11, GBF-3, SDG-15.3.")
        var code: String
        @Flag(help: "List the related targets in every other framework, through the crosswalks.")
        var crosswalk = false
        @OptionGroup var output: OutputOptions

        struct Result: Encodable {
            var target: GlobalTarget
            var related: [RelatedItem]?
        }

        func run() async throws {
            try await userFacing {
                let result = try await store.withStore { store in
                    guard let target = try await store.globalTarget(code) else {
                        throw DomainError.notFound("unknown target '\(code)'; target codes look like GBF-3, AICHI-11 or SDG-15.3 (see `synergia frameworks show GBF`)")
                    }
                    guard crosswalk else { return Result(target: target) }
                    let graph = CrosswalkGraph(items: try await store.crosswalkItems(), links: try await store.crosswalkLinks())
                    return Result(target: target, related: graph.related(to: target.code))
                }
                if output.json { return try printJSON(result) }
                let target = result.target
                print("\(target.code) — \(target.title)")
                if let text = target.text { print(text) }
                print("Source: \(target.source)")
                guard let related = result.related else { return }
                print()
                if related.isEmpty { return print("No crosswalk links.") }
                printTable(["framework", "code", "relation", "via", "title"], related.map {
                    [$0.framework, $0.code, $0.direction == .outgoing ? $0.relation.rawValue : "\($0.relation.rawValue) (from)", $0.via.joined(separator: " → "), $0.title]
                })
            }
        }
    }
}
