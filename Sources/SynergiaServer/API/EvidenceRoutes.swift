import Foundation
import Hummingbird
import NIOCore
import SynergiaCore
import SynergiaReporting

/// `GET /api/reports/{id}/evidence?snapshot=K`: a submitted snapshot as a signed evidence
/// bundle (docs/evidence.md), read by whoever may read the report's other exports.
enum EvidenceRoutes {
    static func add(to routes: SecuredRoutes, service: ReportService) {
        routes.get("/api/reports/{id}/evidence", .report(.viewer, secretariatReads: true)) { request, _, access -> Response in
            var snapshot: Int?
            if let text = request.uri.queryParameters.get("snapshot") {
                guard let number = Int(text), number > 0 else {
                    throw DomainError.invalid("snapshot '\(text)' is not a snapshot number (1, 2, …)")
                }
                snapshot = number
            }
            let export = try await service.exportEvidence(reportID: access.report!.id, snapshot: snapshot)
            var headers = HTTPFields()
            headers[.contentType] = "application/zip"
            headers[.contentDisposition] = "attachment; filename=\"\(export.fileName)\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: export.data)))
        }
    }
}
