import Foundation
import SynergiaCore

/// Prints HTML to PDF with headless Chromium from Debian, started by Synergia
/// for each export. `SYNERGIA_CHROMIUM` names the binary when it is not on PATH.
public enum PDFRenderer {
    public static func render(html: String, environment: [String: String] = ProcessInfo.processInfo.environment, timeout: TimeInterval = 120) throws -> Data {
        guard let chromium = findChromium(environment) else {
            throw DomainError.conflict("PDF export needs Chromium: install Debian's chromium package (apt-get install chromium) or set SYNERGIA_CHROMIUM to its path")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("report.html")
        let output = folder.appendingPathComponent("report.pdf")
        try html.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", input.absoluteString]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            throw DomainError.conflict("Chromium did not finish the PDF within \(Int(timeout)) s; try again or export HTML and print it")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: output), data.starts(with: Data("%PDF".utf8)) else {
            throw DomainError.conflict("Chromium could not print the report to PDF (exit \(process.terminationStatus)): \(message.suffix(400))")
        }
        return data
    }

    static func findChromium(_ environment: [String: String]) -> String? {
        if let path = environment["SYNERGIA_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }
}
