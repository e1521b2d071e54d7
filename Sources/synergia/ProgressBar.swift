import Foundation

/// A one-line progress bar on standard error, redrawn in place on a terminal
/// and printed once per stage otherwise (so logs stay readable).
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let interactive = isatty(STDERR_FILENO) != 0
    private var stage = ""
    private var lastDraw = Date.distantPast

    func update(_ stage: String, done: Int, total: Int?) {
        lock.lock()
        defer { lock.unlock() }
        let newStage = stage != self.stage
        if newStage, interactive, !self.stage.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        self.stage = stage
        guard interactive || newStage else { return }
        guard newStage || Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        var line = stage.padding(toLength: 14, withPad: " ", startingAt: 0)
        if let total, total > 0 {
            let width = 30
            let filled = min(width, done * width / total)
            line += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
        } else if done > 0 {
            line += " \(done)"
        }
        FileHandle.standardError.write(Data((interactive ? "\r" + line : line + "\n").utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if interactive, !stage.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        stage = ""
    }
}
