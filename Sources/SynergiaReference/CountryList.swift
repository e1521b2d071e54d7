import Foundation
import SynergiaCore

/// Countries and territories from Debian's `iso-codes` package, read at seed
/// time rather than copied into the product.
public enum CountryList {
    public static let defaultPath = "/usr/share/iso-codes/json/iso_3166-1.json"

    private struct File: Decodable {
        struct Entry: Decodable {
            var alpha_2: String
            var alpha_3: String
            var numeric: String
            var name: String
            var official_name: String?
        }
        var entries: [Entry]

        enum CodingKeys: String, CodingKey { case entries = "3166-1" }
    }

    public static func load(path: String = defaultPath) throws -> [Country] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DataFileError([DataFileProblem(file: path, line: nil, message: "cannot be read; install Debian's iso-codes package (apt-get install iso-codes) or set SYNERGIA_ISO_CODES to the file")])
        }
        do {
            return try JSONDecoder().decode(File.self, from: data).entries.map {
                Country(alpha2: $0.alpha_2, alpha3: $0.alpha_3, numeric: $0.numeric, name: $0.name, officialName: $0.official_name)
            }
        } catch {
            throw DataFileError([DataFileProblem(file: path, line: nil, message: "is not the iso-codes ISO 3166-1 JSON list (\(error))")])
        }
    }
}
