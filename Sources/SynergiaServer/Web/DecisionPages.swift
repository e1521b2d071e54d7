import Foundation
import Hummingbird
import SynergiaCore
import SynergiaKnowledge
import SynergiaReporting
import SynergiaStore

/// The workspace's decision tracking: each tracked decision paragraph with its
/// status, responsible body, note and national targets; contributors update
/// them, and a paragraph found in the knowledge base is tracked from here;
/// all through `DecisionTrackingService`.
enum DecisionPages {
    static func add(to routes: SecuredRoutes, views: Views, reports: ReportService) {
        let service = DecisionTrackingService(reports: reports)

        routes.get("/w/{country}/decisions", .workspace(.viewer)) { request, context, access in
            try await page(request, context, access, views: views, service: service)
        }

        routes.post("/w/{country}/decisions", .workspace(.contributor)) { request, context, access in
            let form = try await FormFields.read(request)
            let workspace = access.workspace!
            do {
                guard let paragraph = form["paragraph"].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw DomainError.invalid(views.text("decision_paragraph_missing", context.language))
                }
                guard let status = DecisionTracking.Status(rawValue: form["status"] ?? "") else {
                    throw DomainError.invalid("choose a status: \(DecisionTracking.Status.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let targets = (form["targets"] ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace })
                    .map { NationalTargetRules.canonicalCode(String($0), country: workspace.country) }
                let answers = try ReportAnswerLink.parseList(form["answers"] ?? "")
                _ = try await service.track(DecisionTracking(workspaceID: workspace.id, paragraphID: paragraph, status: status,
                                                           responsible: (form["responsible"] ?? "").trimmingCharacters(in: .whitespaces),
                                                           note: (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                                           nationalTargets: targets, reportAnswers: answers, updatedBy: access.signedIn.id),
                                          expectedVersion: Int(form["version"] ?? "") ?? 0)
                return Views.redirect("/w/\(workspace.country)/decisions#d-\(paragraph)")
            } catch let error as DomainError {
                return try await page(request, context, access, views: views, service: service,
                                      status: DomainErrorMiddleware<AppContext>.status(error), problem: error.webMessage(views.messages, language: context.language))
            }
        }
    }

    static func page(_ request: Request, _ context: AppContext, _ access: Access, views: Views, service: DecisionTrackingService,
                     status: HTTPResponse.Status = .ok, problem: String? = nil) async throws -> Response {
        let workspace = access.workspace!, language = context.language
        let tracked = try await service.trackedDecisions(workspaceID: workspace.id)
        let all = tracked.map(\.tracking)
        let statuses = DecisionTracking.Status.allCases
        let counts = Dictionary(grouping: all, by: \.status).mapValues(\.count)
        return views.page("decisions", title: views.text("decisions", language), context: context, request: request, status: status, values: [
            "workspace": ["country": workspace.country, "name": workspace.name],
            "canTrack": (access.role ?? .viewer) >= .contributor, "problem": problem ?? "",
            "counts": statuses.map { ["label": views.text("decision_" + $0.rawValue, language), "count": counts[$0] ?? 0] },
            "decisions": tracked.map { decision -> [String: Any] in
                let t = decision.tracking, hit = decision.paragraph
                return ["paragraph": t.paragraphID, "document": hit.map { $0.symbol ?? $0.title } ?? "", "label": hit?.label ?? "",
                        "href": hit.map { "/kb/documents/\($0.documentID)#p-\(t.paragraphID)" } ?? "", "snippet": hit.map { SnippetHTML.html($0.snippet) } ?? "",
                        "status": t.status.rawValue, "statusLabel": views.text("decision_" + t.status.rawValue, language),
                        "responsible": t.responsible, "note": t.note, "targets": t.nationalTargets.joined(separator: ", "), "version": t.version,
                        "answers": t.reportAnswers.map(\.description).joined(separator: ", "),
                        "hasAnswerLinks": !t.reportAnswers.isEmpty,
                        "answerLinks": t.reportAnswers.map { ["text": $0.description, "href": "/reports/\($0.reportID)#\(ReportPages.anchorID($0.key.description))"] },
                        "updated": Localizer.date(t.updatedAt, language),
                        "options": statuses.map { ["value": $0.rawValue, "label": views.text("decision_" + $0.rawValue, language), "selected": $0 == t.status] }]
            },
            "statusOptions": statuses.map { ["value": $0.rawValue, "label": views.text("decision_" + $0.rawValue, language)] },
        ])
    }
}
