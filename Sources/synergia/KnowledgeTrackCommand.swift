import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaKnowledge
import SynergiaReporting
import SynergiaStore

extension KnowledgeCommand {
    struct Track: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Track what the country did about a decision paragraph, or list the workspace's tracked paragraphs.",
            discussion: "Statuses: not_started, in_progress, done, not_applicable. Contributors and focal points of the workspace may track.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.") var workspace: String
        @Option(help: "The decision paragraph (its id, from search --json or show).") var paragraph: Int64?
        @Option(help: "not_started, in_progress, done or not_applicable.") var status: String?
        @Option(help: "The body responsible.") var responsible: String?
        @Option(help: "A note on what was done.") var note: String?
        @Option(name: .customLong("target"), help: "A national target that answers the paragraph (repeatable), e.g. KEN-T3.") var targets: [String] = []
        @Option(name: .customLong("answer"), help: "A report answer citing the paragraph (repeatable), REPORT:QUESTION, e.g. 12:nbsap_status.") var answers: [String] = []
        @Option(name: .customLong("as"), help: "E-mail of the member acting.") var email: String?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if paragraph != nil && (status == nil || email == nil) { throw ValidationError("--paragraph needs --status and --as EMAIL") }
        }

        func run() async throws {
            try await userFacing {
                try await withReporting(store) { reports in
                    let store = reports.store, service = DecisionTrackingService(reports: reports)
                    let workspace = try await requireWorkspace(store, self.workspace)
                    if let paragraph, let status, let email {
                        guard let parsed = DecisionTracking.Status(rawValue: status) else {
                            throw DomainError.invalid("status '\(status)' is not one of \(DecisionTracking.Status.allCases.map(\.rawValue).joined(separator: ", "))")
                        }
                        let actor = try await ReportActor.resolve(email: email, workspaceID: workspace.id, channel: .cli, store: store)
                        guard let role = actor.role, role >= .contributor else {
                            throw DomainError(.forbidden, "tracking decisions needs the role contributor or higher in \(workspace.country)")
                        }
                        let links = try ReportAnswerLink.parseList(answers.joined(separator: " "))
                        let current = try await service.tracking(workspaceID: workspace.id, paragraphID: paragraph)
                        let saved = try await service.track(DecisionTracking(
                            workspaceID: workspace.id, paragraphID: paragraph, status: parsed,
                            responsible: responsible ?? current?.responsible ?? "", note: note ?? current?.note ?? "",
                            nationalTargets: targets.isEmpty ? current?.nationalTargets ?? [] : targets.map { NationalTargetRules.canonicalCode($0, country: workspace.country) },
                            reportAnswers: links.isEmpty ? current?.reportAnswers ?? [] : links,
                            updatedBy: actor.userID), expectedVersion: current?.version ?? 0)
                        if output.json { return try printJSON(saved) }
                        print("Paragraph \(paragraph) in \(workspace.country): \(saved.status.rawValue) (version \(saved.version)).")
                        return
                    }
                    let tracked = try await service.trackedDecisions(workspaceID: workspace.id)
                    let all = tracked.map(\.tracking)
                    if output.json { return try printJSON(all) }
                    printTable(["paragraph", "document", "status", "responsible", "targets"], tracked.map { decision in
                        let t = decision.tracking
                        return [String(t.paragraphID), decision.paragraph.map { ($0.symbol ?? $0.title) + " " + ($0.label ?? "") } ?? "",
                                t.status.rawValue, t.responsible, t.nationalTargets.joined(separator: ", ")]
                    })
                    let counts = Dictionary(grouping: all, by: \.status).mapValues(\.count)
                    print(DecisionTracking.Status.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
                }
            }
        }
    }
}
