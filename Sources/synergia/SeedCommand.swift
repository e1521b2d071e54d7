import ArgumentParser
import Foundation
import SynergiaReference
import SynergiaReporting
import SynergiaStore

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load countries, conventions, frameworks and crosswalks (idempotent).",
        discussion: "Reads data/ (SYNERGIA_DATA_DIR) and Debian's iso-codes list. The whole set is validated first; on any problem nothing is written.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Also create the demo workspace described in data/demo/.")
    var demo = false
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await userFacing {
            let settings = store.settings
            let set = try ReferenceLoader.load(dataDirectory: settings.dataDirectory, countriesPath: settings.isoCodesPath)
            try await store.withStore { sqlStore in
                let summary = try await sqlStore.seedReference(set)
                var demos: [DemoWorkspace.Summary] = []
                var demoReports: [Int64] = []
                var demoRuns: [Int64] = []
                if demo {
                    let folder = settings.dataDirectory.appendingPathComponent("demo")
                    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
                    let service = ReportService(store: sqlStore, catalog: try TemplateCatalog.load(dataDirectory: settings.dataDirectory, reference: set),
                                                messages: try Messages.load(dataDirectory: settings.dataDirectory))
                    for name in files {
                        demos.append(try await DemoWorkspace.load(folder.appendingPathComponent(name), into: sqlStore))
                        if let run = try await DemoLandRun.record(country: demos[demos.count - 1].workspace, store: sqlStore) { demoRuns.append(run) }
                        demoReports += try await DemoReports.load(folder.appendingPathComponent(name), service: service)
                    }
                }
                if output.json {
                    struct Result: Encodable { var reference: SeedSummary; var demo: [DemoWorkspace.Summary] }
                    try printJSON(Result(reference: summary, demo: demos))
                } else {
                    print("Seeded \(summary.countries) countries, \(summary.conventions) conventions, \(summary.frameworks) frameworks (\(summary.goals) goals, \(summary.targets) targets, \(summary.indicators) indicators), \(summary.crosswalkLinks) crosswalk links.")
                    for demo in demos {
                        print("Demo workspace \(demo.workspace): \(demo.created ? "created" : "already there"), \(demo.nationalTargetsAdded) national targets added, \(demo.observations.added) observations added.")
                    }
                    if !demoRuns.isEmpty { print("Demo land-degradation run(s) recorded: \(demoRuns.map { "#\($0)" }.joined(separator: ", ")).") }
                    if !demoReports.isEmpty { print("Demo report(s) started: \(demoReports.map(String.init).joined(separator: ", ")).") }
                }
            }
        }
    }
}
