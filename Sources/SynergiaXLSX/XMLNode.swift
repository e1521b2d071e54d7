import Foundation

/// A minimal element tree for the small parts (workbook, relationships, styles, shared
/// strings), where a tree is simpler than a state machine and size is bounded by the limits.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLNode] = []
    private(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(_ key: String) -> String? { attributes[key] }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// All descendants with the given name, depth first, in document order. Walks with its
    /// own stack, so no input can make it recurse.
    func descendants(_ name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        var pending: [XMLNode] = children.reversed()
        while let node = pending.popLast() {
            if node.name == name { found.append(node) }
            pending.append(contentsOf: node.children.reversed())
        }
        return found
    }

    /// Reads a part whole. Its depth is bounded by `limits.maxXMLDepth`, which also keeps
    /// the recursive release of the tree far from the end of the stack.
    static func parse(_ data: Data, part: String, limits: XLSXLimits = .init()) throws(XLSXError) -> XMLNode {
        let builder = TreeBuilder()
        try XMLEvents.parse(data, part: part, limits: limits, maxElements: limits.maxTreeElements, handler: builder)
        guard let root = builder.root else {
            throw XLSXError(.malformedXML(part: part, line: 1, message: "the document is empty"))
        }
        return root
    }

    private final class TreeBuilder: XMLEventHandler {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func start(_ name: String, _ attributes: [String: String]) {
            let node = XMLNode(name: name, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func end(_ name: String) { stack.removeLast() }

        func text(_ text: String) { stack.last?.text += text }
    }
}
