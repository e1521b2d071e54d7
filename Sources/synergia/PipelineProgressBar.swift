import Foundation
import SynergiaComputations

/// A pipeline's progress on the terminal's progress bar; raster stages show their read rate.
struct PipelineProgressBar: PipelineProgress {
    let bar = ProgressBar()
    let started = Date()

    func report(_ step: PipelineStep) {
        var stage = step.stage
        if let bytes = step.bytesRead {
            let seconds = max(Date().timeIntervalSince(started), 0.001)
            stage += " \(Int(Double(bytes) / seconds / 1_000_000)) MB/s"
        }
        bar.update(stage, done: step.done, total: step.total)
    }

    func finish() { bar.finish() }
}
