import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// The workspace's register of facts (`/w/{country}/facts`): every fact with
/// its value, where it came from and each report's value, and a form that
/// resolves a difference in one place; the report page's accept or keep.
enum FactPages {
    static func add(to routes: SecuredRoutes, views: Views, reports: ReportService) {
        let register = FactRegister(service: reports)

        routes.get("/w/{country}/facts", .workspace(.viewer)) { request, context, access in
            try await page(request, context, access, views: views, register: register)
        }

        routes.post("/w/{country}/facts", .workspace(.contributor)) { request, context, access in
            let form = try await FormFields.read(request)
            let language = context.language
            guard let keyText = form["fact"], let key = FactKey(keyText) else { throw DomainError.invalid("the form names no fact") }
            let typed = (form["value"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let input: AnswerInput
            if !typed.isEmpty {
                input = .text(typed)
            } else if let chosen = form["choice"], let value = try? JSONCoding.decode(AnswerValue.self, chosen) {
                input = .value(value)
            } else {
                return try await page(request, context, access, views: views, register: register, status: .unprocessableContent,
                                      problem: (key, views.text("fact_give_value", language)))
            }
            do {
                _ = try await register.set(workspace: access.workspace!, fact: key, input: input, language: language,
                                           expectedVersion: form["version"].flatMap(Int.init) ?? -1,
                                           actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            } catch let error as DomainError where error.kind != .forbidden {
                return try await page(request, context, access, views: views, register: register,
                                      status: error.kind == .staleVersion ? .conflict : (error.kind == .notFound ? .notFound : .unprocessableContent),
                                      problem: (key, error.message))
            } catch let error as AnswerReadError {
                return try await page(request, context, access, views: views, register: register, status: .unprocessableContent,
                                      problem: (key, error.description))
            }
            return Views.redirect("/w/\(access.workspace!.country)/facts#\(anchor(key))")
        }

        routes.post("/reports/{id}/fact-notice", .report(.contributor, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request)
            guard let keyText = form["key"], let key = AnswerKey(keyText) else { throw DomainError.invalid("the form names no answer") }
            let actor = ReportActor(userID: access.signedIn.id, role: access.role, channel: .web)
            let reportID = access.report!.id
            do {
                switch form["decision"] {
                case "accept": _ = try await register.accept(reportID: reportID, key: key, factVersion: form["version"].flatMap(Int.init) ?? -1, actor: actor)
                case "keep": try await register.keep(reportID: reportID, key: key, actor: actor)
                default: throw DomainError.invalid("choose accept or keep")
                }
            } catch let error as DomainError where error.kind != .forbidden {
                return try await ReportPages.page(request, context, access, views: views, reports: reports, section: form["section"],
                                                  status: error.kind == .staleVersion ? .conflict : .unprocessableContent, problem: (keyText, error.message))
            }
            return Views.redirect("/reports/\(reportID)?section=\(form["section"] ?? "")#\(ReportPages.anchorID(keyText))")
        }
    }

    static func anchor(_ key: FactKey) -> String { ReportPages.anchorID("fact-" + key.description) }

    static func page(_ request: Request, _ context: AppContext, _ access: Access, views: Views, register: FactRegister,
                     status: HTTPResponse.Status = .ok, problem: (key: FactKey, message: String)? = nil) async throws -> Response {
        let workspace = access.workspace!, language = context.language
        let catalog = register.service.catalog
        let canEdit = (access.role ?? .viewer) >= .contributor
        // Facts that differ come first, then those with a value; facts nobody has answered yet last.
        let entries = try await register.entries(workspaceID: workspace.id).enumerated().sorted { lhs, rhs in
            let left = (lhs.element.differs ? 0 : 1, lhs.element.value == nil ? 1 : 0, lhs.offset)
            let right = (rhs.element.differs ? 0 : 1, rhs.element.value == nil ? 1 : 0, rhs.offset)
            return left < right
        }.map(\.element)
        let histories = try await register.histories(workspaceID: workspace.id)
        func shown(_ value: AnswerValue?, _ question: Question?) -> String {
            guard let value, value.isAnswered else { return "—" }
            return question.map { views.answerText(value, question: $0, language: language) } ?? ((try? JSONCoding.string(value)) ?? "")
        }
        let rows = entries.map { entry -> [String: Any] in
            let question = register.question(for: entry.concept)
            var choices: [AnswerValue] = []
            for value in [entry.value] + entry.claims.map(\.value) {
                if let value, value.isAnswered, !choices.contains(value) { choices.append(value) }
            }
            let source = entry.provenance.map { p in
                (p.sourceReportID.map { views.text("fact_saved_in_report", language).replacingOccurrences(of: "{report}", with: String($0)) }
                    ?? views.text("fact_set_in_register", language)) + " · " + p.channel.rawValue + " · " + Localizer.date(p.at, language)
            } ?? views.text("fact_not_in_register", language)
            let claims = entry.claims.map { claim -> [String: Any] in
                ["reportID": claim.reportID, "href": "/reports/\(claim.reportID)#\(ReportPages.anchorID(claim.key))",
                 "template": catalog.templates[claim.template]?.title.text(language) ?? claim.template,
                 "state": views.text("state_" + claim.state.rawValue, language), "value": shown(claim.value, question),
                 "local": claim.mark == .local, "changed": claim.mark == .changed, "differs": claim.differs]
            }
            let history = (histories[entry.fact] ?? []).map { change -> [String: Any] in
                ["at": Localizer.date(change.at, language), "who": change.user ?? "—",
                 "channel": views.text("history_channel_" + change.channel.rawValue, language),
                 "before": change.oldValue.map { shown($0, question) } ?? "—", "after": shown(change.newValue, question),
                 "report": change.sourceReportID.map { [["id": $0, "href": "/reports/\($0)"]] } ?? [],
                 "seeded": change.action == .seeded]
            }
            return ["fact": entry.fact.description, "anchor": anchor(entry.fact), "label": entry.label, "entry": entry.entry,
                    "history": history, "hasHistory": !history.isEmpty,
                    "historyCount": views.text("fact_history_count", language).replacingOccurrences(of: "{count}", with: String(history.count)),
                    "value": shown(entry.value, question), "version": entry.version, "source": source, "claims": claims,
                    "differs": entry.differs, "choices": choices.enumerated().map { index, value in
                        ["json": (try? JSONCoding.string(value)) ?? "", "text": shown(value, question), "id": "\(anchor(entry.fact))-\(index)",
                         "checked": value == entry.value]
                    },
                    "error": problem?.key == entry.fact ? problem!.message : ""]
        }
        let differing = entries.filter(\.differs).count
        return views.page("facts", title: views.text("facts_title", language), context: context, request: request, status: status, values: [
            "workspace": ["country": workspace.country, "name": workspace.name], "facts": rows, "hasFacts": !rows.isEmpty,
            "canEdit": canEdit, "differing": views.text("facts_differing", language).replacingOccurrences(of: "{count}", with: String(differing)),
            "pageError": problem.flatMap { p in entries.contains { $0.fact == p.key } ? nil : p.message } ?? "",
        ])
    }
}
