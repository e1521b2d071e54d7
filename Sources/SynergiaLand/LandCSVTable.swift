import Foundation
import SynergiaGeoBindings

/// The small CSV tables a land run reads (national legend, transition matrix): one record
/// per line, cells split on commas. Quoting is read only where it cannot change the
/// meaning — a whole cell inside double quotes with no quote in it, as some tools write
/// every cell. Any other double quote, and a record with a number of fields the table does
/// not take, is refused naming the file and line, so that a class name holding a comma is
/// never cut into two cells without a word.
enum LandCSVTable {
    struct Record: Equatable {
        /// 1-based, counting blank lines, so it matches what an editor shows.
        let line: Int
        let fields: [String]
    }

    /// - Parameters:
    ///   - file: the file as the user named it; only its base name goes into messages.
    ///   - fieldCounts: how many fields a record may have.
    ///   - layout: the expected record, as the fix in the message.
    ///   - error: the error of the table being read.
    static func records(_ text: String, file: String, fieldCounts: ClosedRange<Int>, layout: String,
                        error: (String) -> GeoError) throws -> [Record] {
        let name = baseName(file)
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var records: [Record] = []
        for (index, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            let cells = raw.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            let fields = try cells.map { cell in
                guard cell.contains("\"") else { return cell }
                let inner = cell.dropFirst().dropLast()
                if cell.count >= 2, cell.first == "\"", cell.last == "\"", !inner.contains("\"") { return String(inner) }
                throw error("\(name) line \(line) has a double quote that this table cannot read (a quoted cell holding a comma or a quote, "
                    + "or a stray quote); save the file as plain comma-separated values, with no comma or double quote inside a cell")
            }
            guard fieldCounts.contains(fields.count) else {
                throw error("\(name) line \(line) has \(fields.count) fields; write each line as \(layout)")
            }
            records.append(Record(line: line, fields: fields))
        }
        return records
    }

    static func baseName(_ file: String) -> String {
        URL(fileURLWithPath: file).lastPathComponent
    }
}
