import ArgumentParser
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaStore

struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Assess every national target of a workspace on the national report scale.",
        discussion: "The rule is documented in docs/progress-assessment.md.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Workspace country code, e.g. KEN.")
    var workspace: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await userFacing {
            let units = try UnitsFile.load(dataDirectory: store.settings.dataDirectory)
            let rows = try await store.withStore { store in
                try await WorkspaceProgress.assess(workspaceID: try await requireWorkspace(store, workspace).id, in: store, units: units)
            }
            if output.json { return try printJSON(rows) }
            printTable(["target", "baseline", "target value", "latest", "projected", "status", "title"], rows.map { row in
                let a = row.assessment
                return [row.code,
                        row.baseline.map { "\(formatted($0.value)) (\($0.year))" } ?? "",
                        row.target.map { "\(formatted($0.value)) (\($0.year))" } ?? "",
                        a.latest.map { "\(formatted($0.value)) (\($0.year))" } ?? "",
                        a.projected.map { "\(formatted($0.value)) (\($0.year))" } ?? "",
                        a.status.label, row.title]
            })
            for row in rows {
                if let problem = row.unitProblem {
                    print("\(row.code): progress not assessed: \(problem) (the target is in \(row.unit ?? ""), its series in \(row.seriesUnit ?? ""))")
                } else if let from = row.seriesUnit, let to = row.unit {
                    print("\(row.code): values of \(row.series?.indicator ?? "") in \(from) converted to \(to)")
                }
            }
        }
    }
}
