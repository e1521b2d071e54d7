import Foundation
import SynergiaCore

/// Text of a PDF through poppler's `pdftotext -layout` (Debian `poppler-utils`),
/// one string per page: pdftotext ends each page with a form feed, which keeps
/// page numbers. Password-protected, damaged and scanned (image-only) PDFs are
/// refused with a message that says which and what to do; no OCR is attempted.
enum PDFReader {
    static func pages(_ url: URL) throws -> [String] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-pdftotext-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", "-enc", "UTF-8", "-eol", "unix", url.path, output.path]
        // Only stderr goes through a pipe (the text goes to a file), so a chatty
        // pdftotext on a damaged file cannot block on a second full pipe.
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DomainError.invalid("pdftotext cannot be started (\(error.localizedDescription)); install poppler-utils (scripts/install-deps.sh run)")
        }
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let status = process.terminationStatus
        if status == 127 {
            throw DomainError.invalid("pdftotext is not installed; install poppler-utils (scripts/install-deps.sh run) to import PDF files")
        }
        if messages.localizedCaseInsensitiveContains("incorrect password") {
            throw DomainError.invalid("the PDF is password-protected; remove the password (open it and save or print it to a new PDF) and import that file")
        }
        guard status == 0, let data = try? Data(contentsOf: output) else {
            let reason = messages.split(separator: "\n").first.map { ": pdftotext says \"\($0)\"" } ?? ""
            throw DomainError.invalid("the PDF is damaged or not a PDF\(reason); download it again or save it again from the program that made it")
        }
        var pages = String(decoding: data, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        guard pages.contains(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
            throw DomainError.invalid("the PDF has no text layer (it is probably a scan); OCR is not offered: import a version with text (the PDF from the secretariat's site, DOCX or HTML)")
        }
        return pages
    }
}
