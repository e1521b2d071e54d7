import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// The History section of a national target's page (the target, its
/// alignments and the values of the series that measure it) and its Restore
/// buttons. A restore refused because the value changed since shows the value
/// as it now stands and a button to restore anyway.
enum HistoryPages {
    static func add(to routes: SecuredRoutes, views: Views, units: UnitTable, titles: FrameworkTitles) {
        let store = routes.store

        routes.post("/w/{country}/history/{change}/restore", .workspace(.contributor)) { request, context, access in
            let form = try await FormFields.read(request)
            let workspace = access.workspace!, language = context.language
            let back = NationalTargetRules.canonicalCode(form["target"] ?? "", country: workspace.country)
            func refused(_ status: HTTPResponse.Status, _ message: String, confirm: Int64? = nil) async throws -> Response {
                var problem: [String: Any] = ["message": message]
                if let confirm { problem["confirmChange"] = confirm }
                return try await NationalTargetPages.page(request, context, access, views: views, store: store, units: units, titles: titles, code: back,
                                                          status: status, historyProblem: problem)
            }
            do {
                let changeID = try changeNumber(context)
                try await checkRole(changeID: changeID, access: access, store: store)
                try await store.restore(changeID: changeID, workspaceID: workspace.id, force: form["confirm"] == "1",
                                        context: ChangeContext(userID: access.user?.id, channel: .web))
                return Views.redirect("/w/\(workspace.country)/targets/\(back)#history")
            } catch let stale as StaleRestore {
                let message = views.text("history_stale", language).replacingOccurrences(of: "{facts}", with: stale.description)
                return try await refused(.conflict, message, confirm: stale.change.id)
            } catch let error as DomainError {
                return try await refused(DomainErrorMiddleware<AppContext>.status(error), error.webMessage(views.messages, language: language))
            }
        }
    }

    /// The change number of the path; a number that is not one is a change that does not exist.
    static func changeNumber(_ context: AppContext) throws -> Int64 {
        let raw = try context.parameters.require("change")
        guard let id = Int64(raw) else { throw DomainError.notFound("no change \(raw) in this workspace's history") }
        return id
    }

    /// A target or alignment is restored by whoever may edit targets (the focal point);
    /// a series value by whoever may record values (a contributor or higher).
    static func checkRole(changeID: Int64, access: Access, store: SQLStore) async throws {
        guard let change = try await store.change(id: changeID, workspaceID: access.workspace!.id) else { return }
        if change.subject != .observation, access.role != .focalPoint {
            throw DomainError(.forbidden, "only the workspace's focal point edits national targets, so only the focal point restores their changes")
        }
    }

    /// The section's rows, newest first: one per field a change touched, the
    /// Restore button on the first (none on a target's creation).
    static func rows(target: NationalTarget, series: [IndicatorSeries], access: Access, store: SQLStore,
                     views: Views, language: String) async throws -> [[String: Any]] {
        let workspaceID = access.workspace!.id
        var changes = try await store.targetHistory(workspaceID: workspaceID, code: target.code)
        for s in series {
            changes += try await store.seriesHistory(workspaceID: workspaceID, indicator: s.indicator, disaggregation: s.disaggregation)
        }
        let role = access.role ?? .viewer
        func number(_ value: Double) -> String { Localizer.number(value, language, fractionDigits: 6) }
        return changes.sorted { $0.id > $1.id }.flatMap { change -> [[String: Any]] in
            let restorable = change.subject == .observation ? role >= .contributor : role == .focalPoint && change.before != nil
            return change.fieldChanges.enumerated().map { index, field -> [String: Any] in
                ["id": change.id, "first": index == 0, "restorable": index == 0 && restorable,
                 "at": Localizer.date(change.at, language), "who": change.user ?? "—",
                 "channel": views.text("history_channel_" + change.channel, language), "note": change.note ?? "",
                 "subject": subject(change), "field": views.text("history_field_" + field.field, language),
                 "before": field.before.display(number: number), "after": field.after.display(number: number)]
            }
        }
    }

    static func subject(_ change: ChangeRecord) -> String {
        switch change.subject {
        case .nationalTarget: return change.key
        case .alignment: return "→ " + HistoryFields.globalTarget(ofAlignmentKey: change.key)
        case .observation:
            let parts = change.key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { return change.key }
            return "\(parts[0]) \(parts[2])" + (parts[1].isEmpty ? "" : " (\(parts[1]))")
        }
    }
}
