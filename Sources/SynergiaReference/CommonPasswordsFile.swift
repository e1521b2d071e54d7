import Foundation
import SynergiaCore

/// `data/security/common-passwords.txt`: one password a line; blank lines and
/// lines starting with `#` (the header saying where the list comes from) are skipped.
public enum CommonPasswordsFile {
    public static let relativePath = "security/common-passwords.txt"

    public static func load(dataDirectory: URL) throws -> CommonPasswords {
        let url = dataDirectory.appendingPathComponent(relativePath)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DataFileError([DataFileProblem(file: "data/" + relativePath, line: nil,
                                                 message: "cannot be read as UTF-8 text; restore it from the repository (the data folder is SYNERGIA_DATA_DIR)")])
        }
        let entries = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !entries.isEmpty else {
            throw DataFileError([DataFileProblem(file: "data/" + relativePath, line: nil, message: "lists no password; restore it from the repository")])
        }
        return CommonPasswords(entries)
    }
}
