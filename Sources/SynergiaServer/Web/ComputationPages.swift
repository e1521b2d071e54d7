import Foundation
import Hummingbird
import SynergiaComputations
import SynergiaCore
import SynergiaGeoBindings
import SynergiaReporting
import SynergiaStore

/// The indicator engines from the browser: upload a WDPA extract or a raster
/// stack, start a run as a background job, follow its progress, then read the
/// results with a map. Files are streamed to the job's folder, checked by
/// their first bytes, and refused with a message naming the field and the fix.
enum ComputationPages {
    static func add(to routes: SecuredRoutes, views: Views, settings: WebSettings, runner: JobRunner, reports: ReportService) {
        let store = routes.store

        routes.get("/w/{country}/computations", .workspace(.viewer)) { request, context, access in
            let workspace = access.workspace!, language = context.language
            let jobs = try await store.jobs(workspaceID: workspace.id).map { jobValues($0, language: language) }
            return views.page("computations", title: views.text("computations", language), context: context, request: request, values: [
                "workspace": ["country": workspace.country, "name": workspace.name], "jobs": jobs, "hasJobs": !jobs.isEmpty,
                "canStart": (access.role ?? .viewer) >= .contributor,
                "year": Calendar(identifier: .gregorian).component(.year, from: Date()),
                "maxMB": settings.maxDataUploadBytes / 1_000_000,
            ])
        }

        routes.postUpload("/w/{country}/computations/coverage", .workspace(.contributor)) { request, context, access, csrf in
            let workspace = access.workspace!, language = context.language
            let folder = settings.jobsFolder.appendingPathComponent(UUID().uuidString, isDirectory: true)
            do {
                let upload = try await DataUpload.receive(request, into: folder.appendingPathComponent("inputs"), maxBytes: settings.maxDataUploadBytes, csrf: csrf)
                let (options, files) = try ComputationForms.coverage(upload, country: workspace.country, views: views, language: language)
                let job = try await store.createJob(workspaceID: workspace.id, engine: "coverage", folder: folder.path, createdBy: access.signedIn.id)
                let recording = RunRecording(store: store, workspace: workspace)
                let tables = folder.appendingPathComponent("out").path
                runner.submit(job) { progress in
                    let outcome = try await ComputationForms.phrased(views, language) {
                        try await CoveragePipeline(options: options).run(files, tables: tables, recordInto: recording, progress: progress)
                    }
                    if let run = outcome.run { _ = try await reports.refreshPrefilled(afterRun: run) }
                    let c = outcome.result.coverage
                    return (outcome.run?.id, String(format: "%.2f km²", c.totalKm2) + [c.landPercent.map { String(format: " · land %.2f %%", $0) },
                                                                                     c.marinePercent.map { String(format: " · marine %.2f %%", $0) }].compactMap { $0 }.joined())
                }
                return Views.redirect("/w/\(workspace.country)/jobs/\(job.id)")
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }

        routes.postUpload("/w/{country}/computations/land", .workspace(.contributor)) { request, context, access, csrf in
            let workspace = access.workspace!, language = context.language
            let folder = settings.jobsFolder.appendingPathComponent(UUID().uuidString, isDirectory: true)
            do {
                let upload = try await DataUpload.receive(request, into: folder.appendingPathComponent("inputs"), maxBytes: settings.maxDataUploadBytes, csrf: csrf)
                let stack = try file(upload, "rasters", kinds: [.zip], views: views, language: language)
                let aoi = try optionalFile(upload, "aoi", kinds: ComputationForms.vector, views: views, language: language)
                if let aoi {
                    try readable(aoi, kinds: ComputationForms.vector, views: views, language: language) { try UserFileCheck.vector(aoi.path.path) }
                }
                let rasters = folder.appendingPathComponent("rasters")
                let described = try RasterStackArchive.unpack(stack.path, named: stack.fileName, into: rasters)
                let options = try ComputationForms.land(upload, file: described, folder: rasters, views: views, language: language)
                let inputs = described.inputs
                let job = try await store.createJob(workspaceID: workspace.id, engine: "land-degradation", folder: folder.path, createdBy: access.signedIn.id)
                let recording = RunRecording(store: store, workspace: workspace)
                let out = folder.appendingPathComponent("out")
                runner.submit(job) { progress in
                    let outcome = try await LandPipeline(options: options).run(inputs, aoi: aoi?.path.path, output: out, recordInto: recording, progress: progress)
                    if let run = outcome.run { _ = try await reports.refreshPrefilled(afterRun: run) }
                    let summary = outcome.result.periods.map { String(format: "%@ %.2f %%", $0.period.name, $0.proportionDegradedPercent) }.joined(separator: " · ")
                    return (outcome.run?.id, summary)
                }
                return Views.redirect("/w/\(workspace.country)/jobs/\(job.id)")
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }

        JobPages.add(to: routes, views: views)
    }

    static func jobValues(_ job: ComputationJob, language: String) -> [String: Any] {
        [
            "id": job.id, "engine": job.engine, "state": job.state.rawValue, "stage": job.stage,
            "finished": job.state.isFinished, "failed": job.state == .failed, "succeeded": job.state == .succeeded,
            "done": job.done, "total": job.total ?? 0, "hasTotal": job.total != nil,
            "percent": job.fraction.map { Localizer.number($0 * 100, language, fractionDigits: 0) } ?? "",
            "message": job.message, "runID": job.runID ?? 0, "hasRun": job.runID != nil,
            "created": Localizer.date(job.createdAt, language), "updated": Localizer.date(job.updatedAt, language),
        ]
    }

    static func file(_ upload: DataUpload, _ field: String, kinds: Set<DataFileKind>, views: Views, language: String) throws -> DataUpload.File {
        guard let file = try optionalFile(upload, field, kinds: kinds, views: views, language: language) else {
            throw DomainError.invalid(views.text("upload_missing", language).replacingOccurrences(of: "{field}", with: views.text("field_\(field)", language)))
        }
        return file
    }

    static func optionalFile(_ upload: DataUpload, _ field: String, kinds: Set<DataFileKind>, views: Views, language: String) throws -> DataUpload.File? {
        guard let file = upload.files[field], file.kind != .empty else { return nil }
        guard kinds.contains(file.kind) else {
            throw DomainError.invalid(views.text("upload_wrong_type", language)
                .replacingOccurrences(of: "{field}", with: views.text("field_\(field)", language))
                .replacingOccurrences(of: "{file}", with: file.fileName)
                .replacingOccurrences(of: "{expected}", with: kinds.map(\.rawValue).sorted().joined(separator: ", ")))
        }
        return file
    }

    /// Runs `check` on an uploaded file; a failure becomes a 422 naming the field, the file as uploaded and the fix.
    @discardableResult
    static func readable<T>(_ file: DataUpload.File, kinds: Set<DataFileKind>, views: Views, language: String, _ check: () throws -> T) throws -> T {
        do { return try check() } catch {
            let detail = PathScrubber.baseNamesOnly(String(describing: error))
                .replacingOccurrences(of: file.path.lastPathComponent, with: file.fileName)
            throw DomainError.invalid(views.text("upload_unreadable", language)
                .replacingOccurrences(of: "{field}", with: views.text("field_\(file.field)", language))
                .replacingOccurrences(of: "{file}", with: file.fileName)
                .replacingOccurrences(of: "{detail}", with: detail)
                .replacingOccurrences(of: "{expected}", with: kinds.map(\.rawValue).sorted().joined(separator: ", ")))
        }
    }

    static func number(_ text: String?, field: String, range: ClosedRange<Int>, views: Views, language: String) throws -> Int {
        guard let text, let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw DomainError.invalid(views.text("upload_bad_number", language)
                .replacingOccurrences(of: "{field}", with: views.text("field_\(field)", language))
                .replacingOccurrences(of: "{range}", with: "\(range.lowerBound)–\(range.upperBound)"))
        }
        return value
    }
}
