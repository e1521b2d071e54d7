import Foundation
import SQLKit
import SynergiaCore

/// Writing a change's old value back. The restore is a change of its own
/// (channel `restore`, its note naming the change restored), so the history
/// keeps both; it goes through the same writes and rules as any edit.
extension SQLStore {
    /// Restores the values `changeID` replaced. Refuses a change of another
    /// workspace (not found), a subject deleted since, and — unless `force` —
    /// a subject changed after that change (`StaleRestore`, with its current value).
    /// Returns the changes the restore made.
    @discardableResult
    public func restore(changeID: Int64, workspaceID: Int64, force: Bool, context: ChangeContext) async throws -> [ChangeRecord] {
        guard let change = try await change(id: changeID, workspaceID: workspaceID) else {
            throw DomainError.notFound("no change \(changeID) in this workspace's history")
        }
        let restoring = ChangeContext(userID: context.userID, channel: .restore, at: context.at,
                                      note: "restores change \(change.id) (\(context.channel.rawValue))")
        switch change.subject {
        case .nationalTarget, .alignment:
            let target = try await nationalTarget(workspaceID: workspaceID, code: RestoreRules.targetCode(change))
            let global = HistoryFields.globalTarget(ofAlignmentKey: change.key)
            let current: [String: HistoryValue]? = switch change.subject {
            case .alignment: HistoryFields.alignment(target?.alignments.first { $0.globalTarget == global }?.degree)
            default: target.map(HistoryFields.target)
            }
            try RestoreRules.check(change, current: current, targetExists: target != nil, force: force)
            guard var restored = target else { return [] }
            if change.subject == .alignment {
                restored.alignments.removeAll { $0.globalTarget == global }
                if let degree = change.before?["degree"]?.text.flatMap(AlignmentDegree.init(rawValue:)) {
                    restored.alignments.append(TargetAlignment(globalTarget: global, degree: degree))
                }
            } else {
                restored = try HistoryFields.applying(change.before ?? [:], to: restored)
            }
            let seen = try await targetHistory(workspaceID: workspaceID, code: restored.code).last?.id ?? 0
            _ = try await updateNationalTarget(restored, context: restoring)
            return try await targetHistory(workspaceID: workspaceID, code: restored.code).filter { $0.id > seen && $0.note == restoring.note }
        case .observation:
            guard let (scope, year) = HistoryFields.observationScope(ofKey: change.key) else {
                throw DomainError.invalid("change \(change.id) names no series value (\(change.key))")
            }
            let parts = scope.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let (indicator, disaggregation) = (parts[0], parts.count > 1 ? parts[1] : "")
            if let before = change.before {
                try await checkObservations([try Self.observationInput(before, indicator: indicator, disaggregation: disaggregation, year: year)],
                                            workspaceID: workspaceID)
            }
            let seen = try await seriesHistory(workspaceID: workspaceID, indicator: indicator, disaggregation: disaggregation).last?.id ?? 0
            try await write { db in
                let existing = try await Self.observationRow(db, workspaceID: workspaceID, indicator: indicator, disaggregation: disaggregation, year: year)
                let current = try existing.map { try Self.observationFields($0.row, unit: $0.unit) }
                try RestoreRules.check(change, current: current, targetExists: true, force: force)
                if let before = change.before {
                    let input = try Self.observationInput(before, indicator: indicator, disaggregation: disaggregation, year: year)
                    _ = try await Self.store([input], db: db, workspaceID: workspaceID, replace: true, context: restoring)
                } else if let existing, let current {
                    try await db.delete(from: "observations").where("id", .equal, try existing.row.int64("id")).run()
                    try await Self.keepChange(db, workspaceID: workspaceID, subject: .observation, key: change.key, scope: scope,
                                              before: current, after: nil, context: restoring)
                }
            }
            return try await seriesHistory(workspaceID: workspaceID, indicator: indicator, disaggregation: disaggregation)
                .filter { $0.id > seen && $0.note == restoring.note }
        }
    }

    /// The observation row of one year of a series, with the series' unit.
    private static func observationRow(_ db: any SQLDatabase, workspaceID: Int64, indicator: String, disaggregation: String,
                                       year: Int) async throws -> (row: any SQLRow, unit: String)? {
        guard let series = try await db.select().columns("id", "unit").from("indicator_series")
            .where("workspace_id", .equal, workspaceID).where("indicator_code", .equal, indicator)
            .where("disaggregation", .equal, disaggregation).first() else { return nil }
        guard let row = try await db.select().columns("id", "value", "source", "provenance_kind", "provenance_ref").from("observations")
            .where("series_id", .equal, try series.int64("id")).where("year", .equal, year).first() else { return nil }
        return (row, try series.string("unit"))
    }

    /// The observation a change's fields describe, with the provenance it had then.
    private static func observationInput(_ fields: [String: HistoryValue], indicator: String, disaggregation: String,
                                         year: Int) throws -> ObservationInput {
        guard let value = fields["value"]?.number, let unit = fields["unit"]?.text, let source = fields["source"]?.text,
              let provenance = Provenance(kind: fields["provenance"]?.text ?? "", reference: fields["reference"]?.text) else {
            throw DomainError.invalid("the history's value of \(indicator) for \(year) is incomplete and cannot be written back")
        }
        return ObservationInput(indicator: indicator, unit: unit, disaggregation: disaggregation,
                                observation: Observation(year: year, value: value, source: source, provenance: provenance))
    }
}
