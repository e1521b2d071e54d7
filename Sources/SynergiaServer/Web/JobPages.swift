import Foundation
import Hummingbird
import NIOCore
import SynergiaCore
import SynergiaGeoBindings
import SynergiaStore

/// A computation job: live progress while it runs, then its results — the
/// summary, the stored run, the output files and a map (Leaflet, served by
/// Synergia from Debian's libjs-leaflet; layers as GeoJSON or a coloured PNG
/// from the job's own files, no tile server).
enum JobPages {
    /// Colours of the SDG 15.3.1 overlay: degraded, stable, improved.
    static let indicatorColours = [-1: "215 48 39 230", 0: "255 255 191 160", 1: "26 152 80 230"]

    static func add(to routes: SecuredRoutes, views: Views) {
        let store = routes.store

        routes.get("/w/{country}/jobs/{job}", .workspace(.viewer)) { request, context, access in
            let (workspace, job) = try await find(context, access, store)
            let language = context.language
            var values: [String: Any] = ["workspace": ["country": workspace.country, "name": workspace.name],
                                         "job": ComputationPages.jobValues(job, language: language),
                                         "files": outputFiles(job).map { ["name": $0] }, "hasFiles": !outputFiles(job).isEmpty]
            // The run's warnings where the person looks after a run (the stored run keeps them too).
            if job.state == .succeeded, let runID = job.runID, let run = try await store.run(id: runID), run.workspaceID == workspace.id {
                values["showWarnings"] = true
                values["warnings"] = run.warnings
                values["hasWarnings"] = !run.warnings.isEmpty
            }
            let siteTables = outputFiles(job).filter { $0.hasPrefix("sites.") }
            values["siteTables"] = siteTables.map { ["name": $0] }
            values["hasSiteTables"] = !siteTables.isEmpty
            if job.state == .succeeded {
                values["map"] = ["geojson": "/w/\(workspace.country)/jobs/\(job.id)/map.geojson",
                                 "overlay": job.engine == "land-degradation" ? "/w/\(workspace.country)/jobs/\(job.id)/overlay.png" : ""]
                if job.engine == "land-degradation", let overlay = try? overlay(job) {
                    values["bounds"] = [overlay.south, overlay.west, overlay.north, overlay.east].map { String($0) }.joined(separator: ",")
                }
            }
            return views.page("job", title: "\(views.text("computation", language)) \(job.id)", context: context, request: request, values: values)
        }

        routes.get("/w/{country}/jobs/{job}/progress", .workspace(.viewer)) { _, context, access -> Response in
            let (_, job) = try await find(context, access, store)
            let body: [String: JSONValue] = [
                "state": .string(job.state.rawValue), "stage": .string(job.stage), "done": .number(Double(job.done)),
                "total": job.total.map { .number(Double($0)) } ?? .null, "fraction": job.fraction.map { .number($0) } ?? .null,
                "message": .string(job.message), "run": job.runID.map { .number(Double($0)) } ?? .null,
            ]
            return try data(JSONEncoder().encode(JSONValue.object(body)), type: "application/json", cache: "no-store")
        }

        routes.get("/w/{country}/jobs/{job}/map.geojson", .workspace(.viewer)) { _, context, access -> Response in
            let (_, job) = try await find(context, access, store)
            guard job.state == .succeeded, let layer = try geoJSON(job) else { throw HTTPError(.notFound, message: "this job has no map layer") }
            return data(layer, type: "application/geo+json", cache: "private, max-age=3600")
        }

        routes.get("/w/{country}/jobs/{job}/overlay.png", .workspace(.viewer)) { _, context, access -> Response in
            let (_, job) = try await find(context, access, store)
            guard job.state == .succeeded, let overlay = try overlay(job) else { throw HTTPError(.notFound, message: "this job has no raster overlay") }
            return data(overlay.png, type: "image/png", cache: "private, max-age=3600")
        }

        routes.get("/w/{country}/jobs/{job}/files/{name}", .workspace(.viewer)) { _, context, access -> Response in
            let (_, job) = try await find(context, access, store)
            let name = try context.parameters.require("name")
            // Only a file the listing offers: never a path of the user's choosing.
            guard outputFiles(job).contains(name), let bytes = FileManager.default.contents(atPath: outputFolder(job).appendingPathComponent(name).path) else {
                throw HTTPError(.notFound)
            }
            var response = data(bytes, type: contentType(name), cache: "private, no-cache")
            response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
            return response
        }

        // Leaflet (Debian's libjs-leaflet): a fixed list of files, no path from the request reaches the disk.
        let leaflet = URL(fileURLWithPath: "/usr/share/javascript/leaflet")
        let leafletFiles = ["leaflet.js": "text/javascript; charset=utf-8", "leaflet.css": "text/css; charset=utf-8",
                            "layers.png": "image/png", "layers-2x.png": "image/png", "marker-icon.png": "image/png",
                            "marker-icon-2x.png": "image/png", "marker-shadow.png": "image/png"]
        for prefix in ["/vendor/leaflet/{name}", "/vendor/leaflet/images/{name}"] {
            routes.get(prefix, .anyone) { _, context, _ -> Response in
                let name = try context.parameters.require("name")
                guard let type = leafletFiles[name] else { throw HTTPError(.notFound) }
                let path = name.hasSuffix(".png") ? leaflet.appendingPathComponent("images").appendingPathComponent(name) : leaflet.appendingPathComponent(name)
                guard let bytes = FileManager.default.contents(atPath: path.path) else {
                    throw HTTPError(.notFound, message: "Leaflet is not installed (Debian package libjs-leaflet)")
                }
                return data(bytes, type: type, cache: "public, max-age=86400")
            }
        }
    }

