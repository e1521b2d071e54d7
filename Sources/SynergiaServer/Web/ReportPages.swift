import Foundation
import Hummingbird
import NIOCore
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// Reports of a workspace: list, create, the form by section, saving an
/// answer (stale saves shown with both values), workflow buttons.
enum ReportPages {
    static func add(to routes: SecuredRoutes, views: Views, reports: ReportService) {
        let store = routes.store

        routes.get("/w/{country}/reports", .workspace(.viewer)) { request, context, access in
            let workspace = access.workspace!, language = context.language
            let rows = try await store.reports(workspaceID: workspace.id).map { r -> [String: Any] in
                ["id": r.id, "template": reports.catalog.templates[r.templateID]?.title.text(language) ?? r.templateID,
                 "state": views.text("state_" + r.state.rawValue, language), "updated": Localizer.date(r.updatedAt, language)]
            }
            let templates = reports.catalog.templates.values.sorted { $0.id < $1.id }.map { ["id": $0.id, "title": $0.title.text(language)] }
            return views.page("reports", title: views.text("reports", language), context: context, request: request, values: [
                "workspace": ["country": workspace.country, "name": workspace.name], "reports": rows, "templates": templates,
                "canCreate": (access.role ?? .viewer) >= .contributor,
            ])
        }

        routes.post("/w/{country}/reports", .workspace(.contributor)) { request, _, access in
            let form = try await FormFields.read(request)
            let report = try await reports.create(workspace: access.workspace!, templateID: form["template"] ?? "",
                                                  actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            return Views.redirect("/reports/\(report.id)")
        }

        routes.get("/reports/{id}", .report(.viewer, secretariatReads: true)) { request, context, access in
            try await page(request, context, access, views: views, reports: reports)
        }

        routes.post("/reports/{id}/answer", .report(.contributor, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request)
            let report = access.report!
            guard let keyText = form["key"], let key = AnswerKey(keyText) else { throw DomainError.invalid("the form names no answer") }
            guard let question = try reports.catalog.template(report.templateID).question(key.question) else {
                throw DomainError.invalid("'\(keyText)' is not a question of this report")
            }
            let section = form["section"]
            do {
                // The form shows version 0 for a question not answered yet: no answer is expected to exist.
                let seen = form["version"].flatMap(Int.init).flatMap { $0 == 0 ? nil : $0 }
                let edit = AnswerEdit(key: key, input: .parts(ReportWidgets.parts(form, question: question)), language: context.language,
                                      expectedVersion: seen, confirmOnly: form["confirm"] == "1")
                _ = try await reports.answer(reportID: report.id, [edit], actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            } catch let stale as StaleAnswer {
                let mine = form.all("value").joined(separator: ", ")
                let current = stale.current.map { AnswerText.plain($0.value, question: question, language: context.language) } ?? ""
                return try await page(request, context, access, views: views, reports: reports, section: section, status: .conflict,
                                      problem: (keyText, views.text("stale_answer", context.language)), stale: (mine, current))
            } catch let error as AnswerReadError {
                return try await page(request, context, access, views: views, reports: reports, section: section, status: .unprocessableContent,
                                      problem: (keyText, ReportWidgets.message(error, question: question, views: views, language: context.language)))
            } catch let error as DomainError {
                return try await page(request, context, access, views: views, reports: reports, section: section, status: .unprocessableContent,
                                      problem: (keyText, error.message))
            }
            return Views.redirect("/reports/\(report.id)?section=\(section ?? "")#\(anchorID(keyText))")
        }

        routes.post("/reports/{id}/comment", .report(.contributor, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request)
            guard let keyText = form["key"], let key = AnswerKey(keyText) else { throw DomainError.invalid("the form names no answer") }
            let body = (form["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !body.isEmpty else { throw DomainError.invalid(views.text("comment_empty", context.language)) }
            _ = try await reports.comment(reportID: access.report!.id, key: key, body: body, requestsChange: form["change"] == "1",
                                          actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            return Views.redirect("/reports/\(access.report!.id)?section=\(form["section"] ?? "")#\(anchorID(keyText))")
        }

        routes.post("/reports/{id}/assign", .report(.focalPoint, secretariatReads: false)) { request, _, access in
            let form = try await FormFields.read(request)
            let section = form["section"] ?? ""
            try await reports.assign(reportID: access.report!.id, section: section, to: form["user"].flatMap(Int64.init),
                                     actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            return Views.redirect("/reports/\(access.report!.id)?section=\(section)")
        }

        routes.get("/reports/{id}/audit", .report(.viewer, secretariatReads: false)) { request, context, access in
            let language = context.language
            let query = request.uri.queryParameters
            func parameter(_ name: String) -> String? { query.get(name).map { String($0) }.flatMap { $0.isEmpty ? nil : $0 } }
            let all = try await store.audit(reportID: access.report!.id)
            let emails = try await store.users(ids: Set(all.compactMap(\.userID))).mapValues(\.email)
            let filter = try AuditFilter(key: parameter("key"), userID: parameter("user").flatMap { Int64($0) },
                                         from: parameter("from"), to: parameter("to"))
            let entries = all.reversed().filter(filter.matches).map { e -> [String: Any] in
                ["at": Localizer.date(e.at, language), "key": e.key ?? "", "action": e.action, "channel": e.channel.rawValue,
                 "user": e.userID.flatMap { emails[$0] } ?? "", "old": e.oldValue.map(plainJSON) ?? "", "new": e.newValue.map(plainJSON) ?? "",
                 "note": e.note ?? ""]
            }
            let view = try await reports.view(reportID: access.report!.id)
            return views.page("report-audit", title: views.text("audit_trail", language), context: context, request: request, values: [
                "report": ["id": access.report!.id, "title": view.template.title.text(language)], "entries": entries,
                "key": filter.key ?? "", "from": parameter("from") ?? "", "to": parameter("to") ?? "", "count": entries.count,
                "users": emails.sorted { $0.value < $1.value }.map { ["id": $0.key, "email": $0.value, "selected": $0.key == filter.userID] },
            ])
        }

        routes.get("/reports/{id}/snapshots/{number}", .report(.viewer, secretariatReads: true)) { _, context, access -> Response in
            let number = try context.parameters.require("number", as: Int.self)
            guard let data = try await store.snapshot(reportID: access.report!.id, number: number) else {
                throw DomainError.notFound("report \(access.report!.id) has no snapshot \(number)")
            }
            return Response(status: .ok, headers: [.contentType: "application/json",
                                                   .contentDisposition: "attachment; filename=\"report-\(access.report!.id)-snapshot-\(number).json\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }

        routes.post("/reports/{id}/transition", .report(.contributor, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request)
            guard let action = ReportTransition(rawValue: form["action"] ?? "") else { throw DomainError.invalid("unknown workflow action") }
            do {
                _ = try await reports.transition(reportID: access.report!.id, action, expectedVersion: form["version"].flatMap(Int.init) ?? -1,
                                                 reason: form["reason"], actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            } catch let error as DomainError {
                return try await page(request, context, access, views: views, reports: reports, status: .conflict, problem: ("", error.message))
            }
            return Views.redirect("/reports/\(access.report!.id)")
        }
    }

    static func page(_ request: Request, _ context: AppContext, _ access: Access, views: Views, reports: ReportService,
                     section requested: String? = nil, status: HTTPResponse.Status = .ok,
                     problem: (key: String, message: String)? = nil, stale: (mine: String, current: String)? = nil) async throws -> Response {
        let language = context.language
        let view = try await reports.view(reportID: access.report!.id)
        let document = ReportDocument(view: view, exportedAt: Date(), language: language)
        let asked: String? = requested ?? request.uri.queryParameters.get("section").map { String($0) }
        let sectionID: String? = asked ?? document.sections.first?.id
        let role = access.role
        let editable = view.report.state.allowsEditing && (role ?? .viewer) >= .contributor
        let sections = document.sections.map { s -> [String: Any] in
            ["id": s.id, "title": s.title, "answered": s.answered, "expected": s.expected, "current": s.id == sectionID,
             "complete": s.expected > 0 && s.answered >= s.expected]
        }
        let issues = Dictionary(grouping: document.issues, by: { $0.key.description })
        let allComments = try await reports.store.comments(reportID: view.report.id)
        let people = Set(allComments.compactMap(\.userID)).union(view.assignments.values)
        let users = try await reports.store.users(ids: people).mapValues(\.displayName)
        let comments = Dictionary(grouping: allComments, by: \.key)
        let current = document.sections.first { $0.id == sectionID }
        var items: [[String: Any]] = []
        for item in current?.items ?? [] {
            var row = itemRow(item, question: view.template.question(item.question), editable: editable, issues: issues[item.key] ?? [],
                              views: views, reports: reports, language: language)
            row["comments"] = (comments[item.key] ?? []).map { c -> [String: Any] in
                ["who": c.userID.flatMap { users[$0] } ?? "", "at": Localizer.date(c.at, language), "body": c.body, "change": c.requestsChange]
            }
            row["canComment"] = (role ?? .viewer) >= .contributor
            row["hasDecisions"] = !(item.decisions ?? []).isEmpty
            row["decisions"] = (item.decisions ?? []).map { d -> [String: Any] in
                ["text": [d.symbol, d.label].compactMap { $0 }.joined(separator: " "), "href": "/kb/documents/\(d.documentID)#p-\(d.paragraphID)",
                 "status": views.text("decision_" + d.status.rawValue, language)]
            }
            if let problem, problem.key == item.key {
                row["error"] = problem.message
                if let stale {
                    row["stale"] = ["mine": stale.mine, "current": stale.current]
                    // The form now carries the current version: saving again keeps the person's value on purpose.
                    row["raw"] = stale.mine
                }
            }
            items.append(row)
        }
        if editable { items += newEntryRows(view, section: sectionID, views: views, reports: reports, language: language) }
        let actions = ReportTransition.allCases.filter { $0.from.contains(view.report.state) && (role ?? .viewer) >= $0.minimumRole }
            .map { ["action": $0.rawValue, "label": views.text("action_" + $0.rawValue, language), "needsReason": $0 == .reopen] }
        let reportValues: [String: Any] = ["id": view.report.id, "title": document.report.title, "version": view.report.version,
                                           "state": views.text("state_" + view.report.state.rawValue, language)]
        let downloads: [[String: String]] = ["pdf", "xlsx", "json", "csv"].map { format in
            ["format": format.uppercased(), "href": "/api/reports/\(view.report.id)/export/\(format)?language=\(language)"]
        }
        var values: [String: Any] = ["report": reportValues, "sections": sections, "items": items, "actions": actions, "downloads": downloads,
                                     "snapshots": (0..<view.report.snapshots).map { ["number": $0 + 1] }, "hasSnapshots": view.report.snapshots > 0]
        values["workspace"] = ["country": view.workspace.country, "name": view.workspace.name]
        values["section"] = ["id": current?.id ?? "", "title": current?.title ?? ""]
        values["hasActions"] = !actions.isEmpty
        values["canRequestChange"] = (role ?? .viewer) >= .reviewer
        values["canUpload"] = editable
        if let sectionID = current?.id {
            let assigned = view.assignments[sectionID]
            values["assignedTo"] = assigned.flatMap { users[$0] } ?? ""
            if role == .focalPoint {
                let members = try await reports.store.members(workspaceID: view.report.workspaceID).filter { $0.role >= .contributor }
                values["assignees"] = members.map { ["id": $0.user.id, "name": $0.user.displayName, "selected": $0.user.id == assigned] }
                values["canAssign"] = true
            }
        }
        values["pageError"] = problem.map { $0.key.isEmpty ? $0.message : "" } ?? ""
        return views.page("report", title: document.report.title, context: context, request: request, status: status, values: values)
    }

    /// For each repeat group of the section whose entries people add themselves
    /// (species, LDN targets…): the first question of the next entry, blank;
    /// answering it creates the entry, whose other questions then appear.
    static func newEntryRows(_ view: ReportService.ReportView, section: String?, views: Views, reports: ReportService, language: String) -> [[String: Any]] {
        view.template.questions.compactMap { question, inSection -> [String: Any]? in
            guard inSection == section, question.type == .repeatGroup, case .entries? = question.repeatSource,
                  !view.evaluation.hidden.contains(AnswerKey(question: question.id)), let first = question.children.first else { return nil }
            let next = ((view.entries[question.id] ?? []).compactMap { Int($0) }.max() ?? 0) + 1
            let key = AnswerKey(question: first.id, group: question.id, entry: String(next))
            let item = ReportDocument.Item(key: key.description, question: first.id, type: first.type.rawValue,
                                           label: first.label.text(language), unit: first.unit)
            var row = itemRow(item, question: first, editable: true, issues: [], views: views, reports: reports, language: language)
            row["newEntry"] = views.text("new_entry", language)
                .replacingOccurrences(of: "{group}", with: question.label.text(language)).replacingOccurrences(of: "{number}", with: String(next))
            return row
        }
    }

    /// An HTML id for an answer key (keys hold brackets and dots).
    static func anchorID(_ key: String) -> String {
        "q-" + String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "-" })
    }

    static func itemRow(_ item: ReportDocument.Item, question: Question?, editable: Bool, issues: [ValidationIssue],
                        views: Views, reports: ReportService, language: String) -> [String: Any] {
        let simpleTypes: Set<QuestionType> = [.text, .number, .integer, .date, .yesNo, .singleChoice, .scale, .multipleChoice, .table, .link, .indicatorData]
        let editableType = question.map { simpleTypes.contains($0.type) } ?? false
        let anchor = anchorID(item.key)
        var row: [String: Any] = ["key": item.key, "anchor": anchor, "label": item.label, "unit": item.unit ?? "", "version": item.version]
        row["text"] = question.map { AnswerText.plain(item.value, question: $0, language: language) } ?? ""
        row["answered"] = item.value.isAnswered
        row["toConfirm"] = item.toConfirm
        row["editable"] = editable && editableType
        row["readOnlyHint"] = editable && !editableType
        row["provenance"] = item.provenance.map { provenanceText($0, views: views, reports: reports, language: language) } ?? ""
        row["issues"] = issues.map(\.message)
        guard let question else { return row }
        row["help"] = question.help?.text(language) ?? ""
        row["isText"] = question.type == .text
        row["isNumber"] = question.type == .number || question.type == .integer
        row["isDate"] = question.type == .date
        row["isYesNo"] = question.type == .yesNo
        row["isChoice"] = question.type == .singleChoice || question.type == .scale
        row["isMultiple"] = question.type == .multipleChoice
        row["isTable"] = question.type == .table
        row["isLink"] = question.type == .link
        if question.type == .table { row["table"] = ReportWidgets.tableRows(question, item.value, anchor: anchor, language: language) }
        row["isSeries"] = question.type == .indicatorData
        if question.type == .indicatorData { 
            let labels = Dictionary(uniqueKeysWithValues: ReportWidgets.seriesFields.map { ($0, views.text($0, language)) })
            row["seriesRows"] = ReportWidgets.seriesRows(item.value, unit: question.unit, anchor: anchor, labels: labels)
        }
        if question.type == .link {
            row["linkURL"] = item.value["url"].stringValue ?? ""
            row["linkTitle"] = item.value["title"].stringValue ?? ""
        }
        var selected: Set<String> = []
        var raw = ""
        switch item.value {
        case .object where question.type == .multipleChoice:
            selected = Set((item.value["selected"].listValue ?? []).compactMap(\.stringValue))
            row["otherText"] = item.value["other"].stringValue ?? ""
        case .object(let texts): raw = texts[language]?.stringValue ?? ""
        case .string(let text): selected = [text]; raw = text
        case .list(let list): selected = Set(list.compactMap(\.stringValue))
        case .bool(let flag): selected = [flag ? "yes" : "no"]
        case .number(let n): raw = ReportWidgets.formText(n)
        default: break
        }
        row["raw"] = raw
        row["yes"] = selected.contains("yes")
        row["no"] = selected.contains("no")
        row["choices"] = question.choices.map { choice -> [String: Any] in
            ["value": choice.value, "label": choice.label.text(language), "selected": selected.contains(choice.value)]
        }
        row["allowsOther"] = question.type == .multipleChoice && question.allowsOther
        row["otherSelected"] = selected.contains("other")
        return row
    }

    /// An audit value in one line of JSON.
    static func plainJSON(_ value: AnswerValue) -> String {
        (try? JSONCoding.string(value)) ?? ""
    }

    static func provenanceText(_ p: AnswerProvenance, views: Views, reports: ReportService, language: String) -> String {
        switch (p.kind, p.origin) {
        case (.prefilled, .report?):
            let template = p.sourceTemplateID.flatMap { reports.catalog.templates[$0]?.title.text(language) } ?? p.sourceTemplateID ?? ""
            return views.text("prov_prefilled_report", language).replacingOccurrences(of: "{source}", with: template)
        case (.prefilled, .series?):
            let run = p.sourceRunID.map { " · run \($0)" } ?? ""
            return views.text("prov_prefilled_series", language).replacingOccurrences(of: "{source}", with: (p.sourceIndicator ?? "") + run)
        case (.prefilled, _):
            return views.text("prov_prefilled", language)
        case (.imported, _):
            return views.text("prov_imported", language)
        case (.confirmed, _):
            return views.text("prov_confirmed", language)
        case (.entered, _):
            return views.text("prov_entered", language) + " · " + Localizer.date(p.at, language)
        }
    }
}
