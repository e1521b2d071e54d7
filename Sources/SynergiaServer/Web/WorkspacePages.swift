import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// Home, workspace dashboard, members and the security log of a workspace.
enum WorkspacePages {
    static func add(to routes: SecuredRoutes, views: Views, reports: ReportService, settings: WebSettings) {
        let store = routes.store

        routes.get("/", .signedIn) { request, context, access in
            let user = access.signedIn, language = context.language
            var rows: [[String: Any]] = []
            for (workspace, role) in try await store.visibleWorkspaces(for: user) {
                rows.append(["country": workspace.country, "name": workspace.name, "member": role != nil,
                             "role": role.map { views.text("role_" + $0.rawValue, language) } ?? ""])
            }
            var submitted: [[String: Any]] = []
            if user.isSecretariat {
                for report in try await store.reports(state: .submitted) {
                    let workspace = try await store.workspace(id: report.workspaceID)
                    submitted.append(["id": report.id, "country": workspace?.country ?? "", "template": reports.catalog.templates[report.templateID]?.title.text(language) ?? report.templateID,
                                      "updated": Localizer.date(report.updatedAt, language)])
                }
            }
            return views.page("home", title: views.text("home", language), context: context, request: request,
                              values: ["workspaces": rows, "hasWorkspaces": !rows.isEmpty, "submitted": submitted,
                                       "secretariat": user.isSecretariat, "admin": user.isSystemAdministrator])
        }

        routes.get("/w/{country}", .workspace(.viewer)) { request, context, access in
            let workspace = access.workspace!, language = context.language
            let series = try await store.series(workspaceID: workspace.id)
            let targets = try await WorkspaceProgress.assess(workspaceID: workspace.id, in: store, units: reports.catalog.units).map { row -> [String: Any] in
                // The series the target is assessed on, in the target's unit (a unit that does not convert draws nothing).
                let assessed = row.series.flatMap { binding in series.first { $0.indicator == binding.indicator && $0.disaggregation == binding.disaggregation } }
                let points: [(Int, Double)] = assessed.map { one in
                    one.observations.compactMap { observation in
                        guard let unit = row.unit, unit != one.unit else { return (observation.year, observation.value) }
                        return (try? reports.catalog.units.convert(observation.value, from: one.unit, to: unit)).map { (observation.year, $0) }
                    }
                } ?? []
                return ["code": row.code, "title": row.title, "status": row.assessment.status.rawValue,
                        "statusLabel": views.text("progress_" + row.assessment.status.rawValue, language),
                        "indicator": row.indicator ?? "", "latest": row.assessment.latest.map { "\(Localizer.number($0.value, language)) (\($0.year))" } ?? "—",
                        "target": row.target.map { "\(Localizer.number($0.value, language)) (\($0.year))" } ?? "—",
                        "sparkline": Sparkline.svg(points, target: row.target?.value)]
            }
            let computed = series.filter { s in s.observations.contains { $0.provenance.kind == "computed" } }.map { s -> [String: Any] in
                let last = s.observations.max { $0.year < $1.year }
                return ["indicator": s.indicator, "disaggregation": s.disaggregation, "unit": s.unit,
                        "latest": last.map { "\(Localizer.number($0.value, language, fractionDigits: 2)) (\($0.year))" } ?? "—",
                        "run": last.flatMap { $0.provenance.reference } ?? ""]
            }
            let reportRows = try await store.reports(workspaceID: workspace.id).map { r -> [String: Any] in
                ["id": r.id, "template": reports.catalog.templates[r.templateID]?.title.text(language) ?? r.templateID,
                 "state": views.text("state_" + r.state.rawValue, language), "updated": Localizer.date(r.updatedAt, language)]
            }
            let conflicts = try await reports.conflicts(workspaceID: workspace.id)
            let activity = try await store.securityEvents(workspaceID: workspace.id, limit: 10).map { e -> [String: Any] in
                ["at": Localizer.date(e.at, language), "event": views.text("event_" + e.kind.rawValue, language), "detail": e.detail]
            }
            let tracked = Dictionary(grouping: try await store.trackings(workspaceID: workspace.id), by: \.status).mapValues(\.count)
            let decisions = DecisionTracking.Status.allCases.map { ["label": views.text("decision_" + $0.rawValue, language), "count": tracked[$0] ?? 0] }
            return views.page("dashboard", title: workspace.name, context: context, request: request, values: [
                "decisions": decisions,
                "workspace": ["country": workspace.country, "name": workspace.name], "targets": targets, "computed": computed,
                "reports": reportRows, "conflictCount": conflicts.count, "activity": activity,
                "canManage": access.role == .focalPoint || access.signedIn.isSystemAdministrator,
                "canEditTargets": access.role == .focalPoint,
            ])
        }

        routes.get("/w/{country}/members", .workspaceManager) { request, context, access in
            try await membersPage(request, context, access, views: views, store: store)
        }

        routes.post("/w/{country}/members/invite", .workspaceManager) { request, context, access in
            let form = try await FormFields.read(request)
            let workspace = access.workspace!, actor = access.signedIn
            let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard let role = WorkspaceRole(rawValue: form["role"] ?? "") else { throw DomainError.invalid("choose a role: viewer, contributor, reviewer or focal_point") }
            var link: String?
            let user: User
            if let existing = try await store.user(email: email) {
                let current = try await store.role(userID: existing.id, workspaceID: workspace.id)
                if let refusal = RoleGrant.refusal(actor: actor, member: existing, current: current, new: role) { throw refusal }
                user = existing
            } else {
                let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
                user = try await store.createUser(email: email, displayName: name.isEmpty ? email : name, isSystemAdministrator: false)
                link = settings.passwordLink(try await store.createPasswordLink(userID: user.id, purpose: .invitation, createdBy: actor.id,
                                                                                lifetime: settings.passwordLinkLifetime))
                try await store.recordSecurityEvent(.userInvited, userID: user.id, email: user.email, address: context.remoteAddress,
                                                    actorID: actor.id, workspaceID: workspace.id, detail: role.rawValue)
            }
            try await store.setRole(workspaceID: workspace.id, userID: user.id, role: role)
            try await store.recordSecurityEvent(.roleChanged, userID: user.id, email: user.email, address: context.remoteAddress,
                                                actorID: actor.id, workspaceID: workspace.id, detail: role.rawValue)
            return try await membersPage(request, context, access, views: views, store: store, invitedEmail: user.email, link: link)
        }

        routes.post("/w/{country}/members/role", .workspaceManager) { request, context, access in
            let form = try await FormFields.read(request)
            let workspace = access.workspace!
            guard let userID = form["user"].flatMap(Int64.init), let user = try await store.user(id: userID) else {
                throw DomainError.invalid("unknown member")
            }
            let role = WorkspaceRole(rawValue: form["role"] ?? "")
            let members = try await store.members(workspaceID: workspace.id)
            let current = members.first { $0.user.id == userID }?.role
            if let refusal = RoleGrant.refusal(actor: access.signedIn, member: user, current: current, new: role) { throw refusal }
            let focalPoints = members.filter { $0.role == .focalPoint }.map(\.user.id)
            if focalPoints == [userID], role != .focalPoint {
                throw DomainError.conflict("\(user.email) is the only focal point of \(workspace.country); make someone else focal point first")
            }
            try await store.setRole(workspaceID: workspace.id, userID: userID, role: role)
            try await store.recordSecurityEvent(.roleChanged, userID: userID, email: user.email, address: context.remoteAddress,
                                                actorID: access.signedIn.id, workspaceID: workspace.id, detail: role?.rawValue ?? "removed")
            return Views.redirect("/w/\(workspace.country)/members")
        }

        routes.get("/w/{country}/security-log", .workspaceManager) { request, context, access in
            let language = context.language
            let kind = request.uri.queryParameters.get("event").flatMap(SecurityEventKind.init(rawValue:))
            let found = try await store.securityEvents(workspaceID: access.workspace!.id, kind: kind, limit: 500)
            let users = try await store.users(ids: Set(found.compactMap(\.actorID))).mapValues(\.email)
            let events = found.map { e -> [String: Any] in
                ["at": Localizer.date(e.at, language), "event": views.text("event_" + e.kind.rawValue, language), "email": e.email ?? "",
                 "actor": e.actorID.flatMap { users[$0] } ?? "", "detail": e.detail]
            }
            let kinds = SecurityEventKind.allCases.map { k -> [String: Any] in
                ["value": k.rawValue, "label": views.text("event_" + k.rawValue, language), "selected": k == kind]
            }
            return views.page("security-log", title: views.text("security_log", language), context: context, request: request,
                              values: ["workspace": ["country": access.workspace!.country, "name": access.workspace!.name], "events": events, "kinds": kinds])
        }
    }

    static func membersPage(_ request: Request, _ context: AppContext, _ access: Access, views: Views, store: SQLStore,
                            invitedEmail: String? = nil, link: String? = nil) async throws -> Response {
        let workspace = access.workspace!, language = context.language
        let members = try await store.members(workspaceID: workspace.id).map { member -> [String: Any] in
            ["id": member.user.id, "email": member.user.email, "name": member.user.displayName,
             "roles": WorkspaceRole.allCases.map { ["value": $0.rawValue, "label": views.text("role_" + $0.rawValue, language), "selected": $0 == member.role] }]
        }
        let roles = WorkspaceRole.allCases.map { ["value": $0.rawValue, "label": views.text("role_" + $0.rawValue, language)] }
        var values: [String: Any] = ["workspace": ["country": workspace.country, "name": workspace.name], "members": members, "roles": roles]
        if let invitedEmail { values["invited"] = ["email": invitedEmail, "link": link ?? ""] }
        return views.page("members", title: views.text("members", language), context: context, request: request, values: values)
    }
}
