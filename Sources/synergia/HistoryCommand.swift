import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaStore

/// Restoring a national target's field, an alignment or a series value from the history.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Restore a value from the history of national targets and series.",
        discussion: "See a target's changes with `synergia target history KEN-T1 --workspace KEN` and a series' with `synergia series history --workspace KEN --indicator GBF-3.1`.",
        subcommands: [Restore.self])

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write back the value a change replaced, as a new change.",
            discussion: "Refused when the value changed after that change, naming the value as it now stands; --force writes the old value over it.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Option(help: "The change's number, as `history` lists it.")
        var change: Int64
        @Flag(help: "Restore even though the value changed after that change.")
        var force = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let made = try await store.withStore { store in
                    let workspace = try await requireWorkspace(store, self.workspace)
                    do {
                        return try await store.restore(changeID: change, workspaceID: workspace.id, force: force,
                                                       context: ChangeContext(userID: nil, channel: .cli))
                    } catch let stale as StaleRestore {
                        throw DomainError.conflict("\(stale.description); pass --force to write the old value back over it")
                    }
                }
                if output.json { return try printJSON(made) }
                guard !made.isEmpty else { return print("Change \(change) restored: nothing differed.") }
                print("Restored change \(change):")
                printHistory(made)
            }
        }
    }
}

extension NationalTargetCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change to a national target and its alignments, oldest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Argument(help: "Code, e.g. T1 or KEN-T1.")
        var code: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let changes = try await store.withStore { store in
                    let (workspace, target) = try await requireNationalTarget(store, workspace: self.workspace, code: self.code)
                    return try await store.targetHistory(workspaceID: workspace.id, code: target.code)
                }
                if output.json { return try printJSON(changes) }
                printHistory(changes)
            }
        }
    }
}

extension IndicatorCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change to an indicator's values, oldest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.")
        var workspace: String
        @Option(help: "Indicator code, e.g. GBF-3.1 or KEN-I1.")
        var indicator: String
        @Option(help: "Only this disaggregation, as key=value pairs joined by ';' (\"\" for the whole country); every one when left out.")
        var disaggregation: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let changes = try await store.withStore { store in
                    try await store.seriesHistory(workspaceID: try await requireWorkspace(store, workspace).id,
                                                  indicator: indicator, disaggregation: disaggregation)
                }
                if output.json { return try printJSON(changes) }
                printHistory(changes)
            }
        }
    }
}

/// One line per field a change touched: its number (for `history restore`), when, who, channel, what, before and after.
func printHistory(_ changes: [ChangeRecord]) {
    let dates = ISO8601DateFormatter()
    let rows = changes.flatMap { change in
        change.fieldChanges.map { field in
            [String(change.id), dates.string(from: change.at), change.user ?? "", change.channel, historySubject(change), field.field,
             field.before.display(number: { formatted($0) }), field.after.display(number: { formatted($0) }), change.note ?? ""]
        }
    }
    guard !rows.isEmpty else { return print("No changes recorded.") }
    printTable(["change", "at", "by", "channel", "subject", "field", "before", "after", "note"], rows)
}

private func historySubject(_ change: ChangeRecord) -> String {
    switch change.subject {
    case .nationalTarget: change.key
    case .alignment: "\(RestoreRules.targetCode(change)) → \(HistoryFields.globalTarget(ofAlignmentKey: change.key))"
    case .observation: change.key.split(separator: "|", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
