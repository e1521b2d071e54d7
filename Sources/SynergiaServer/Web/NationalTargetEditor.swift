import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// Creating and editing a national target in the browser: title, baseline and
/// target, the indicators that measure it, and its alignments to global
/// targets with their degree. The focal point owns the targets; an edit made
/// on an old version is refused with both versions' numbers, nothing lost.
enum NationalTargetEditor {
    /// Empty alignment rows offered below the existing ones (forms work without JavaScript).
    static let blankAlignmentRows = 3

    static func add(to routes: SecuredRoutes, views: Views, units: UnitTable, titles: FrameworkTitles) {
        let store = routes.store

        routes.get("/w/{country}/national-targets/new", .workspace(.focalPoint)) { request, context, access in
            try await form(request, context, access, views: views, store: store, units: units, titles: titles, target: nil, entered: nil)
        }

        routes.post("/w/{country}/national-targets", .workspace(.focalPoint)) { request, context, access in
            let fields = try await FormFields.read(request)
            let workspace = access.workspace!
            do {
                let target = try read(fields, workspace: workspace, code: NationalTargetRules.canonicalCode(fields["code"] ?? "", country: workspace.country), version: 1)
                let saved = try await store.addNationalTarget(target, workspaceID: workspace.id, context: ChangeContext(userID: access.user?.id, channel: .web))
                return Views.redirect("/w/\(workspace.country)/targets/\(saved.code)")
            } catch let error as DomainError {
                return try await form(request, context, access, views: views, store: store, units: units, titles: titles, target: nil, entered: fields,
                                      status: DomainErrorMiddleware<AppContext>.status(error), problem: error.webMessage(views.messages, language: context.language))
            }
        }

        routes.get("/w/{country}/targets/{code}/edit", .workspace(.focalPoint)) { request, context, access in
            let target = try await existing(context, access, store)
            return try await form(request, context, access, views: views, store: store, units: units, titles: titles, target: target, entered: nil)
        }

        routes.post("/w/{country}/targets/{code}/edit", .workspace(.focalPoint)) { request, context, access in
            let fields = try await FormFields.read(request)
            let current = try await existing(context, access, store)
            do {
                var target = try read(fields, workspace: access.workspace!, code: current.code, version: Int(fields["version"] ?? "") ?? 0)
                target.workspaceID = current.workspaceID
                // A form without the field (an older page, a script) leaves the series as it was.
                if fields["measured_by"] == nil { target.measuredBy = current.measuredBy }
                let saved = try await store.updateNationalTarget(target, context: ChangeContext(userID: access.user?.id, channel: .web))
                return Views.redirect("/w/\(access.workspace!.country)/targets/\(saved.code)")
            } catch let error as DomainError {
                return try await form(request, context, access, views: views, store: store, units: units, titles: titles, target: current, entered: fields,
                                      status: DomainErrorMiddleware<AppContext>.status(error), problem: error.webMessage(views.messages, language: context.language))
            }
        }
    }

    static func existing(_ context: AppContext, _ access: Access, _ store: SQLStore) async throws -> NationalTarget {
        let workspace = access.workspace!
        let code = NationalTargetRules.canonicalCode(try context.parameters.require("code"), country: workspace.country)
        guard let target = try await store.nationalTarget(workspaceID: workspace.id, code: code) else {
            throw DomainError.notFound("no national target \(code) in \(workspace.country)")
        }
        return target
    }

