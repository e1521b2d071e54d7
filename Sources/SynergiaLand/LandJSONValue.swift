import Foundation
import SynergiaGeoBindings

/// A JSON value read with its path, so a refusal of inputs.json names the place
/// (`periods[1].land_cover`) and the fix rather than a decoder's internals.
struct LandJSONValue {
    indirect enum Value {
        case null, bool(Bool), number(Double), string(String), array([Value]), object([String: Value])
    }

    let value: Value
    let path: String
    let file: String

    init(data: Data, file: String) throws {
        do { value = try JSONDecoder().decode(Decoded.self, from: data).value } catch {
            throw GeoError.invalidInput("\(file) is not valid JSON (check the commas, quotes and braces; a JSON validator shows the line)")
        }
        path = "$"; self.file = file
    }

    private init(_ value: Value, path: String, file: String) { self.value = value; self.path = path; self.file = file }

    func refuse(_ what: String) -> GeoError { GeoError.invalidInput("\(file): \(path) \(what)") }

    /// The members of an object; a key not in `allowed` is refused naming it and the keys allowed.
    func object(allowed: [String]) throws -> [String: LandJSONValue] {
        guard case let .object(members) = value else { throw refuse("must be an object {…}") }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw GeoError.invalidInput("\(file): \(path) has the key \"\(unknown)\", which Synergia does not know; the keys allowed there are \(allowed.joined(separator: ", "))")
        }
        return Dictionary(uniqueKeysWithValues: members.map { ($0.key, LandJSONValue($0.value, path: "\(path).\($0.key)", file: file)) })
    }

    /// The members of an object whose keys are free (years, period names).
    func members() throws -> [(String, LandJSONValue)] {
        guard case let .object(members) = value else { throw refuse("must be an object {…}") }
        return members.keys.sorted().map { ($0, LandJSONValue(members[$0]!, path: "\(path).\($0)", file: file)) }
    }

    func array() throws -> [LandJSONValue] {
        guard case let .array(items) = value else { throw refuse("must be a list […]") }
        return items.enumerated().map { LandJSONValue($1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws -> String {
        guard case let .string(text) = value, !text.isEmpty else { throw refuse("must be a text in double quotes, e.g. \"lc_2000.tif\"") }
        return text
    }

    func number() throws -> Double {
        guard case let .number(n) = value else { throw refuse("must be a number (no quotes)") }
        return n
    }

    func int() throws -> Int {
        guard case let .number(n) = value, n.rounded() == n, abs(n) < 1e9 else { throw refuse("must be a whole number (no quotes), e.g. 2015") }
        return Int(n)
    }

    /// A year as a whole number from 1900 to 2100.
    func year() throws -> Int {
        guard case let .number(n) = value, n.rounded() == n, (1900...2100).contains(n) else { throw refuse("must be a year from 1900 to 2100 (no quotes), e.g. 2015") }
        return Int(n)
    }

    func bool() throws -> Bool {
        guard case let .bool(b) = value else { throw refuse("must be true or false (no quotes)") }
        return b
    }

    /// `{"2000": "lc_2000.tif", …}`: file names by year.
    func filesByYear() throws -> [Int: String] {
        var out: [Int: String] = [:]
        for (key, file) in try members() {
            guard let year = Int(key), (1900...2100).contains(year) else {
                throw GeoError.invalidInput("\(self.file): \(path) has the key \"\(key)\", which is not a year; write the year in quotes, e.g. \"2015\": \"file.tif\"")
            }
            out[year] = try file.string()
        }
        guard !out.isEmpty else { throw refuse("must name at least one file by year, e.g. {\"2015\": \"file.tif\"}") }
        return out
    }

    private struct Decoded: Decodable {
        let value: Value
        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { value = .null }
            else if let b = try? single.decode(Bool.self) { value = .bool(b) }
            else if let n = try? single.decode(Double.self) { value = .number(n) }
            else if let s = try? single.decode(String.self) { value = .string(s) }
            else if let a = try? single.decode([Decoded].self) { value = .array(a.map(\.value)) }
            else { value = .object(try single.decode([String: Decoded].self).mapValues(\.value)) }
        }
    }
}
