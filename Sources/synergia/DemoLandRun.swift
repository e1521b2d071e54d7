import Foundation
import SynergiaComputations
import SynergiaDemoData
import SynergiaStore

/// The demo workspace's land-degradation run: the land pipeline on small generated rasters
/// (200 × 200 pixels of 10 arc-seconds), recorded with its series and its strategic objective 1
/// tables, so the demo's UNCCD report opens with those tables filled. The rasters and the
/// output folder are removed afterwards: the report needs only what the run kept.
enum DemoLandRun {
    static let pixels = 200

    /// Records the run once per workspace; returns its id, or nil when the workspace already has one.
    static func record(country: String, store: SQLStore) async throws -> Int64? {
        guard let workspace = try await store.workspace(country: country),
              try await store.latestRun(workspaceID: workspace.id, engine: "land-degradation") == nil else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-demo-land-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try LandDataGenerator(seed: 1, size: pixels).write(to: folder.appendingPathComponent("inputs"))
        let outcome = try await LandPipeline().run(generated.inputs, aoi: generated.aoi, output: folder.appendingPathComponent("land-demo"),
                                                   recordInto: RunRecording(store: store, workspace: workspace))
        return outcome.run?.id
    }
}
