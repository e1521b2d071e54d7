import SynergiaCore
import SynergiaStore

/// The progress table of a workspace, the same for the web, the API and the CLI:
/// the stored targets and series, read at the time of the request, assessed by
/// `ProgressRule` with each series converted to its target's unit.
public enum WorkspaceProgress {
    public static func assess(workspaceID: Int64, in store: SQLStore, units: UnitTable,
                              rule: ProgressRule = ProgressRule()) async throws -> [NationalTargetProgress] {
        rule.assess(try await store.nationalTargets(workspaceID: workspaceID), series: try await store.series(workspaceID: workspaceID),
                    units: units)
    }
}