    /// The target the form describes; every field problem names the field.
    static func read(_ f: FormFields, workspace: Workspace, code: String, version: Int) throws -> NationalTarget {
        func text(_ name: String) -> String { (f[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func yearValue(_ prefix: String, _ label: String) throws -> YearValue? {
            let year = text(prefix + "_year"), value = text(prefix + "_value")
            if year.isEmpty && value.isEmpty { return nil }
            guard let y = Int(year), (1900...2100).contains(y) else { throw DomainError.invalid("\(label): the year '\(year)' must be a year between 1900 and 2100") }
            guard let v = try? NumberNotation(language: "en").number(value) else { throw DomainError.invalid("\(label): '\(value)' is not a number") }
            return YearValue(year: y, value: v)
        }
        var alignments: [TargetAlignment] = []
        for index in 0..<100 {
            let global = text("alignment_\(index)")
            guard f["alignment_\(index)"] != nil else { break }
            guard !global.isEmpty else { continue }
            guard let degree = AlignmentDegree(rawValue: text("degree_\(index)")) else {
                throw DomainError.invalid("alignment to \(global): choose a degree (high, medium or low)")
            }
            alignments.append(TargetAlignment(globalTarget: global, degree: degree))
        }
        let indicators = text("indicators").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map { Code.canonical(String($0)) }
        return NationalTarget(workspaceID: workspace.id, code: code, title: text("title"), description: text("description"),
                              unit: text("unit").isEmpty ? nil : text("unit"),
                              baseline: try yearValue("baseline", "baseline"), target: try yearValue("target", "target"),
                              direction: DesiredDirection(rawValue: text("direction")), alignments: alignments,
                              indicators: indicators, measuredBy: measuredBy(text("measured_by")), version: version)
    }

    static func form(_ request: Request, _ context: AppContext, _ access: Access, views: Views, store: SQLStore, units: UnitTable, titles: FrameworkTitles,
                     target: NationalTarget?, entered: FormFields?, status: HTTPResponse.Status = .ok, problem: String? = nil) async throws -> Response {
        let workspace = access.workspace!, language = context.language
        func value(_ name: String, _ stored: String) -> String { entered?[name] ?? stored }
        func number(_ v: Double?) -> String { v.map(ReportWidgets.formText) ?? "" }
        var frameworks: [[String: Any]] = []
        for framework in try await store.frameworks() {
            guard let content = try await store.frameworkContent(framework.code) else { continue }
            frameworks.append(["name": framework.name, "targets": content.targets.map { ["code": $0.code, "title": "\($0.number) \(titles.title($0.code, in: language, english: $0.title))"] }])
        }
        var chosen: [(String, String)] = target?.alignments.map { ($0.globalTarget, $0.degree.rawValue) } ?? []
        if let entered {
            chosen = (0..<100).compactMap { i in entered["alignment_\(i)"].map { ($0, entered["degree_\(i)"] ?? "") } }.filter { !$0.0.isEmpty }
        }
        let rows = (chosen + Array(repeating: ("", ""), count: blankAlignmentRows)).enumerated().map { index, pair -> [String: Any] in
            ["index": index, "frameworks": frameworks.map { f -> [String: Any] in
                ["name": f["name"]!, "targets": (f["targets"] as! [[String: String]]).map { ["code": $0["code"]!, "title": $0["title"]!, "selected": $0["code"] == pair.0] }]
            }, "degrees": AlignmentDegree.allCases.map { ["value": $0.rawValue, "label": views.text("degree_\($0.rawValue)", language), "selected": $0.rawValue == pair.1] }]
        }
        let direction = value("direction", target?.direction?.rawValue ?? "")
        let measuredChoices = try await measuredByChoices(target: target, chosen: value("measured_by", target?.measuredBy.map(formValue) ?? ""),
                                                          workspaceID: workspace.id, store: store, units: units, views: views, language: language)
        let values: [String: Any] = [
            "workspace": ["country": workspace.country, "name": workspace.name],
            "isNew": target == nil, "code": target?.code ?? value("code", ""), "version": target?.version ?? 1,
            "action": target.map { "/w/\(workspace.country)/targets/\($0.code)/edit" } ?? "/w/\(workspace.country)/national-targets",
            "title": value("title", target?.title ?? ""), "description": value("description", target?.description ?? ""),
            "unit": value("unit", target?.unit ?? ""),
            "baselineYear": value("baseline_year", target?.baseline.map { String($0.year) } ?? ""),
            "baselineValue": value("baseline_value", number(target?.baseline?.value)),
            "targetYear": value("target_year", target?.target.map { String($0.year) } ?? ""),
            "targetValue": value("target_value", number(target?.target?.value)),
            "increase": direction == "increase", "decrease": direction == "decrease",
            "indicators": value("indicators", target?.indicators.joined(separator: ", ") ?? ""),
            "alignments": rows, "problem": problem ?? "", "measuredByChoices": measuredChoices,
        ]
        let title = target.map { "\(views.text("edit_target", language)) \($0.code)" } ?? views.text("new_target", language)
        return views.page("national-target-form", title: title, context: context, request: request, status: status, values: values)
    }
}
