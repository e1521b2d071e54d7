import Foundation
import SynergiaCore
import SynergiaStore

/// Where a pipeline records its run and the series it computed. A pipeline
/// given none computes and writes its outputs only.
public struct RunRecording: Sendable {
    public var store: SQLStore
    public var workspace: Workspace

    public init(store: SQLStore, workspace: Workspace) {
        self.store = store
        self.workspace = workspace
    }
}
