import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaStore

/// A national target with its alignments, progress, series table and chart;
/// indicator observations imported from CSV with a row-level error report.
enum NationalTargetPages {
    static func add(to routes: SecuredRoutes, views: Views, units: UnitTable, reports: ReportService) {
        let store = routes.store

        routes.get("/w/{country}/targets/{code}", .workspace(.viewer)) { request, context, access in
            try await page(request, context, access, views: views, store: store, units: units, titles: reports.catalog.frameworkTitles)
        }

        routes.post("/w/{country}/series/import", .workspace(.contributor)) { request, context, access in
            let form = try await FormFields.read(request, maxBytes: 5_000_000)
            let back = form["target"] ?? ""
            let csv = form["csv"] ?? ""
            do {
                guard !csv.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw DomainError.invalid(views.text("csv_empty", context.language))
                }
                let fileName = form["file"].flatMap { $0.isEmpty ? nil : $0 } ?? "pasted.csv"
                let inputs = try ObservationCSV.parse(Data(csv.utf8), fileName: fileName)
                let summary = try await store.record(inputs, workspaceID: access.workspace!.id, replace: form["replace"] == "1",
                                                     context: ChangeContext(userID: access.user?.id, channel: .fileImport, note: "\(fileName) (web)"))
                // Open reports prefilled from these series take the new values.
                _ = try await reports.refreshPrefilled(workspaceID: access.workspace!.id, after: SeriesUpdate(indicators: Set(inputs.map(\.indicator))))
                let message = views.text("csv_imported", context.language)
                    .replacingOccurrences(of: "{added}", with: String(summary.added))
                    .replacingOccurrences(of: "{replaced}", with: String(summary.replaced))
                    .replacingOccurrences(of: "{unchanged}", with: String(summary.unchanged))
                return try await page(request, context, access, views: views, store: store, units: units, titles: reports.catalog.frameworkTitles, code: back, notice: message)
            } catch let problem as ObservationCSV.Problem {
                return try await page(request, context, access, views: views, store: store, units: units, titles: reports.catalog.frameworkTitles, code: back, status: .unprocessableContent,
                                      problem: problem.description, csv: csv)
            } catch let error as DomainError {
                return try await page(request, context, access, views: views, store: store, units: units, titles: reports.catalog.frameworkTitles, code: back,
                                      status: DomainErrorMiddleware<AppContext>.status(error), problem: error.webMessage(views.messages, language: context.language), csv: csv)
            }
        }
    }

    static func page(_ request: Request, _ context: AppContext, _ access: Access, views: Views, store: SQLStore, units: UnitTable, titles: FrameworkTitles, code: String? = nil,
                     status: HTTPResponse.Status = .ok, notice: String? = nil, problem: String? = nil, csv: String = "",
                     historyProblem: [String: Any]? = nil) async throws -> Response {
        let workspace = access.workspace!, language = context.language
        let raw = try code ?? context.parameters.require("code")
        let canonical = NationalTargetRules.canonicalCode(raw, country: workspace.country)
        guard let target = try await store.nationalTarget(workspaceID: workspace.id, code: canonical) else {
            throw DomainError.notFound("no national target \(canonical) in \(workspace.country)")
        }
        let progress = try await WorkspaceProgress.assess(workspaceID: workspace.id, in: store, units: units).first { $0.code == target.code }
        let measured = target.assessedSeries
        let allSeries = try await store.series(workspaceID: workspace.id)
            .filter { target.indicators.contains($0.indicator) || $0.indicator == measured?.indicator }
        let series = allSeries.map { s -> [String: Any] in
            let points = s.observations.sorted { $0.year < $1.year }
            let chart = SVGChart.line(points.map { SVGChart.Point(year: $0.year, value: $0.value) },
                                      baseline: target.baseline.map { SVGChart.Point(year: $0.year, value: $0.value) },
                                      target: target.target.map { SVGChart.Point(year: $0.year, value: $0.value) },
                                      unit: s.unit, title: s.indicator)
            return ["indicator": s.indicator, "disaggregation": s.disaggregation, "unit": s.unit, "chart": chart,
                    "measured": measured == SeriesBinding(indicator: s.indicator, disaggregation: s.disaggregation),
                    "rows": points.map { o -> [String: Any] in
                        ["year": o.year, "value": Localizer.number(o.value, language, fractionDigits: 3), "source": o.source,
                         "provenance": o.provenance.kind, "reference": o.provenance.reference ?? ""]
                    }]
        }
        var values: [String: Any] = [
            "workspace": ["country": workspace.country, "name": workspace.name],
            "target": ["code": target.code, "title": target.title, "description": target.description, "unit": target.unit ?? "",
                       "baseline": target.baseline.map { "\(Localizer.number($0.value, language)) (\($0.year))" } ?? "—",
                       "goal": target.target.map { "\(Localizer.number($0.value, language)) (\($0.year))" } ?? "—"],
            "alignments": target.alignments.map { ["code": $0.globalTarget, "degree": $0.degree.rawValue,
                                                    "title": titles.title($0.globalTarget, in: language, english: "")] },
            "series": series,
            "canImport": (access.role ?? .viewer) >= .contributor,
            "canEdit": access.role == .focalPoint,
            "csv": csv,
        ]
        if let progress {
            values["status"] = progress.assessment.status.rawValue
            values["statusLabel"] = views.text("progress_" + progress.assessment.status.rawValue, language)
            values.merge(measuredByValues(progress, views: views, language: language)) { _, new in new }
        }
        values["history"] = try await HistoryPages.rows(target: target, series: allSeries, access: access, store: store, views: views, language: language)
        if let historyProblem { values["historyProblem"] = historyProblem }
        if let notice { values["notice"] = notice }
        if let problem { values["problem"] = problem }
        return views.page("national-target", title: "\(target.code) \(target.title)", context: context, request: request, status: status, values: values)
    }
}
