import Foundation
import SynergiaCore
import SynergiaStore

/// The demo workspace described by `data/demo/*.yaml`: a country with national
/// targets, their alignments and a few indicator series, so a new user sees
/// assessed progress at once. Loading it twice changes nothing.
public enum DemoWorkspace {
    struct File: Decodable {
        struct Header: Decodable {
            var country: String
            var name: String
            var conventions: [String]
        }
        struct Member: Decodable {
            var email: String
            var name: String
            var role: String
        }
        struct Indicator: Decodable {
            var code: String
            var title: String
            var unit: String
        }
        struct Point: Decodable {
            var year: Int
            var value: Double
        }
        struct Alignment: Decodable {
            var target: String
            var degree: String
        }
        struct Target: Decodable {
            var code: String
            var title: String
            var description: String
            var unit: String?
            var baseline: Point?
            var target: Point?
            var direction: String?
            var alignments: [Alignment]
            var indicators: [String]
            var measured_by: MeasuredBy?
        }
        struct MeasuredBy: Decodable {
            var indicator: String
            var disaggregation: String?
        }
        struct Series: Decodable {
            var indicator: String
            var disaggregation: String?
            var unit: String
            var values: [Int: Double]
        }

        var workspace: Header
        var members: [Member]?
        var national_indicators: [Indicator]?
        var national_targets: [Target]
        var series: [Series]
    }

    public struct Summary: Codable, Sendable {
        public var workspace: String
        public var created: Bool
        public var nationalTargetsAdded: Int
        public var observations: RecordSummary
    }

    public static func load(_ url: URL, into store: SQLStore) async throws -> Summary {
        let document = try YAMLDocument.load(url, displayName: "data/demo/" + url.lastPathComponent)
        let file = try document.decode(File.self)
        let demoContext = ChangeContext(userID: nil, channel: .cli, note: "demo data (data/demo/\(url.lastPathComponent))")
        let country = Code.canonical(file.workspace.country)
        var created = false
        let workspace: Workspace
        if let existing = try await store.workspace(country: country) {
            workspace = existing
        } else {
            workspace = try await store.createWorkspace(country: country, name: file.workspace.name, conventions: file.workspace.conventions)
            created = true
        }
        for (index, member) in (file.members ?? []).enumerated() {
            guard let role = WorkspaceRole(rawValue: member.role) else {
                throw DataFileError([document.problem(at: ["members", .index(index), "role"], "role '\(member.role)' is not one of \(WorkspaceRole.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            var user = try await store.user(email: member.email)
            if user == nil {
                user = try await store.createUser(email: member.email, displayName: member.name, isSystemAdministrator: false)
            }
            let userID = user!.id
            try await store.setRole(workspaceID: workspace.id, userID: userID, role: role)
        }
        let nationalIndicators = Set(try await store.nationalIndicators(workspaceID: workspace.id).map(\.code))
        for indicator in file.national_indicators ?? [] where !nationalIndicators.contains(Code.canonical(indicator.code)) {
            try await store.defineNationalIndicator(
                NationalIndicator(code: Code.canonical(indicator.code), title: indicator.title, unit: indicator.unit), workspaceID: workspace.id)
        }
        var added = 0
        for (index, entry) in file.national_targets.enumerated() {
            let code = NationalTargetRules.canonicalCode(entry.code, country: country)
            if try await store.nationalTarget(workspaceID: workspace.id, code: code) != nil { continue }
            var alignments: [TargetAlignment] = []
            for (position, alignment) in entry.alignments.enumerated() {
                guard let degree = AlignmentDegree(rawValue: alignment.degree) else {
                    throw DataFileError([document.problem(at: ["national_targets", .index(index), "alignments", .index(position), "degree"], "degree '\(alignment.degree)' is not one of high, medium, low")])
                }
                alignments.append(TargetAlignment(globalTarget: Code.canonical(alignment.target), degree: degree))
            }
            let target = NationalTarget(
                code: code, title: entry.title, description: entry.description, unit: entry.unit,
                baseline: entry.baseline.map { YearValue(year: $0.year, value: $0.value) },
                target: entry.target.map { YearValue(year: $0.year, value: $0.value) },
                direction: entry.direction.flatMap(DesiredDirection.init(rawValue:)),
                alignments: alignments, indicators: entry.indicators.map(Code.canonical),
                measuredBy: entry.measured_by.map { SeriesBinding(indicator: Code.canonical($0.indicator), disaggregation: $0.disaggregation ?? "") })
            do {
                _ = try await store.addNationalTarget(target, workspaceID: workspace.id, context: demoContext)
            } catch let error as DomainError {
                throw DataFileError([document.problem(at: ["national_targets", .index(index)], error.message)])
            }
            added += 1
        }
        let inputs = file.series.flatMap { series in
            series.values.sorted { $0.key < $1.key }.map { year, value in
                ObservationInput(indicator: Code.canonical(series.indicator), unit: series.unit, disaggregation: series.disaggregation ?? "",
                                 observation: Observation(year: year, value: value, source: "Synergia demo data (fictional)",
                                                          provenance: .entered(userID: nil)))
            }
        }
        let recorded = try await store.record(inputs, workspaceID: workspace.id, replace: false, context: demoContext)
        return Summary(workspace: country, created: created, nationalTargetsAdded: added, observations: recorded)
    }
}
