import Foundation

/// One run of an indicator engine: what went in, with which options, what
/// came out and how long it took. Its results are stored as indicator series
/// whose provenance is `computed(run)`.
public struct ComputationRun: Codable, Sendable, Equatable {
    public struct Input: Codable, Sendable, Equatable {
        public var role: String
        public var fileName: String
        public var sha256: String
        public var bytes: Int

        public init(role: String, fileName: String, sha256: String, bytes: Int) {
            self.role = role
            self.fileName = fileName
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    public var id: Int64
    public var workspaceID: Int64
    public var engine: String
    public var inputs: [Input]
    public var options: [String: String]
    public var softwareVersion: String
    public var startedAt: Date
    public var durationMilliseconds: Int64
    public var warnings: [String]

    public init(id: Int64 = 0, workspaceID: Int64, engine: String, inputs: [Input], options: [String: String], softwareVersion: String, startedAt: Date, durationMilliseconds: Int64, warnings: [String]) {
        self.id = id
        self.workspaceID = workspaceID
        self.engine = engine
        self.inputs = inputs
        self.options = options
        self.softwareVersion = softwareVersion
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.warnings = warnings
    }
}
