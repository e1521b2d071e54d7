import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// The reports section of a demo workspace file: reports started and partly
/// answered, so the prefill across conventions can be seen at once. Loading it
/// again does nothing for a template the workspace already has a report of.
public enum DemoReports {
    struct File: Decodable {
        struct Header: Decodable { var country: String }
        struct Entry: Decodable {
            var template: String
            var by: String
            var answers: [String: AnswerValue]
        }

        var workspace: Header
        var reports: [Entry]?
    }

    public static func load(_ url: URL, service: ReportService) async throws -> [Int64] {
        let document = try YAMLDocument.load(url, displayName: "data/demo/" + url.lastPathComponent)
        let file = try document.decode(File.self)
        guard let workspace = try await service.store.workspace(country: file.workspace.country) else { return [] }
        var created: [Int64] = []
        for entry in file.reports ?? [] {
            if try await service.store.reports(workspaceID: workspace.id).contains(where: { $0.templateID == entry.template }) { continue }
            let actor = try await ReportActor.resolve(email: entry.by, workspaceID: workspace.id, channel: .cli, store: service.store)
            let report = try await service.create(workspace: workspace, templateID: entry.template, actor: actor)
            let versions = Dictionary(uniqueKeysWithValues: try await service.store.answers(reportID: report.id).map { ($0.key, $0.version) })
            let edits = entry.answers.sorted { $0.key < $1.key }.compactMap { key, value in
                AnswerKey(key).map { AnswerEdit(key: $0, value: value, expectedVersion: versions[$0]) }
            }
            _ = try await service.answer(reportID: report.id, edits, actor: actor)
            created.append(report.id)
        }
        return created
    }
}
