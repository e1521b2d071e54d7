import Foundation
import SynergiaCore
import SynergiaStore

extension Prefill {
    /// The table questions that declare `from_run`, filled from the workspace's latest run
    /// of each engine named: the run's table, renamed and converted as the question says.
    /// A question whose engine has no run yet, or whose run kept no such table, stays empty.
    func runTableAnswers(for template: ReportTemplate, at now: Date) async throws -> [(change: AnswerChange, provenance: AnswerProvenance)] {
        var latestRuns: [String: (run: ComputationRun, tables: [String: RunTable])?] = [:]
        var result: [(change: AnswerChange, provenance: AnswerProvenance)] = []
        for (question, _) in template.questions {
            guard let source = question.fromRun else { continue }
            if latestRuns[source.engine] == nil {
                if let run = try await store.latestRun(workspaceID: workspaceID, engine: source.engine) {
                    let tables = try await store.runTables(runID: run.id)
                    latestRuns[source.engine] = (run, Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
                } else {
                    latestRuns[source.engine] = .some(nil)
                }
            }
            guard let found = latestRuns[source.engine] ?? nil, let table = found.tables[source.table],
                  let value = source.answer(from: table, question: question) else { continue }
            var provenance = AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .run, sourceRunID: found.run.id)
            provenance.sourceEngine = source.engine
            result.append((AnswerChange(key: AnswerKey(question: question.id), concept: question.concept, value: value, expectedVersion: nil), provenance))
        }
        return result
    }
}
