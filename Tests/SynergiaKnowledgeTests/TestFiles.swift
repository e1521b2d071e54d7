import Foundation
import ZIPFoundation

/// Files for import tests, written at test time: no binary fixtures in the repository.
enum TestFiles {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A PDF 1.4 file by hand: one Helvetica text line per string (an empty string
    /// leaves a blank line), one page per array. `encrypted` adds a standard
    /// security handler whose user password is not empty, as a protected PDF has.
    static func pdf(pages: [[String]], encrypted: Bool = false) -> Data {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
        let kids = pages.indices.map { "\(3 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        let fontID = 3 + 2 * pages.count
        for (index, lines) in pages.enumerated() {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 \(fontID) 0 R >> >> /Contents \(4 + 2 * index) 0 R >>")
            let operators = lines.isEmpty ? "" : (["BT /F1 11 Tf 72 740 Td 14 TL"] + lines.map { $0.isEmpty ? "T*" : "(\($0)) Tj T*" } + ["ET"]).joined(separator: "\n")
            objects.append("<< /Length \(operators.utf8.count) >>\nstream\n\(operators)\nendstream")
        }
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        if encrypted {
            objects.append("<< /Filter /Standard /V 1 /R 2 /O <\(String(repeating: "11", count: 32))> /U <\(String(repeating: "22", count: 32))> /P -4 >>")
        }
        var file = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(file.utf8.count)
            file += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = file.utf8.count
        file += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        file += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        let encryption = encrypted ? " /Encrypt \(objects.count) 0 R /ID [<\(String(repeating: "ab", count: 16))> <\(String(repeating: "ab", count: 16))>]" : ""
        file += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R\(encryption) >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(file.utf8)
    }

    /// A minimal Word document: body paragraphs (style, text) and footnotes (id, text).
    static func docx(paragraphs: [(style: String?, text: String)], footnotes: [(id: Int, text: String)]) throws -> Data {
        let w = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#
        // Closures typed: SQLKit, visible through the store, has its own joined() for interpolated strings.
        let body = paragraphs.map { paragraph -> String in
            let style = paragraph.style.map { #"<w:pPr><w:pStyle w:val="\#($0)"/></w:pPr>"# } ?? ""
            return "<w:p>\(style)<w:r><w:t xml:space=\"preserve\">\(paragraph.text)</w:t></w:r></w:p>"
        }.joined()
        let notes = footnotes.map { note -> String in #"<w:footnote w:id="\#(note.id)"><w:p><w:r><w:t>\#(note.text)</w:t></w:r></w:p></w:footnote>"# }.joined()
        let separator = #"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"#
        let archive = try Archive(accessMode: .create)
        let parts: [(path: String, xml: String)] = [
            ("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(w)><w:body>\(body)</w:body></w:document>"),
            ("word/footnotes.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes \(w)>\(separator)\(notes)</w:footnotes>"),
        ]
        for (path, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }
}
