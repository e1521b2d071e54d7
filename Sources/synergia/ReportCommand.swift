import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "National reports: create (prefilled), answer, review, submit, export, import offline workbooks.",
        subcommands: [
            ReportMigrateCommand.self,
            Templates.self, Create.self, List.self, Show.self, Answer.self, Confirm.self, Prefill.self, Validate.self, Check.self,
            Transition.self, Submit.self, Comment.self, Assign.self, Audit.self, Conflicts.self,
            ReportExportCommand.self, ReportImportCommand.self, ReportImportSecretariatCommand.self, SecretariatExportCommand.self,
            ReportAttachCommand.self, ReportAttachmentsCommand.self, ReportDetachCommand.self,
        ])

    struct Templates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the report templates.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let templates = try await withReporting(store) { service in service.catalog.templates.values.sorted { $0.id < $1.id } }
                if output.json {
                    struct Row: Encodable { var id, convention, cycle, title: String; var version, questions: Int }
                    return try printJSON(templates.map { Row(id: $0.id, convention: $0.convention, cycle: $0.cycle, title: $0.title.english, version: $0.version, questions: $0.questions.count) })
                }
                printTable(["template", "convention", "cycle", "version", "title"], templates.map { [$0.id, $0.convention, $0.cycle, String($0.version), $0.title.english] })
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a report; its answers are prefilled from the workspace.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Option(help: "Workspace country code, e.g. KEN.") var workspace: String
        @Option(help: "Template id, e.g. cbd-7nr (see `synergia report templates`).") var template: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let (report, prefilled) = try await withReporting(store) { service in
                    let workspace = try await requireWorkspace(service.store, self.workspace)
                    let report = try await service.create(workspace: workspace, templateID: template, actor: try await actor.resolve(service.store, workspace))
                    return (report, try await service.store.answers(reportID: report.id).count)
                }
                if output.json { return try printJSON(report) }
                print("Created report \(report.id) (\(report.templateID)) with \(prefilled) prefilled answer(s) to confirm.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's reports.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.") var workspace: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let reports = try await withReporting(store) { service in
                    try await service.store.reports(workspaceID: try await requireWorkspace(service.store, workspace).id)
                }
                if output.json { return try printJSON(reports) }
                printTable(["id", "template", "state", "version", "snapshots", "updated"], reports.map {
                    [String($0.id), $0.templateID, $0.state.rawValue, String($0.version), String($0.snapshots), ISO8601DateFormatter().string(from: $0.updatedAt)]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a report's answers, provenance and completeness.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Report id.") var report: Int64
        @Option(help: "Only this section.") var section: String?
        @Option(help: "Language of labels (en, fr, es, zh, ar, ru).") var language = "en"
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let document = try await withReporting(store) { service in
                    ReportDocument(view: try await service.view(reportID: report), exportedAt: Date(), language: language)
                }
                if output.json { return try printJSON(document) }
                print("Report \(document.report.id): \(document.report.title) — \(document.report.country), \(document.report.state)")
                for part in document.sections where section == nil || part.id == section {
                    print("\n[\(part.id)] \(part.title) — \(part.answered)/\(part.expected) answered")
                    for item in part.items {
                        let mark = item.toConfirm ? " (to confirm)" : ""
                        print("  \(item.key) v\(item.version)\(mark): \(String(describing: item.value).prefix(120))")
                    }
                }
            }
        }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer one question.",
            discussion: "VALUE is JSON: text {\"en\":\"…\"}, numbers 12.5 (or as text, \"1 234,5\", read in --language), yes/no true/false, a choice \"adopted\", multiple choice {\"selected\":[\"a\",\"b\"]}, indicator data [{\"year\":2020,\"value\":12.5}]. --text gives a text, number, date, yes/no or choice as typed, in --language (text answers keep their other languages). --version is the answer's version you read (omit for a first answer); a stale version is refused and nothing changes.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64
        @Argument(help: "Answer key, e.g. nbsap_status or target_progress[KEN-T1].target_progress_level.") var key: String
        @Option(help: "The value as JSON.") var value: String?
        @Option(help: "The answer as typed (instead of --value).") var text: String?
        @Option(help: "Language of --text and of numbers written as text: en, fr, es, zh, ar, ru.") var language = "en"
        @Option(help: "The version your answer is based on.") var version: Int?
        @Flag(help: "For a shared fact: keep the value for this report only (the register of facts and the other reports stay as they are).") var keepLocal = false

        func run() async throws {
            try await userFacing {
                guard let key = AnswerKey(self.key) else { throw DomainError.invalid("'\(self.key)' is not an answer key (question or group[entry].question)") }
                let input: AnswerInput
                if let text {
                    input = .text(text)
                } else if let value {
                    do { input = .value(try JSONCoding.decode(AnswerValue.self, value)) } catch {
                        throw DomainError.invalid("--value '\(value)' is not JSON; quote text as \"…\" or use --text")
                    }
                } else {
                    throw ValidationError("give --value or --text")
                }
                let saved = try await withReporting(store) { service in
                    do {
                        return try await service.answer(reportID: report, [AnswerEdit(key: key, input: input, language: language, expectedVersion: version, keepLocal: keepLocal)],
                                                        actor: try await actor.resolve(service, report: report))
                    } catch let error as AnswerReadError {
                        throw DomainError.invalid(cliMessage(error))
                    }
                }
                print("Saved \(key) (now version \(saved.first?.version ?? 0)).")
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm a prefilled answer as it is.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64
        @Argument(help: "Answer key.") var key: String
        @Option(help: "The version you read.") var version: Int

        func run() async throws {
            try await userFacing {
                guard let key = AnswerKey(self.key) else { throw DomainError.invalid("'\(self.key)' is not an answer key") }
                _ = try await withReporting(store) { service in
                    return try await service.answer(reportID: report, [AnswerEdit(key: key, value: .null, expectedVersion: version, confirmOnly: true)],
                                                    actor: try await actor.resolve(service, report: report))
                }
                print("Confirmed \(key).")
            }
        }
    }

    struct Prefill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prefill questions that have no answer yet (answers given are never touched).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64

        func run() async throws {
            try await userFacing {
                let outcome = try await withReporting(store) { service in
                    try await service.prefill(reportID: report, actor: try await actor.resolve(service, report: report))
                }
                print("Prefilled \(outcome.answers.count) answer(s).")
                for gap in outcome.gaps { print("Not prefilled: \(gap)") }
            }
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List what keeps a report from being submitted; exits non-zero if anything does.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Report id.") var report: Int64
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let evaluation = try await withReporting(store) { try await $0.view(reportID: report).evaluation }
                if output.json {
                    struct Result: Encodable { var issues: [ValidationIssue]; var completeness: [SectionCompleteness] }
                    try printJSON(Result(issues: evaluation.issues, completeness: evaluation.completeness))
                } else {
                    printTable(["section", "answered", "expected", "%"], evaluation.completeness.map { [$0.section, String($0.answered), String($0.expected), String($0.percent)] })
                    print()
                    evaluation.issues.forEach { print("\($0.key) [\($0.section)]: \($0.message)") }
                    print(evaluation.isSubmittable ? "No problems: the report can be submitted once approved." : "\(evaluation.issues.count) question(s) need attention.")
                }
                if !evaluation.isSubmittable { throw ExitCode(2) }
            }
        }
    }
}

/// Who acts: a member of the report's workspace, named by e-mail.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "E-mail of the member acting (their role in the workspace decides what is allowed).")
    var email: String

    func resolve(_ store: SQLStore, _ workspace: Workspace) async throws -> ReportActor {
        try await ReportActor.resolve(email: email, workspaceID: workspace.id, channel: .cli, store: store)
    }

    /// The member acting on `report`, with their role in its workspace.
    func resolve(_ service: ReportService, report: Int64) async throws -> ReportActor {
        guard let found = try await service.store.report(id: report) else { throw DomainError.notFound("report \(report) does not exist") }
        return try await ReportActor.resolve(email: email, workspaceID: found.workspaceID, channel: .cli, store: service.store)
    }
}

extension ReportTransition: ExpressibleByArgument {}
