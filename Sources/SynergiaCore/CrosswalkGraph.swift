/// Walks crosswalk links in both directions to list what a framework item
/// relates to in the other frameworks.
public struct CrosswalkGraph: Sendable {
    public struct Item: Sendable, Equatable {
        public var code: String
        public var framework: String
        public var title: String

        public init(code: String, framework: String, title: String) {
            self.code = code
            self.framework = framework
            self.title = title
        }
    }

    private let items: [String: Item]
    private let linksByEnd: [String: [CrosswalkLink]]

    public init(items: [Item], links: [CrosswalkLink]) {
        self.items = Dictionary(items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var byEnd: [String: [CrosswalkLink]] = [:]
        for link in links {
            byEnd[link.from, default: []].append(link)
            byEnd[link.to, default: []].append(link)
        }
        self.linksByEnd = byEnd
    }

    /// Items linked to `code` directly, then those reached through them (up to
    /// `depth` links away), never returning to `code`'s own framework. The
    /// nearest route wins; ties keep the first link found in data order.
    public func related(to code: String, depth: Int = 2) -> [RelatedItem] {
        guard let origin = items[code] else { return [] }
        var visited: Set<String> = [code]
        var found: [RelatedItem] = []
        var frontier: [(code: String, via: [String])] = [(code, [])]
        for _ in 0..<max(depth, 0) {
            var next: [(code: String, via: [String])] = []
            for (current, via) in frontier {
                for link in linksByEnd[current] ?? [] {
                    let outgoing = link.from == current
                    let other = outgoing ? link.to : link.from
                    guard !visited.contains(other), let item = items[other] else { continue }
                    visited.insert(other)
                    next.append((other, via + (current == code ? [] : [current])))
                    guard item.framework != origin.framework else { continue }
                    found.append(RelatedItem(
                        code: other, framework: item.framework, title: item.title,
                        relation: link.relation, direction: outgoing ? .outgoing : .incoming,
                        source: link.source, via: via + (current == code ? [] : [current])))
                }
            }
            frontier = next
        }
        return found
    }
}