    static func find(_ context: AppContext, _ access: Access, _ store: SQLStore) async throws -> (Workspace, ComputationJob) {
        let workspace = access.workspace!
        let id = try context.parameters.require("job", as: Int64.self)
        guard let job = try await store.job(id: id), job.workspaceID == workspace.id else {
            throw DomainError.notFound("no computation \(id) in \(workspace.country)")
        }
        return (workspace, job)
    }

    static func outputFolder(_ job: ComputationJob) -> URL { URL(fileURLWithPath: job.folder).appendingPathComponent("out") }

    static func outputFiles(_ job: ComputationJob) -> [String] {
        guard job.state == .succeeded else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder(job).path)) ?? []
        return names.filter { !$0.hasPrefix(".") && ["json", "csv", "tif", "xlsx", "gpkg"].contains(($0 as NSString).pathExtension) }.sorted()
    }

    /// The vector layer to draw: the flattened coverage when the engine wrote
    /// it, else the sites as uploaded; for land degradation, the area of interest.
    static func mapSource(_ job: ComputationJob) -> String? {
        let inputs = URL(fileURLWithPath: job.folder).appendingPathComponent("inputs")
        let coverage = outputFolder(job).appendingPathComponent("coverage.gpkg")
        if FileManager.default.fileExists(atPath: coverage.path) { return coverage.path }
        let field = job.engine == "coverage" ? "wdpa" : "aoi"
        let folder = inputs.appendingPathComponent(field)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).first.map { folder.appendingPathComponent($0).path }
    }

    /// The last period's SDG 15.3.1 raster, coloured; made once, then kept
    /// beside the outputs (warping a national raster takes seconds).
    static func overlay(_ job: ComputationJob) throws -> MapLayers.Overlay? {
        guard job.engine == "land-degradation",
              let raster = outputFiles(job).filter({ $0.hasSuffix("_sdg_15_3_1.tif") }).last else { return nil }
        let cache = mapCache(job)
        let png = cache.appendingPathComponent("overlay.png"), bounds = cache.appendingPathComponent("overlay-bounds.txt")
        if let image = FileManager.default.contents(atPath: png.path), let text = try? String(contentsOf: bounds, encoding: .utf8) {
            let b = text.split(separator: ",").compactMap { Double($0) }
            if b.count == 4 { return MapLayers.Overlay(png: image, south: b[0], west: b[1], north: b[2], east: b[3]) }
        }
        let overlay = try MapLayers.classOverlay(path: outputFolder(job).appendingPathComponent(raster).path, colors: indicatorColours)
        try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try? overlay.png.write(to: png)
        try? Data("\(overlay.south),\(overlay.west),\(overlay.north),\(overlay.east)".utf8).write(to: bounds)
        return overlay
    }

    static func mapCache(_ job: ComputationJob) -> URL { URL(fileURLWithPath: job.folder).appendingPathComponent("map") }

    static func geoJSON(_ job: ComputationJob) throws -> Data? {
        let cached = mapCache(job).appendingPathComponent("layer.geojson")
        if let data = FileManager.default.contents(atPath: cached.path) { return data }
        guard let source = mapSource(job) else { return nil }
        // The per-site table's layer repeats every site under the coverage: the map draws the coverage (and the KBAs).
        let layers = source.hasSuffix("/out/coverage.gpkg") ? try VectorDataset(path: source).layerNames.filter { $0 != "sites" } : nil
        let data = try MapLayers.geoJSON(path: source, layers: layers)
        try? FileManager.default.createDirectory(at: mapCache(job), withIntermediateDirectories: true)
        try? data.write(to: cached)
        return data
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension {
        case "json": "application/json"
        case "csv": "text/csv; charset=utf-8"
        case "tif": "image/tiff"
        case "gpkg": "application/geopackage+sqlite3"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: "application/octet-stream"
        }
    }

    static func data(_ bytes: Data, type: String, cache: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: cache], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
