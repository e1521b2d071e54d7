import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// The register of facts of a workspace: one value per shared fact, the reports that ask it.
struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "The register of facts: one value per shared fact for every report of a workspace.",
        subcommands: [List.self, SetFact.self, Decide.self, History.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every fact with the register's value and each report's value.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.") var workspace: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let entries = try await withReporting(store) { service in
                    try await FactRegister(service: service).entries(workspaceID: try await requireWorkspace(service.store, workspace).id)
                }
                if output.json { return try printJSON(entries) }
                if entries.isEmpty { return print("No report of \(workspace) asks a shared fact yet.") }
                for entry in entries {
                    let value = entry.value.map(Self.shown) ?? "not in the register yet"
                    print("\(entry.fact) — \(entry.label)")
                    print("  register (version \(entry.version)): \(value)")
                    for claim in entry.claims {
                        let marks = [claim.differs ? "differs" : nil, claim.mark == .local ? "kept for this report only" : nil,
                                     claim.mark == .changed ? "changed since reviewed: accept or keep" : nil].compactMap { $0 }
                        print("  report \(claim.reportID) (\(claim.template), \(claim.state.rawValue)) \(claim.key): \(claim.value.map(Self.shown) ?? "—")"
                              + (marks.isEmpty ? "" : " [\(marks.joined(separator: "; "))]"))
                    }
                }
                let differing = entries.filter(\.differs).count
                print("\(entries.count) fact(s), \(differing) where a report differs from the register.")
            }
        }

        static func shown(_ value: AnswerValue) -> String {
            if case .object(let texts) = value, let english = texts["en"]?.stringValue, texts.count == 1 { return english }
            return (try? JSONCoding.string(value)) ?? String(describing: value)
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change of one fact, newest first: when, who, through what, before and after.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Workspace country code, e.g. KEN.") var workspace: String
        @Option(help: "The fact: concept or concept[entry] (facts list shows them).") var fact: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                guard let key = FactKey(fact) else { throw ValidationError("'\(fact)' is not a fact; write concept or concept[entry]") }
                let changes = try await withReporting(store) { service in
                    try await FactRegister(service: service).history(workspaceID: try await requireWorkspace(service.store, workspace).id, fact: key)
                }
                if output.json { return try printJSON(changes) }
                if changes.isEmpty { return print("\(key) has no change in the register of \(workspace) yet.") }
                for change in changes {
                    let at = change.at.formatted(.iso8601)
                    let source = change.sourceReportID.map { ", report \($0)" } ?? (change.action == .seeded ? ", taken from the reports' answers" : "")
                    print("\(at) \(change.user ?? "—") (\(change.channel.rawValue)\(source)): \(change.oldValue.map(List.shown) ?? "—") → \(List.shown(change.newValue))")
                }
                print("\(changes.count) change(s) of \(key).")
            }
        }
    }

    struct SetFact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a fact: every draft that asks it takes the value, reports in review or approved get a notice, submitted reports never change.",
            discussion: "--value is read as typed (a text, number, date, yes/no or choice code) in --language; --json takes the value as JSON. --version is the register version you read (0 for a fact not in the register yet; see facts list); a stale version is refused and nothing changes.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Option(help: "Workspace country code, e.g. KEN.") var workspace: String
        @Option(help: "Concept id, e.g. focal_point_contact.") var concept: String
        @Option(help: "The entry, for a concept asked inside a repeat group (a national target code such as KEN-T1).") var entry = ""
        @Option(help: "The value as typed.") var value: String?
        @Option(name: .customLong("json"), help: "The value as JSON (instead of --value).") var json: String?
        @Option(help: "Language of --value: en, fr, es, zh, ar, ru.") var language = "en"
        @Option(help: "The register version your value replaces.") var version: Int

        func run() async throws {
            try await userFacing {
                let input: AnswerInput
                if let value {
                    input = .text(value)
                } else if let json {
                    do { input = .value(try JSONCoding.decode(AnswerValue.self, json)) } catch {
                        throw DomainError.invalid("--json '\(json)' is not JSON; quote text as \"…\" or use --value")
                    }
                } else {
                    throw ValidationError("give --value or --json")
                }
                let key = FactKey(concept: concept, entry: entry)
                let fact = try await withReporting(store) { service in
                    let found = try await requireWorkspace(service.store, workspace)
                    do {
                        return try await FactRegister(service: service).set(workspace: found, fact: key, input: input, language: language,
                                                                            expectedVersion: version, actor: try await actor.resolve(service.store, found))
                    } catch let error as AnswerReadError {
                        throw DomainError.invalid("fact \(key): \(cliMessage(error))")
                    }
                }
                print("Set \(fact.key) (now version \(fact.version)); open reports that ask it follow.")
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "In a report in review or approved, accept the register's new value of a fact or keep the report's own.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Report id.") var report: Int64
        @Argument(help: "Answer key, e.g. focal_point_contact.") var key: String
        @Argument(help: "accept or keep.") var decision: String
        @Option(help: "For accept: the register version the notice shows (facts list).") var version: Int?

        func run() async throws {
            try await userFacing {
                guard let key = AnswerKey(self.key) else { throw DomainError.invalid("'\(self.key)' is not an answer key (question or group[entry].question)") }
                try await withReporting(store) { service in
                    let register = FactRegister(service: service)
                    let acting = try await actor.resolve(service, report: report)
                    switch decision {
                    case "accept":
                        guard let version else { throw ValidationError("accept needs --version, the register version the notice shows") }
                        _ = try await register.accept(reportID: report, key: key, factVersion: version, actor: acting)
                    case "keep":
                        try await register.keep(reportID: report, key: key, actor: acting)
                    default:
                        throw ValidationError("the decision is accept or keep, not '\(decision)'")
                    }
                }
                print(decision == "accept" ? "Report \(report): \(key) takes the register's value." : "Report \(report): \(key) keeps its value for this report only.")
            }
        }
    }
}
