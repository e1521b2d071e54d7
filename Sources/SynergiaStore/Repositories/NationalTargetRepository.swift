import SynergiaCore

/// A workspace's national targets with their alignments and indicators.
public protocol NationalTargetRepository: Sendable {
    func addNationalTarget(_ target: NationalTarget, workspaceID: Int64) async throws -> NationalTarget
    /// Saves `target` if the stored version is still `target.version`; refuses a stale save.
    func updateNationalTarget(_ target: NationalTarget) async throws -> NationalTarget
    func nationalTargets(workspaceID: Int64) async throws -> [NationalTarget]
    func nationalTarget(workspaceID: Int64, code: String) async throws -> NationalTarget?
}
