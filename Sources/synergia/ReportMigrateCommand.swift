import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting

/// `synergia report migrate`: the plan that moves a report to the installed version of its
/// template (or to the next cycle's template), and with --apply the migrated report.
struct ReportMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Show what moving a report to a newer template version would carry; --apply creates the migrated report.",
        discussion: "Without --apply nothing is stored: the plan lists the answers carried as is, renamed, recoded and dropped (with their values), the new questions to answer and any refusal. --apply creates a new draft report at the newer version with the carried answers; the report it comes from is left unchanged. A plan with a refusal stores nothing and exits with status 1.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Report id.") var report: Int64
    @Option(name: .customLong("to-version"), help: "The installed version of the template to move to (default: the installed one).") var version: Int?
    @Option(name: .customLong("to-template"), help: "Move to another template, e.g. the next cycle's (default: the report's own).") var template: String?
    @Flag(help: "Create the migrated report.") var apply = false
    @Option(name: .customLong("as"), help: "E-mail of the focal point moving the report (needed with --apply).") var email: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await userFacing {
            if apply, email == nil { throw ValidationError("--apply needs --as, the e-mail of the workspace's focal point") }
            let (document, created) = try await withReporting(store) { service -> (MigrationPlanDocument, Report?) in
                let migration = try await service.planMigration(reportID: report, toTemplate: template, toVersion: version)
                let document = MigrationPlanDocument(reportID: report, plan: migration.plan)
                guard apply, migration.plan.isApplicable, let email else { return (document, nil) }
                let actor = try await ReportActor.resolve(email: email, workspaceID: migration.report.workspaceID, channel: .cli, store: service.store)
                return (document, try await service.applyMigration(reportID: report, toTemplate: template, toVersion: version, actor: actor).report)
            }
            if output.json {
                struct Result: Encodable { var plan: MigrationPlanDocument; var created: Report? }
                try printJSON(Result(plan: document, created: created))
            } else {
                document.lines.forEach { print($0) }
                if let created {
                    print("Created report \(created.id) (\(created.templateID) version \(created.templateVersion)) with \(document.answerCount) answer(s); report \(report) is unchanged.")
                } else if document.applicable, !apply {
                    print("Nothing stored; run again with --apply --as EMAIL to create the migrated report.")
                }
            }
            guard document.applicable else {
                throw DomainError.invalid("report \(report) cannot move to \(document.to): \(document.refusals.count) refusal(s) listed above; nothing was stored")
            }
        }
    }
}
