import Foundation
import SynergiaCore
import SynergiaStore

/// Values a run or an import just added to the workspace's series.
public struct SeriesUpdate: Sendable, Equatable {
    /// The indicators whose series got values.
    public var indicators: Set<String>
    /// The run that computed them, if a run did; its engine's tables refresh the `from_run` answers.
    public var runID: Int64?
    public var engine: String?

    public init(indicators: Set<String>, runID: Int64? = nil, engine: String? = nil) {
        self.indicators = Set(indicators.map(Code.canonical))
        self.runID = runID
        self.engine = engine
    }
}

/// What a refresh changed: the answers written per report, and the questions left empty
/// because a new value's unit does not convert.
public struct PrefillRefreshOutcome: Sendable {
    public var written: [Int64: [AnswerKey]] = [:]
    public var gaps: [Int64: [PrefillGap]] = [:]

    public var count: Int { written.values.reduce(0) { $0 + $1.count } }
}

extension ReportService {
    /// The one place new series values reach reports: every open (editable) report of the
    /// workspace gets the new value in each answer that prefilling took from those series or
    /// from that engine's run and that no person has saved or confirmed since, and in each such
    /// question still unanswered. Answers a person gave are never touched. The CLI and the web
    /// call this after an engine run or a series import (docs/architecture.md).
    public func refreshPrefilled(workspaceID: Int64, after update: SeriesUpdate, at now: Date = Date()) async throws -> PrefillRefreshOutcome {
        var outcome = PrefillRefreshOutcome()
        guard let workspace = try await store.workspace(id: workspaceID) else { return outcome }
        let note = ([update.runID.map { "run \($0)" }] + [update.indicators.isEmpty ? nil : update.indicators.sorted().joined(separator: ", ")])
            .compactMap { $0 }.joined(separator: ": ")
        let context = ChangeContext(userID: nil, channel: .prefill, at: now, note: note)
        for report in try await store.reports(workspaceID: workspaceID) where (try? report.state.checkAllowsEditing()) != nil {
            guard let template = catalog.templates[report.templateID], VersionNotice(report: report, installed: template) == nil else { continue }
            let view = try await load(report, in: workspace, template: template)
            let found = try await Prefill(store: store, catalog: catalog, workspaceID: workspaceID)
                .outcome(for: template, entries: view.entries, existing: Array(view.answers.values), sharedAnswers: false, at: now)
            var refreshes: [PrefillRefresh] = []
            for (change, provenance) in found.answers where Self.comes(from: provenance, update) {
                guard let current = view.answers[change.key] else {
                    refreshes.append(PrefillRefresh(change: change, provenance: provenance, expectedVersion: nil))
                    continue
                }
                guard current.provenance.kind == .prefilled, Self.comes(from: current.provenance, update), current.value != change.value else { continue }
                refreshes.append(PrefillRefresh(change: change, provenance: provenance, expectedVersion: current.version))
            }
            let gaps = found.gaps.filter { update.indicators.contains($0.indicator) || $0.indicator.split(separator: ",").contains { update.indicators.contains($0.trimmingCharacters(in: .whitespaces)) } }
            if !gaps.isEmpty { outcome.gaps[report.id] = gaps }
            guard !refreshes.isEmpty else { continue }
            let written = try await store.refreshPrefilledAnswers(reportID: report.id, refreshes, context: context)
            if !written.isEmpty { outcome.written[report.id] = written }
        }
        return outcome
    }

    /// Whether a prefilled value was taken from the updated series or the run's engine.
    static func comes(from provenance: AnswerProvenance, _ update: SeriesUpdate) -> Bool {
        switch provenance.origin {
        case .run?:
            return update.engine != nil && provenance.sourceEngine == update.engine
        case .series?, .nationalTarget?:
            return provenance.sourceIndicators.contains(where: update.indicators.contains)
        default:
            return false
        }
    }
}

extension ReportService {
    /// `refreshPrefilled` after an engine run was recorded: the series it computed and its
    /// engine's tables.
    public func refreshPrefilled(afterRun run: ComputationRun) async throws -> PrefillRefreshOutcome {
        let computed = try await store.series(workspaceID: run.workspaceID).filter { series in
            series.observations.contains { $0.provenance == .computed(runID: run.id) }
        }
        return try await refreshPrefilled(workspaceID: run.workspaceID,
                                          after: SeriesUpdate(indicators: Set(computed.map(\.indicator)), runID: run.id, engine: run.engine))
    }
}
