import Foundation

/// JSON with the keys in the order the types declare them (Foundation's encoder does not keep
/// it), so Synergia's Trends.Earth files list their keys as Trends.Earth writes them. Objects
/// whose keys are data (periods, years, classes) are `LandJSONObject`s, which keep theirs too.
enum LandOrderedJSON {
    static func data<T: Encodable>(_ value: T) throws -> Data {
        let root = Node(.scalar("null"))
        try Writer.put(value, into: root, path: [])
        var text = ""
        root.write(into: &text, indent: "")
        return Data((text + "\n").utf8)
    }

    final class Node {
        enum Value { case object([(String, Node)]), array([Node]), scalar(String) }
        var value: Value
        init(_ value: Value) { self.value = value }

        func append(_ key: String, _ child: Node) {
            if case .object(var entries) = value { entries.append((key, child)); value = .object(entries) } else { value = .object([(key, child)]) }
        }

        func append(_ child: Node) {
            if case .array(var items) = value { items.append(child); value = .array(items) } else { value = .array([child]) }
        }

        /// Two spaces per level, `"key": value`, as Python's json.dump(indent=2).
        func write(into text: inout String, indent: String) {
            let inner = indent + "  "
            switch value {
            case .scalar(let s): text += s
            case .array(let items) where items.isEmpty: text += "[]"
            case .object(let entries) where entries.isEmpty: text += "{}"
            case .array(let items):
                text += "[\n"
                for (i, item) in items.enumerated() {
                    text += inner; item.write(into: &text, indent: inner); text += i < items.count - 1 ? ",\n" : "\n"
                }
                text += indent + "]"
            case .object(let entries):
                text += "{\n"
                for (i, (key, item)) in entries.enumerated() {
                    text += inner + Writer.quoted(key) + ": "; item.write(into: &text, indent: inner); text += i < entries.count - 1 ? ",\n" : "\n"
                }
                text += indent + "}"
            }
        }
    }

    struct Writer: Encoder {
        let node: Node
        let codingPath: [CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        static func put<T: Encodable>(_ value: T, into node: Node, path: [CodingKey]) throws {
            switch value {
            case let v as String: node.value = .scalar(quoted(v))
            case let v as Bool: node.value = .scalar(v ? "true" : "false")
            case let v as any BinaryInteger: node.value = .scalar(String(describing: v))
            case let v as Double: node.value = .scalar(try number(v, path))
            case let v as Float: node.value = .scalar(try number(Double(v), path))
            default: try value.encode(to: Writer(node: node, codingPath: path))
            }
        }

        /// As Python writes a float: a whole number keeps its ".0", others the shortest form
        /// that reads back to the same Double.
        static func number(_ v: Double, _ path: [CodingKey]) throws -> String {
            guard v.isFinite else { throw EncodingError.invalidValue(v, .init(codingPath: path, debugDescription: "not a finite number")) }
            return v == v.rounded() && abs(v) < 1e15 ? String(format: "%.1f", v) : "\(v)"
        }

        static func quoted(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = node.value {} else { node.value = .object([]) }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .array = node.value {} else { node.value = .array([]) }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.append(key.stringValue, Node(.scalar("null"))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let child = Node(.scalar("null"))
            try Writer.put(value, into: child, path: codingPath + [key])
            node.append(key.stringValue, child)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Node(.object([])); node.append(key.stringValue, child)
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = Node(.array([])); node.append(key.stringValue, child)
            return Unkeyed(node: child, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> Encoder { Writer(node: node, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            let child = Node(.scalar("null")); node.append(key.stringValue, child)
            return Writer(node: child, codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [CodingKey]
        var count: Int { if case .array(let items) = node.value { return items.count }; return 0 }

        mutating func encodeNil() throws { node.append(Node(.scalar("null"))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            let child = Node(.scalar("null"))
            try Writer.put(value, into: child, path: codingPath)
            node.append(child)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = Node(.object([])); node.append(child)
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = Node(.array([])); node.append(child)
            return Unkeyed(node: child, codingPath: codingPath)
        }
        mutating func superEncoder() -> Encoder {
            let child = Node(.scalar("null")); node.append(child)
            return Writer(node: child, codingPath: codingPath)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [CodingKey]
        mutating func encodeNil() throws { node.value = .scalar("null") }
        mutating func encode<T: Encodable>(_ value: T) throws { try Writer.put(value, into: node, path: codingPath) }
    }
}

/// A JSON object whose keys are data (period names, years, class names), written in the
/// order given rather than in a dictionary's.
public struct LandJSONObject<Value: Encodable & Sendable>: Encodable, Sendable {
    public var entries: [(key: String, value: Value)]

    public init(_ entries: [(key: String, value: Value)]) { self.entries = entries }

    public subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }
    public var keys: [String] { entries.map(\.key) }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in entries { try container.encode(value, forKey: Key(stringValue: key)) }
    }
}
