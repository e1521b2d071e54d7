import Foundation
import Hummingbird
import NIOCore

/// The stylesheet and other static files, from the bundle: no CDN.
enum AssetRoutes {
    static func add(to routes: SecuredRoutes) {
        let folder = Bundle.module.resourceURL?.appendingPathComponent("Assets")
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "png": "image/png"]
        routes.get("/assets/{name}", .anyone) { _, context, _ -> Response in
            let name = try context.parameters.require("name")
            // One flat folder: a name with a separator or a leading dot is never a file of ours.
            guard !name.contains("/"), !name.hasPrefix("."), let folder,
                  let type = types[(name as NSString).pathExtension],
                  let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                throw HTTPError(.notFound)
            }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
