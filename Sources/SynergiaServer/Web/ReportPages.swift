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
            let view = try await reports.view(of: report, in: access.workspace!)
            do {
                // The form shows version 0 for a question not answered yet: no answer is expected to exist.
                let seen = form["version"].flatMap(Int.init).flatMap { $0 == 0 ? nil : $0 }
                let edit = AnswerEdit(key: key, input: .parts(ReportWidgets.parts(form, question: question)), language: context.language,
                                      expectedVersion: seen, confirmOnly: form["confirm"] == "1", keepLocal: form["keep_local"] == "1")
                _ = try await reports.answer(in: view, [edit], actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            } catch let stale as StaleAnswer {
                let mine = form.all("value").joined(separator: ", ")
                let current = stale.current.map { views.answerText($0.value, question: question, language: context.language) } ?? ""
                return try await page(request, context, access, views: views, reports: reports, section: section, status: .conflict,
                                      problem: (keyText, views.text("stale_answer", context.language)), stale: (mine, current))
            } catch let error as AnswerReadError {
                return try await page(request, context, access, views: views, reports: reports, loaded: view, section: section,
                                      status: .unprocessableContent,
                                      problem: (keyText, ReportWidgets.message(error, question: question, views: views, language: context.language)))
            } catch let error as DomainError {
                return try await page(request, context, access, views: views, reports: reports, loaded: view, section: section,
                                      status: .unprocessableContent, problem: (keyText, error.message))
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

        // Questions with no answer yet take what the workspace now knows (a new national target, a series computed since).
        routes.post("/reports/{id}/prefill", .report(.contributor, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request)
            let outcome = try await reports.prefill(reportID: access.report!.id,
                                                    actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            let back = "/reports/\(access.report!.id)?section=\(form["section"] ?? "")&prefilled=\(outcome.answers.count)"
            guard !outcome.gaps.isEmpty else { return Views.redirect(back) }
            // The questions a series could not fill are said once, on the page the button was pressed on.
            return try await page(request, context, access, views: views, reports: reports, section: form["section"],
                                  prefilled: (outcome.answers.count, outcome.gaps))
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
                let moved = try await reports.transitionWithChecks(reportID: access.report!.id, action, expectedVersion: form["version"].flatMap(Int.init) ?? -1,
                                                                   reason: form["reason"], actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web),
                                                                   language: context.language)
                // The page shows the checks across conventions; a move that warns lands on them.
                return Views.redirect("/reports/\(access.report!.id)" + (moved.warnings.isEmpty ? "" : "#cross-checks"))
            } catch let error as DomainError {
                return try await page(request, context, access, views: views, reports: reports, status: .conflict, problem: ("", error.message))
            }
        }
    }

    /// - Parameter loaded: the report as a refused save read it (nothing changed since); a stale
    ///   save passes none, as someone else's change has to be shown.
    static func page(_ request: Request, _ context: AppContext, _ access: Access, views: Views, reports: ReportService,
                     loaded: ReportService.ReportView? = nil, section requested: String? = nil, status: HTTPResponse.Status = .ok,
                     problem: (key: String, message: String)? = nil, stale: (mine: String, current: String)? = nil,
                     prefilled: (count: Int, gaps: [PrefillGap])? = nil) async throws -> Response {
        let language = context.language
        // The report and its workspace were read when the request was authorised.
        let view = if let loaded { loaded } else { try await reports.readableView(of: access.report!, in: access.workspace!) }
        let title = view.template.title.text(language)
        let asked: String? = requested ?? request.uri.queryParameters.get("section").map { String($0) }
        let sectionID: String? = asked ?? view.template.allSections.first?.section.id
        let role = access.role
        let editable = view.versionNotice == nil && view.report.state.allowsEditing && (role ?? .viewer) >= .contributor
        let completeness = Dictionary(uniqueKeysWithValues: view.evaluation.completeness.map { ($0.section, $0) })
        let sections = view.template.allSections.map { section, _ in
            NavigationHTML.Section(id: section.id, title: section.title.text(language), answered: completeness[section.id]?.answered ?? 0,
                                   expected: completeness[section.id]?.expected ?? 0, current: section.id == sectionID)
        }
        let issues = Dictionary(grouping: view.evaluation.issues, by: { $0.key.description })
        let allComments = try await reports.store.comments(reportID: view.report.id)
        // A focal point's page lists the workspace's members to assign sections: their names serve the comments too.
        let members = role == .focalPoint ? try await reports.store.members(workspaceID: view.report.workspaceID) : []
        var users = Dictionary(members.map { ($0.user.id, $0.user.displayName) }, uniquingKeysWith: { first, _ in first })
        let people = Set(allComments.compactMap(\.userID)).union(view.assignments.values)
        users.merge(try await reports.store.users(ids: people.subtracting(users.keys)).mapValues(\.displayName)) { first, _ in first }
        let comments = Dictionary(grouping: allComments, by: \.key)
        let current = sectionID.flatMap { ReportDocument.section($0, view: view, language: language) }
        var rows: [QuestionRow] = []
        let factNotices = try await FactRegister(service: reports).notices(for: view)
        for item in current?.items ?? [] {
            var row = itemRow(item, question: view.template.question(item.question), editable: editable, issues: issues[item.key] ?? [],
                              views: views, reports: reports, language: language)
            row.comments = (comments[item.key] ?? []).map { c in
                QuestionRow.Comment(who: c.userID.flatMap { users[$0] } ?? "", at: Localizer.date(c.at, language), body: c.body, requestsChange: c.requestsChange)
            }
            row.canComment = (role ?? .viewer) >= .contributor
            AttachmentPages.files(for: &row, item: item, view: view, editable: editable)
            if let question = view.template.question(item.question), question.concept != nil, let key = AnswerKey(item.key) {
                let notice = factNotices[key]
                row.fact = QuestionRow.FactState(local: notice?.mark == .local, changed: notice?.mark == .changed,
                                                 registerText: notice?.fact.map { views.answerText($0.value, question: question, language: language) } ?? "",
                                                 registerVersion: notice?.fact?.version ?? 0,
                                                 canDecide: (role ?? .viewer) >= .contributor && view.report.state != .submitted,
                                                 canAccept: view.report.state.allowsEditing)
            }
            row.decisions = (item.decisions ?? []).map { d in
                QuestionRow.Decision(text: [d.symbol, d.label].compactMap { $0 }.joined(separator: " "), href: "/kb/documents/\(d.documentID)#p-\(d.paragraphID)",
                                     status: views.text("decision_" + d.status.rawValue, language))
            }
            if let problem, problem.key == item.key {
                row.error = problem.message
                if let stale {
                    row.stale = stale
                    // The form now carries the current version: saving again keeps the person's value on purpose.
                    row.control = row.control.showing(stale.mine)
                }
            }
            rows.append(row)
        }
        if editable { rows += newEntryRows(view, section: sectionID, views: views, reports: reports, language: language) }
        let actions = ReportTransition.allCases.filter { view.versionNotice == nil && $0.from.contains(view.report.state) && (role ?? .viewer) >= $0.minimumRole }
            .map { ["action": $0.rawValue, "label": views.text("action_" + $0.rawValue, language), "needsReason": $0 == .reopen] }
        let reportValues: [String: Any] = ["id": view.report.id, "title": title, "version": view.report.version,
                                           "state": views.text("state_" + view.report.state.rawValue, language)]
        var downloads: [[String: String]] = ["pdf", "xlsx", "json", "csv", "zip"].map { format in
            ["format": format.uppercased(), "href": "/api/reports/\(view.report.id)/export/\(format)?language=\(language)"]
        }
        // Exports in the secretariat's own shape: the CBD tool's files only for a template keyed in its keys.
        let secretariatFormats = ["secretariat-json"] + (ExternalKeys.system(of: view.template) == "ort" ? ["ort-json", "ort-indicator-csv", "ort-binary-csv"] : [])
        downloads += secretariatFormats.map { format in
            ["format": views.text("download_" + format.replacingOccurrences(of: "-", with: "_"), language),
             "href": "/api/reports/\(view.report.id)/export/\(format)?language=\(language)"]
        }
        var values: [String: Any] = ["report": reportValues, "sectionsHTML": NavigationHTML.sections(sections, reportID: view.report.id),
                                     "actions": actions, "downloads": downloads,
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
                values["assignees"] = members.filter { $0.role >= .contributor }.map { ["id": $0.user.id, "name": $0.user.displayName, "selected": $0.user.id == assigned] }
                values["canAssign"] = true
            }
        }
        let rowPage = QuestionRowHTML.Page(csrf: context.identity?.csrfToken ?? "", reportID: view.report.id, sectionID: current?.id ?? "",
                                           canRequestChange: (role ?? .viewer) >= .reviewer, texts: views.texts(language))
        values["questionsHTML"] = QuestionRowHTML.render(rows, page: rowPage)
        let prefillGaps = prefilled?.gaps ?? []
        if let prefilled = prefilled?.count ?? request.uri.queryParameters.get("prefilled").flatMap({ Int($0) }) {
            values["notice"] = views.text("prefilled_count", language).replacingOccurrences(of: "{count}", with: String(prefilled))
        }
        values["prefillGaps"] = prefillGaps.map { gap -> [String: String] in
            let label = view.template.question(gap.key.question)?.label.text(language) ?? gap.key.question
            let series = gap.disaggregation.isEmpty ? gap.indicator : "\(gap.indicator) (\(gap.disaggregation))"
            return ["question": label, "key": anchorID(gap.key.description), "series": series, "reason": gap.reason]
        }
        values["hasPrefillGaps"] = !prefillGaps.isEmpty
        if let notice = view.versionNotice {
            values["notice"] = views.text("version_notice", language).replacingOccurrences(of: "{made}", with: String(notice.reportVersion))
                .replacingOccurrences(of: "{installed}", with: String(notice.installedVersion))
                .replacingOccurrences(of: "{opens}", with: ([notice.installedVersion] + notice.opensVersions).map(String.init).joined(separator: ", "))
        }
        if view.report.templateVersion != view.template.version { values["migrateHref"] = "/reports/\(view.report.id)/migrate" }
        values["pageError"] = problem.map { $0.key.isEmpty ? $0.message : "" } ?? ""
        if CrossCheckBlock.shownStates.contains(view.report.state), view.versionNotice == nil {
            values["crossChecksHTML"] = CrossCheckBlock.html(try await reports.crossConventionChecks(for: view.report, language: language),
                                                             country: view.workspace.country, catalog: reports.catalog, texts: views.texts(language))
        }
        return views.page("report", title: title, context: context, request: request, status: status, values: values)
    }

    /// For each repeat group of the section whose entries people add themselves
    /// (species, LDN targets…): the first question of the next entry, blank;
    /// answering it creates the entry, whose other questions then appear.
    static func newEntryRows(_ view: ReportService.ReportView, section: String?, views: Views, reports: ReportService, language: String) -> [QuestionRow] {
        view.template.questions.compactMap { question, inSection -> QuestionRow? in
            guard inSection == section, question.type == .repeatGroup, case .entries? = question.repeatSource,
                  !view.evaluation.hidden.contains(AnswerKey(question: question.id)), let first = question.children.first else { return nil }
            let next = ((view.entries[question.id] ?? []).compactMap { Int($0) }.max() ?? 0) + 1
            let key = AnswerKey(question: first.id, group: question.id, entry: String(next))
            let item = ReportDocument.Item(key: key.description, question: first.id, type: first.type.rawValue,
                                           label: first.label.text(language), unit: first.unit)
            var row = itemRow(item, question: first, editable: true, issues: [], views: views, reports: reports, language: language)
            row.newEntry = views.text("new_entry", language)
                .replacingOccurrences(of: "{group}", with: question.label.text(language)).replacingOccurrences(of: "{number}", with: String(next))
            return row
        }
    }

    /// An HTML id for an answer key (keys hold brackets and dots).
    static func anchorID(_ key: String) -> String {
        "q-" + String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "-" })
    }

    static func itemRow(_ item: ReportDocument.Item, question: Question?, editable: Bool, issues: [ValidationIssue],
                        views: Views, reports: ReportService, language: String) -> QuestionRow {
        let anchor = anchorID(item.key)
        var row = QuestionRow(key: item.key, anchor: anchor, label: item.label, unit: item.unit ?? "", version: item.version)
        row.text = question.map { views.answerText(item.value, question: $0, language: language) } ?? ""
        row.answered = item.value.isAnswered
        row.toConfirm = item.toConfirm
        row.provenance = item.provenance.map { provenanceText($0, views: views, reports: reports, language: language) } ?? ""
        row.issues = issues.map(\.message)
        guard let question else { return row }
        row.help = question.help?.text(language) ?? ""
        row.control = control(question, item.value, anchor: anchor, views: views, language: language)
        let editableType: Bool
        if case .none = row.control { editableType = false } else { editableType = true }
        row.editable = editable && editableType
        row.readOnlyHint = editable && !editableType
        return row
    }

    /// The input that edits a question's answer, filled with the answer.
    static func control(_ question: Question, _ value: AnswerValue, anchor: String, views: Views, language: String) -> QuestionRow.Control {
        var selected: Set<String> = []
        var raw = ""
        switch value {
        case .object where question.type == .multipleChoice: selected = Set((value["selected"].listValue ?? []).compactMap(\.stringValue))
        case .object(let texts): raw = texts[language]?.stringValue ?? ""
        case .string(let text): selected = [text]; raw = text
        case .list(let list): selected = Set(list.compactMap(\.stringValue))
        case .bool(let flag): selected = [flag ? "yes" : "no"]
        case .number(let n): raw = ReportWidgets.formText(n)
        default: break
        }
        let options = question.choices.map { QuestionRow.Option(value: $0.value, label: $0.label.text(language), selected: selected.contains($0.value)) }
        switch question.type {
        case .text: return .text(raw)
        case .number, .integer: return .number(raw)
        case .date: return .date(raw)
        case .yesNo: return .yesNo(selected.contains("yes") ? "yes" : selected.contains("no") ? "no" : nil)
        case .singleChoice, .scale: return .choice(options)
        case .multipleChoice:
            return .multiple(options, other: question.allowsOther ? (selected.contains("other"), value["other"].stringValue ?? "") : nil)
        case .table: return .table(ReportWidgets.tableGrid(question, value, anchor: anchor, language: language))
        case .indicatorData:
            let labels = Dictionary(uniqueKeysWithValues: ReportWidgets.seriesFields.map { ($0, views.text($0, language)) })
            return .series(ReportWidgets.seriesRows(value, unit: question.unit, anchor: anchor, labels: labels))
        case .link: return .link(url: value["url"].stringValue ?? "", title: value["title"].stringValue ?? "")
        case .repeatGroup: return .none
        }
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
        case (.prefilled, .series?) where p.sourceRunID != nil && p.sourceEngine != nil:
            return views.text("prov_prefilled_series_run", language).replacingOccurrences(of: "{source}", with: p.sourceIndicator ?? "")
                .replacingOccurrences(of: "{engine}", with: p.sourceEngine ?? "").replacingOccurrences(of: "{run}", with: p.sourceRunID.map(String.init) ?? "")
        case (.prefilled, .series?):
            let run = p.sourceRunID.map { " · run \($0)" } ?? ""
            return views.text("prov_prefilled_series", language).replacingOccurrences(of: "{source}", with: (p.sourceIndicator ?? "") + run)
        case (.prefilled, .run?):
            return views.text("prov_prefilled_run", language).replacingOccurrences(of: "{engine}", with: p.sourceEngine ?? "")
                .replacingOccurrences(of: "{run}", with: p.sourceRunID.map(String.init) ?? "")
        case (.prefilled, _):
            return views.text("prov_prefilled", language)
        case (.imported, _):
            return views.text("prov_imported", language)
        case (.confirmed, _):
            return views.text("prov_confirmed", language)
        case (.migrated, _):
            return views.text("prov_migrated", language).replacingOccurrences(of: "{report}", with: p.sourceReportID.map(String.init) ?? "")
                .replacingOccurrences(of: "{version}", with: p.sourceTemplateVersion.map(String.init) ?? "")
        case (.entered, _):
            return views.text("prov_entered", language) + " · " + Localizer.date(p.at, language)
        }
    }
}
