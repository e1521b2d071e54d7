import Foundation
import SynergiaCore
import SynergiaStore

extension Prefill {
    /// Every indicator of every framework, with its kind, unit and the goals and targets it measures.
    func frameworkIndicators() async throws -> [Indicator] {
        var indicators: [Indicator] = []
        for framework in try await store.frameworks() {
            indicators += try await store.frameworkContent(framework.code)?.indicators ?? []
        }
        return indicators
    }

    /// One record per headline indicator of the framework that the workspace has series of
    /// and the record's indicator list offers, in the framework's order: the indicator, the
    /// data source `national` and the rows of all its series. An indicator that already has a
    /// record keeps its entry; a new one takes the next free number.
    func headlineRecords(_ fields: HeadlineRecordFields, group: Question, indicators: [Indicator], values: SeriesValues,
                         existing: [Answer], at now: Date) -> PrefillOutcome {
        guard let indicatorQuestion = group.children.first(where: { $0.id == fields.indicator }),
              let dataQuestion = group.children.first(where: { $0.id == fields.data }) else { return PrefillOutcome() }
        let offered = Set(indicatorQuestion.choices.map(\.value))
        var entryOf: [String: String] = [:]
        var taken: Set<Int> = []
        for answer in existing where answer.key.group == group.id {
            if let entry = answer.key.entry, let number = Int(entry) { taken.insert(number) }
            if answer.key.question == fields.indicator, let entry = answer.key.entry, let choice = answer.value.stringValue { entryOf[choice] = entry }
        }
        var outcome = PrefillOutcome()
        for indicator in indicators where indicator.kind == .headline && indicator.framework == fields.framework {
            let choice = fields.choiceValue(of: indicator.code)
            guard offered.contains(choice) else { continue }
            let series = values.all(of: indicator.code)
            guard !series.isEmpty else { continue }
            let entry: String
            if let known = entryOf[choice] {
                entry = known
            } else {
                let next = (1...).first { !taken.contains($0) }!
                taken.insert(next)
                entry = String(next)
            }
            let key = { (question: String) in AnswerKey(question: question, group: group.id, entry: entry) }
            switch values.rows(series, in: dataQuestion.unit, at: now) {
            case .value(let rows, let provenance)?:
                outcome.answers.append((AnswerChange(key: key(fields.indicator), concept: nil, value: .string(choice), expectedVersion: nil), provenance))
                outcome.answers.append((AnswerChange(key: key(fields.source), concept: nil, value: .string("national"), expectedVersion: nil), provenance))
                outcome.answers.append((AnswerChange(key: key(fields.data), concept: nil, value: rows, expectedVersion: nil), provenance))
            case .refused(let reason)?:
                outcome.gaps.append(PrefillGap(key: key(fields.data), indicator: indicator.code, disaggregation: "", reason: reason))
            case nil:
                continue
            }
        }
        return outcome
    }
}
