import Hummingbird
import Logging
import SynergiaReference
import SynergiaReporting
import SynergiaStore

/// Builds the HTTP application on a migrated store: the JSON API and the
/// web pages, every route behind its access rule (`SecuredRoutes`).
public enum SynergiaServer {
    public static func router(store: SQLStore, reports: ReportService, settings: WebSettings) async throws -> (router: Router<AppContext>, catalog: RouteCatalog) {
        var reports = reports
        if let folder = settings.attachmentsDirectory { reports.attachmentFiles = AttachmentFiles(directory: folder) }
        reports.maximumAttachmentBytes = settings.maxUploadBytes
        let router = Router(context: AppContext.self)
        router.add(middleware: RequestLogMiddleware())
        let gate = RequestGate(maximumRunning: settings.maxConcurrentRequests, maximumQueued: settings.maxQueuedRequests,
                               maximumWait: settings.maxQueueWait)
        router.add(middleware: LoadSheddingMiddleware(gate: gate, exempt: ["/health"]))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: DomainErrorMiddleware(messages: reports.messages))
        router.add(middleware: IdentityMiddleware(store: store, settings: settings))
        let views = try await Views.load(messages: reports.messages)
        router.add(middleware: ErrorPageMiddleware(views: views))
        let catalog = RouteCatalog()
        let routes = SecuredRoutes(router: router, catalog: catalog, store: store, maxUploadBytes: settings.maxUploadBytes)

        // Liveness: answered without the database or a turn at the gate, so it stays quick under load.
        routes.get("/health", .anyone) { _, _, _ in
            JSONBody(["status": "ok"])
        }
        // Readiness: the database answers within the time a load balancer waits.
        routes.get("/ready", .anyone) { _, _, _ in
            await ReadinessCheck.run(store: store)
        }
        AssetRoutes.add(to: routes)
        ReferenceRoutes.add(to: routes, units: reports.catalog.units, titles: reports.catalog.frameworkTitles)
        ReportRoutes.add(to: routes, service: reports, maxUploadBytes: settings.maxUploadBytes)
        EvidenceRoutes.add(to: routes, service: reports)
        try AccountRoutes.add(to: routes, views: views, settings: settings, passwords: Passwords(cost: settings.bcryptCost))
        WorkspacePages.add(to: routes, views: views, reports: reports, settings: settings)
        ReportPages.add(to: routes, views: views, reports: reports)
        AttachmentRoutes.add(to: routes, service: reports, maxUploadBytes: settings.maxUploadBytes)
        AttachmentPages.add(to: routes, views: views, reports: reports, maxUploadBytes: settings.maxUploadBytes)
        WorkbookPages.add(to: routes, views: views, reports: reports, maxUploadBytes: settings.maxUploadBytes)
        MigrationPages.add(to: routes, views: views, reports: reports)
        MigrationRoutes.add(to: routes, service: reports)
        FactPages.add(to: routes, views: views, reports: reports)
        FactRoutes.add(to: routes, service: reports)
        FrameworkPages.add(to: routes, views: views, titles: reports.catalog.frameworkTitles)
        NationalTargetPages.add(to: routes, views: views, units: reports.catalog.units, reports: reports)
        NationalTargetEditor.add(to: routes, views: views, units: reports.catalog.units, titles: reports.catalog.frameworkTitles)
        HistoryPages.add(to: routes, views: views, units: reports.catalog.units, titles: reports.catalog.frameworkTitles)
        HistoryRoutes.add(to: routes)
        RunPages.add(to: routes, views: views)
        KnowledgePages.add(to: routes, views: views, thesaurus: try ThesaurusFile.load(dataDirectory: settings.dataDirectory))
        DecisionPages.add(to: routes, views: views, reports: reports)
        ComputationPages.add(to: routes, views: views, settings: settings, runner: JobRunner(store: store), reports: reports)
        AdminPages.add(to: routes, views: views, settings: settings)
        return (router, catalog)
    }

    public static func application(store: SQLStore, reports: ReportService, settings: WebSettings, host: String, port: Int,
                                   logger: Logger) async throws -> some ApplicationProtocol {
        // Jobs run inside the server that accepted them: any still open now were cut off by its stop.
        for job in try await store.failInterruptedJobs(message: "stopped by a server restart; start the computation again") {
            logger.warning("computation job \(job.id) of workspace \(job.workspaceID) was interrupted by a restart")
        }
        return Application(
            router: try await router(store: store, reports: reports, settings: settings).router,
            configuration: .init(address: .hostname(host, port: port), serverName: "Synergia"),
            logger: logger)
    }
}
