import Crypto
import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaXLSX

/// Offline work in the browser: upload a filled workbook, see every change
/// and conflict, then confirm. The plan travels in the confirmation form,
/// signed with the session's secret CSRF token, so nothing is kept on the
/// server between the two steps and a tampered plan is refused.
enum WorkbookPages {
    static func add(to routes: SecuredRoutes, views: Views, reports: ReportService, maxUploadBytes: Int) {
        routes.post("/reports/{id}/workbook", .report(.contributor, secretariatReads: false)) { request, context, access in
            var request = request
            guard let upload = try await UploadForm.read(&request, maxBytes: maxUploadBytes), let file = upload.file, !file.isEmpty else {
                throw DomainError.invalid(views.text("workbook_missing", context.language))
            }
            // One load of the report: the plan is made from it and the page shows it.
            let view = try await reports.view(reportID: access.report!.id)
            let plan = try await reports.planWorkbookImport(in: view, data: file, limits: XLSXLimits(maxFileBytes: maxUploadBytes))
            let json = try JSONCoding.string(plan)
            let signature = sign(json, key: context.identity?.csrfToken ?? "")
            let language = context.language
            func text(_ value: AnswerValue, _ key: String) -> String {
                guard let parsed = AnswerKey(key), let question = view.template.question(parsed.question) else { return (try? JSONCoding.string(value)) ?? "" }
                return views.answerText(value, question: question, language: language)
            }
            return views.page("workbook-plan", title: views.text("workbook_review", language), context: context, request: request, values: [
                "report": ["id": access.report!.id, "title": view.template.title.text(language)],
                "changes": plan.changes.map { ["location": $0.location, "key": $0.key, "old": text($0.old, $0.key), "new": text($0.new, $0.key)] },
                "conflicts": plan.conflicts.map { ["location": $0.location, "key": $0.key, "workbook": text($0.workbook, $0.key), "current": text($0.current, $0.key)] },
                "hasChanges": !plan.changes.isEmpty, "hasConflicts": !plan.conflicts.isEmpty, "plan": Data(json.utf8).base64EncodedString(), "signature": signature,
            ])
        }

        routes.post("/reports/{id}/workbook/apply", .report(.contributor, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request, maxBytes: 20_000_000)
            guard let encoded = form["plan"], let data = Data(base64Encoded: encoded), let json = String(data: data, encoding: .utf8),
                  let signature = form["signature"], SecuredRoutes.constantTimeEqual(signature, sign(json, key: context.identity?.csrfToken ?? "")) else {
                throw HTTPError(.unprocessableContent, message: views.text("workbook_plan_invalid", context.language))
            }
            let plan = try JSONCoding.decode(WorkbookImportPlan.self, json)
            guard plan.reportID == access.report!.id else { throw HTTPError(.unprocessableContent, message: views.text("workbook_plan_invalid", context.language)) }
            _ = try await reports.applyWorkbookImport(plan, actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            return Views.redirect("/reports/\(plan.reportID)")
        }
    }

    static func sign(_ text: String, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return HexText.string(Data(mac))
    }
}
