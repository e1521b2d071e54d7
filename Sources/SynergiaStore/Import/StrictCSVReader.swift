import Foundation

/// Reads comma-separated text as RFC 4180 says and nothing looser: a field is either
/// plain (no quote characters at all) or wholly quoted with inner quotes doubled. A
/// quote left open, or a stray quote, refuses the file at the line where it stands,
/// so one damaged row can never swallow the rows after it.
///
/// Lenient readers guess what a broken quote meant; a guess here would import other
/// numbers than the file shows in a spreadsheet, so the file is refused instead.
public struct StrictCSVReader: Sendable {
    public struct Limits: Sendable {
        /// Characters in one field; the longest legitimate field is a source citation.
        public var maxFieldCharacters: Int
        /// Records, the header included.
        public var maxRecords: Int

        public init(maxFieldCharacters: Int = 10_000, maxRecords: Int = 1_000_000) {
            self.maxFieldCharacters = maxFieldCharacters
            self.maxRecords = maxRecords
        }
    }

    /// One record: the line it starts on (1-based) and its fields, spaces around them trimmed.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// Why the text is not CSV, at the line to look at.
    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Every record of `text`, blank lines included as records of one empty field.
    public func records(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var fieldCharacters = 0
        var line = 1, recordLine = 1, quoteLine = 0
        var quoted = false, closedQuote = false, fieldStarted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            fields.append(String(field).trimmingCharacters(in: CharacterSet(charactersIn: " \t")))
            field = String.UnicodeScalarView()
            fieldCharacters = 0
            quoted = false
            closedQuote = false
            fieldStarted = false
        }
        func endRecord() throws(Failure) {
            endField()
            records.append(Record(line: recordLine, fields: fields))
            fields = []
            guard records.count <= limits.maxRecords else {
                throw Failure(line: recordLine, message: "the file has more than \(limits.maxRecords) rows; split it into smaller files")
            }
        }

        while let c = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                        fieldCharacters += 1
                    } else {
                        quoted = false
                        closedQuote = true
                        pending = next
                    }
                    continue
                }
                if c == "\n" { line += 1 }
                if c == "\r" {
                    let next = scalars.next()
                    if next != "\n" { pending = next }
                    field.append("\r")
                    line += 1
                    if next == "\n" { field.append("\n") }
                    continue
                }
            } else {
                switch c {
                case ",":
                    endField()
                    continue
                case "\n", "\r":
                    if c == "\r" {
                        let next = scalars.next()
                        if next != "\n" { pending = next }
                    }
                    try endRecord()
                    line += 1
                    recordLine = line
                    continue
                case "\"":
                    guard !fieldStarted, !closedQuote else {
                        throw Failure(line: line, message: "a quote character (\") stands inside a field that is not quoted; put the whole field in quotes and double the quote inside it (\"like \"\"this\"\"\")")
                    }
                    quoted = true
                    quoteLine = line
                    fieldStarted = true
                    continue
                case " ", "\t":
                    // Spaces around a field are tolerated and trimmed, also around a quoted one.
                    if closedQuote { continue }
                default:
                    guard !closedQuote else {
                        throw Failure(line: line, message: "text follows the closing quote of a field; put the whole field in quotes and double any quote inside it")
                    }
                    fieldStarted = true
                }
            }
            field.append(c)
            fieldCharacters += 1
            guard fieldCharacters <= limits.maxFieldCharacters else {
                throw Failure(line: recordLine, message: "field \(fields.count + 1) is longer than \(limits.maxFieldCharacters) characters; shorten it (a quote left open also causes this)")
            }
        }
        if quoted {
            throw Failure(line: quoteLine, message: "a quote opened here is never closed, so this row would run into the rows after it; close the quote (or remove it) and import again")
        }
        if !(fields.isEmpty && field.isEmpty && !fieldStarted && !closedQuote) {
            try endRecord()
        }
        return records
    }
}
