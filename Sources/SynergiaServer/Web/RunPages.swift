import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// The engine runs of a workspace: what went in (files and their SHA-256),
/// with which options and software, how long, what warnings, and every value
/// it wrote as a series with `computed(run)` provenance.
enum RunPages {
    static func add(to routes: SecuredRoutes, views: Views) {
        let store = routes.store

        routes.get("/w/{country}/runs", .workspace(.viewer)) { request, context, access in
            let workspace = access.workspace!, language = context.language
            let runs = try await store.runs(workspaceID: workspace.id).reversed().map { run -> [String: Any] in
                ["id": run.id, "engine": run.engine, "started": Localizer.date(run.startedAt, language),
                 "seconds": Localizer.number(Double(run.durationMilliseconds) / 1000, language), "warnings": run.warnings.count,
                 "inputs": run.inputs.map(\.fileName).joined(separator: ", ")]
            }
            return views.page("runs", title: views.text("runs", language), context: context, request: request,
                              values: ["workspace": ["country": workspace.country, "name": workspace.name], "runs": runs])
        }

        routes.get("/w/{country}/runs/{run}", .workspace(.viewer)) { request, context, access in
            let workspace = access.workspace!, language = context.language
            let id = try context.parameters.require("run", as: Int64.self)
            guard let run = try await store.run(id: id), run.workspaceID == workspace.id else {
                throw DomainError.notFound("no run \(id) in \(workspace.country)")
            }
            let produced = try await store.series(workspaceID: workspace.id).compactMap { series -> [String: Any]? in
                let points = series.observations.filter { $0.provenance == .computed(runID: run.id) }.sorted { $0.year < $1.year }
                guard !points.isEmpty else { return nil }
                let chart = points.count > 1 ? SVGChart.line(points.map { SVGChart.Point(year: $0.year, value: $0.value) }, unit: series.unit, title: series.indicator) : ""
                let years = points.count == 1 ? "\(points[0].year)" : "\(points[0].year)–\(points[points.count - 1].year) (\(points.count))"
                return ["indicator": series.indicator, "disaggregation": series.disaggregation, "unit": series.unit, "chart": chart, "years": years,
                        "rows": points.map { ["year": $0.year, "value": Localizer.number($0.value, language, fractionDigits: 4)] }]
            }
            return views.page("run", title: "\(views.text("run", language)) \(run.id)", context: context, request: request, values: [
                "workspace": ["country": workspace.country, "name": workspace.name],
                "run": ["id": run.id, "engine": run.engine, "software": run.softwareVersion, "started": Localizer.date(run.startedAt, language),
                        "seconds": Localizer.number(Double(run.durationMilliseconds) / 1000, language)],
                "inputs": run.inputs.map { ["role": $0.role, "file": $0.fileName, "sha256": $0.sha256, "bytes": $0.bytes] },
                "options": run.options.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] },
                "warnings": run.warnings, "series": produced,
            ])
        }
    }
}
