import Foundation
import SynergiaCore
import SynergiaLand

/// The land-degradation run shared by the CLI and the web: SDG 15.3.1 and
/// its sub-indicators. Always in this order: compute (the engine writes its
/// GeoTIFFs, CSV tables and summaries to the output folder), write
/// tables.xlsx beside them, record the run and its series (when given a
/// workspace). Nothing is recorded if any step fails.
public struct LandPipeline: Sendable {
    public static let softwareVersion = "synergia-land/1"
    public static let workbookName = "tables.xlsx"

    public struct Outcome: Sendable {
        public var result: LandResult
        public var run: ComputationRun?
        /// What the run assumed that the person should know; also stored with the run.
        public var warnings: [String]
    }

    public var options: LandRunOptions

    public init(options: LandRunOptions = LandRunOptions()) {
        self.options = options
    }

    public func run(_ inputs: LandInputs, aoi: String?, output: URL, recordInto recording: RunRecording? = nil,
                    progress: any PipelineProgress = NoProgress()) async throws -> Outcome {
        let started = Date()
        let result = try LandDegradationEngine(options: options.engine).run(inputs: inputs, aoi: aoi, output: output) { step in
            progress.report(PipelineStep(stage: step.pass, done: step.blocksDone, total: step.blocksTotal, bytesRead: step.bytesRead))
        }
        progress.report(PipelineStep(stage: PipelineStep.writingOutputs))
        try LandWorkbook.data(result).write(to: output.appendingPathComponent(Self.workbookName))
        var outcome = Outcome(result: result, run: nil, warnings: result.warnings)
        if let recording {
            progress.report(PipelineStep(stage: PipelineStep.recordingRun))
            outcome.run = try await LandRunRecord(options: options.engine, inputs: inputs, aoi: aoi, output: output)
                .record(result, into: recording, started: started)
        }
        return outcome
    }
}
