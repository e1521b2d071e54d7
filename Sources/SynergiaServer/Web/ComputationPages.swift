import Foundation
import Hummingbird
import SynergiaComputations
import SynergiaCore
import SynergiaGeo
import SynergiaStore

/// The indicator engines from the browser: upload a WDPA extract or a raster
/// stack, start a run as a background job, follow its progress, then read the
/// results with a map. Files are streamed to the job's folder, checked by
/// their first bytes, and refused with a message naming the field and the fix.
enum ComputationPages {
    static func add(to routes: SecuredRoutes, views: Views, settings: WebSettings, runner: JobRunner) {
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
                let vector: Set<DataFileKind> = [.geopackage, .zip, .geojson]
                let wdpa = try file(upload, "wdpa", kinds: vector, views: views, language: language)
                let land = try optionalFile(upload, "land", kinds: vector, views: views, language: language) ?? wdpa
                let eez = try optionalFile(upload, "eez", kinds: vector, views: views, language: language) ?? land
                let kba = try optionalFile(upload, "kba", kinds: vector, views: views, language: language)
                let year = try number(upload.fields["year"], field: "year", range: 1900...2100, views: views, language: language)
                var checked = Set<URL>()
                for file in [wdpa, land, eez, kba].compactMap({ $0 }) where checked.insert(file.path).inserted {
                    try readable(file, kinds: vector, views: views, language: language) { try UserFileCheck.vector(file.path.path) }
                }
                let landLayer = try readable(land, kinds: vector, views: views, language: language) {
                    try VectorDataset.layerName(in: land.path.path, given: upload.fields["land_layer"], fallback: "land")
                }
                let eezLayer = try readable(eez, kinds: vector, views: views, language: language) {
                    try VectorDataset.layerName(in: eez.path.path, given: upload.fields["eez_layer"], fallback: "eez")
                }
                let inputs = CoverageComputation.Inputs(
                    wdpa: wdpa.path.path, land: land.path.path,
                    landLayer: landLayer,
                    eez: eez.path.path, eezLayer: eezLayer,
                    territoryField: upload.fields["territory_field"].flatMap { $0.isEmpty ? nil : $0 } ?? "ISO3",
                    country: workspace.country, year: year,
                    kba: kba.map { CoverageComputation.KBAInput(path: $0.path.path) }, withLayers: true)
                let job = try await store.createJob(workspaceID: workspace.id, engine: "coverage", folder: folder.path, createdBy: access.signedIn.id)
                let out = folder.appendingPathComponent("out").path
                runner.submit(job) { progress in
                    let started = Date()
                    let computation = CoverageComputation()
                    let outcome = try await computation.run(inputs, workspace: nil, store: nil) { stage, done, total in
                        progress.report(stage: stage, done: done, total: total)
                    }
                    try CoverageTables.write(outcome.result, imported: outcome.imported, layers: outcome.layers, to: out)
                    let run = try await computation.record(outcome.result, imported: outcome.imported, kbaImport: outcome.kbaImport,
                                                           inputs: inputs, workspace: workspace, store: store, started: started)
                    let c = outcome.result.coverage
                    return (run.id, String(format: "%.2f km²", c.totalKm2) + [c.landPercent.map { String(format: " · land %.2f %%", $0) },
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
                let aoi = try optionalFile(upload, "aoi", kinds: [.geopackage, .zip, .geojson], views: views, language: language)
                if let aoi {
                    try readable(aoi, kinds: [.geopackage, .zip, .geojson], views: views, language: language) { try UserFileCheck.vector(aoi.path.path) }
                }
                let inputs = try RasterStackArchive.unpack(stack.path, named: stack.fileName, into: folder.appendingPathComponent("rasters"))
                let job = try await store.createJob(workspaceID: workspace.id, engine: "land-degradation", folder: folder.path, createdBy: access.signedIn.id)
                let out = folder.appendingPathComponent("out")
                runner.submit(job) { progress in
                    let (result, run) = try await LandComputation().run(inputs: inputs, aoi: aoi?.path.path, output: out, workspace: workspace, store: store) { p in
                        progress.report(stage: p.pass, done: p.blocksDone, total: p.blocksTotal)
                    }
                    let summary = result.periods.map { String(format: "%@ %.2f %%", $0.period.name, $0.proportionDegradedPercent) }.joined(separator: " · ")
                    return (run?.id, summary)
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
