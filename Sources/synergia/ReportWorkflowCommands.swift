import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore

extension ReportCommand {
    struct Transition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a report: submit_for_review, request_changes, approve, submit, reopen.",
            discussion: "--version is the report's version you read (`report list`). Reopening needs --reason.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64
        @Argument(help: "submit_for_review | request_changes | approve | submit | reopen") var action: ReportTransition
        @Option(help: "The report version you read; default: the current one.") var version: Int?
        @Option(help: "Why (needed to reopen).") var reason: String?

        func run() async throws {
            try await userFacing {
                let result = try await withReporting(store) { service in
                    let current = try await service.view(reportID: report).report.version
                    return try await service.transitionWithChecks(reportID: report, action, expectedVersion: version ?? current,
                                                                  reason: reason, actor: try await actor.resolve(service, report: report))
                }
                let moved = result.report
                print("Report \(moved.id) is now \(moved.state.rawValue)\(moved.state == .submitted ? " (snapshot version \(moved.snapshots))" : "").")
                CrossCheckText.warnings(result.warnings).forEach { print($0) }
            }
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit an approved report: validates it and freezes a snapshot.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64

        func run() async throws {
            try await userFacing {
                let result = try await withReporting(store) { service in
                    let current = try await service.view(reportID: report).report.version
                    return try await service.transitionWithChecks(reportID: report, .submit, expectedVersion: current, reason: nil,
                                                                  actor: try await actor.resolve(service, report: report))
                }
                print("Report \(result.report.id) submitted: snapshot version \(result.report.snapshots).")
                CrossCheckText.warnings(result.warnings).forEach { print($0) }
            }
        }
    }

    struct Comment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Comment on a question (reviewers can request a change).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64
        @Argument(help: "Answer key.") var key: String
        @Argument(help: "The comment.") var body: String
        @Flag(help: "Ask for the answer to be changed.") var requestChange = false

        func run() async throws {
            try await userFacing {
                guard let key = AnswerKey(self.key) else { throw DomainError.invalid("'\(self.key)' is not an answer key") }
                _ = try await withReporting(store) { service in
                    return try await service.comment(reportID: report, key: key, body: body, requestsChange: requestChange,
                                                     actor: try await actor.resolve(service, report: report))
                }
                print("Comment added on \(key).")
            }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign a section to a contributor (focal point only).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64
        @Argument(help: "Section id, e.g. s3.") var section: String
        @Option(help: "E-mail of the contributor; omit to clear the assignment.") var to: String?

        func run() async throws {
            try await userFacing {
                try await withReporting(store) { service in
                    var userID: Int64?
                    if let to {
                        guard let user = try await service.store.user(email: to) else { throw DomainError.notFound("no user with the e-mail \(to)") }
                        userID = user.id
                    }
                    try await service.assign(reportID: report, section: section, to: userID, actor: try await actor.resolve(service, report: report))
                }
                print(to.map { "Section \(section) assigned to \($0)." } ?? "Section \(section) unassigned.")
            }
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The audit trail of a report: who changed what, when, through which channel.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Report id.") var report: Int64
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let entries = try await withReporting(store) { try await $0.store.audit(reportID: report) }
                if output.json { return try printJSON(entries) }
                printTable(["when", "user", "via", "action", "key", "old → new"], entries.map {
                    [ISO8601DateFormatter().string(from: $0.at), $0.userID.map(String.init) ?? "", $0.channel.rawValue, $0.action, $0.key ?? "",
                     [$0.oldValue, $0.newValue].map { $0.map { String(describing: $0).prefix(40) } ?? "" }.joined(separator: " → ") + ($0.note.map { " (\($0))" } ?? "")]
                })
            }
        }
    }

    struct Conflicts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Shared facts answered differently in two reports of a workspace.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.") var workspace: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let conflicts = try await withReporting(store) { service in
                    try await service.conflicts(workspaceID: try await requireWorkspace(service.store, workspace).id)
                }
                if output.json { return try printJSON(conflicts) }
                if conflicts.isEmpty { return print("No conflicts: every shared fact has one answer.") }
                for conflict in conflicts {
                    print("\(conflict.concept) — \(conflict.label)")
                    for claim in conflict.claims {
                        print("  report \(claim.reportID) (\(claim.template)) \(claim.key): \(claim.value)\(claim.toConfirm ? " (to confirm)" : "")")
                    }
                }
            }
        }
    }
}
