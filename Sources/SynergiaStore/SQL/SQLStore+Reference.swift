import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// Writes the whole reference set in one transaction; running it again with
    /// the same data changes nothing.
    public func seedReference(_ set: ReferenceSet) async throws -> SeedSummary {
        try await write { db in
            var summary = SeedSummary()
            for country in set.countries {
                try await db.insert(into: "countries")
                    .columns("alpha3", "alpha2", "numeric_code", "name", "official_name")
                    .values(SQLBind(country.alpha3), SQLBind(country.alpha2), SQLBind(country.numeric), SQLBind(country.name), SQLBind(country.officialName))
                    .onConflict(with: ["alpha3"]) { $0.set(excludedValueOf: "alpha2").set(excludedValueOf: "numeric_code").set(excludedValueOf: "name").set(excludedValueOf: "official_name") }
                    .run()
                summary.countries += 1
            }
            // Parents first so a protocol's parent exists when it is written.
            for convention in set.conventions.sorted(by: { ($0.parent == nil ? 0 : 1) < ($1.parent == nil ? 0 : 1) }) {
                try await db.insert(into: "conventions")
                    .columns("code", "name", "kind", "parent_code", "adopted_year", "in_force_year", "source")
                    .values(SQLBind(convention.code), SQLBind(convention.name), SQLBind(convention.kind.rawValue), SQLBind(convention.parent), SQLBind(convention.adoptedYear), SQLBind(convention.inForceYear), SQLBind(convention.source))
                    .onConflict(with: ["code"]) { $0.set(excludedValueOf: "name").set(excludedValueOf: "kind").set(excludedValueOf: "parent_code").set(excludedValueOf: "adopted_year").set(excludedValueOf: "in_force_year").set(excludedValueOf: "source") }
                    .run()
                summary.conventions += 1
            }
            for (frameworkPosition, content) in set.frameworks.enumerated() {
                let framework = content.framework
                try await db.insert(into: "frameworks")
                    .columns("code", "name", "convention_code", "start_year", "end_year", "source", "position")
                    .values(SQLBind(framework.code), SQLBind(framework.name), SQLBind(framework.convention), SQLBind(framework.startYear), SQLBind(framework.endYear), SQLBind(framework.source), SQLBind(frameworkPosition))
                    .onConflict(with: ["code"]) { $0.set(excludedValueOf: "name").set(excludedValueOf: "convention_code").set(excludedValueOf: "start_year").set(excludedValueOf: "end_year").set(excludedValueOf: "source").set(excludedValueOf: "position") }
                    .run()
                summary.frameworks += 1
                for (position, goal) in content.goals.enumerated() {
                    try await db.insert(into: "goals")
                        .columns("code", "framework_code", "title", "body", "source", "position")
                        .values(SQLBind(goal.code), SQLBind(goal.framework), SQLBind(goal.title), SQLBind(goal.text), SQLBind(goal.source), SQLBind(position))
                        .onConflict(with: ["code"]) { $0.set(excludedValueOf: "framework_code").set(excludedValueOf: "title").set(excludedValueOf: "body").set(excludedValueOf: "source").set(excludedValueOf: "position") }
                        .run()
                    summary.goals += 1
                }
                for (position, target) in content.targets.enumerated() {
                    try await db.insert(into: "targets")
                        .columns("code", "framework_code", "goal_code", "number", "title", "body", "source", "position")
                        .values(SQLBind(target.code), SQLBind(target.framework), SQLBind(target.goal), SQLBind(target.number), SQLBind(target.title), SQLBind(target.text), SQLBind(target.source), SQLBind(position))
                        .onConflict(with: ["code"]) { $0.set(excludedValueOf: "framework_code").set(excludedValueOf: "goal_code").set(excludedValueOf: "number").set(excludedValueOf: "title").set(excludedValueOf: "body").set(excludedValueOf: "source").set(excludedValueOf: "position") }
                        .run()
                    summary.targets += 1
                }
                for (position, indicator) in content.indicators.enumerated() {
                    try await db.insert(into: "indicators")
                        .columns("code", "framework_code", "kind", "title", "unit", "source", "position")
                        .values(SQLBind(indicator.code), SQLBind(framework.code), SQLBind(indicator.kind.rawValue), SQLBind(indicator.title), SQLBind(indicator.unit), SQLBind(indicator.source), SQLBind(position))
                        .onConflict(with: ["code"]) { $0.set(excludedValueOf: "framework_code").set(excludedValueOf: "kind").set(excludedValueOf: "title").set(excludedValueOf: "unit").set(excludedValueOf: "source").set(excludedValueOf: "position") }
                        .run()
                    try await db.delete(from: "indicator_targets").where("indicator_code", .equal, indicator.code).run()
                    for item in indicator.targets {
                        try await db.insert(into: "indicator_targets").columns("indicator_code", "item_code")
                            .values(SQLBind(indicator.code), SQLBind(item)).run()
                    }
                    summary.indicators += 1
                }
            }
            // Links have no identity of their own: the data files are the whole truth.
            try await db.delete(from: "crosswalk_links").run()
            for link in set.crosswalk {
                try await db.insert(into: "crosswalk_links")
                    .columns("from_code", "to_code", "relation", "source", "note")
                    .values(SQLBind(link.from), SQLBind(link.to), SQLBind(link.relation.rawValue), SQLBind(link.source), SQLBind(link.note))
                    .run()
                summary.crosswalkLinks += 1
            }
            return summary
        }
    }

    public func countries() async throws -> [Country] {
        try await read { db in
            try await db.select().column("*").from("countries").orderBy("alpha3").all().map(Self.country)
        }
    }

    /// By alpha-3 or alpha-2 code, any case.
    public func country(_ code: String) async throws -> Country? {
        let code = Code.canonical(code)
        return try await read { db in
            try await db.select().column("*").from("countries")
                .where("alpha3", .equal, code).orWhere("alpha2", .equal, code)
                .first().map(Self.country)
        }
    }

    public func conventions() async throws -> [Convention] {
        try await read { db in
            try await db.select().column("*").from("conventions").orderBy("code").all().map { row in
                Convention(code: try row.string("code"), name: try row.string("name"),
                           kind: Convention.Kind(rawValue: try row.string("kind")) ?? .convention,
                           parent: try row.optionalString("parent_code"), adoptedYear: try row.optionalInt("adopted_year"),
                           inForceYear: try row.optionalInt("in_force_year"), source: try row.string("source"))
            }
        }
    }

    public func frameworks() async throws -> [Framework] {
        try await read { db in
            try await db.select().column("*").from("frameworks").orderBy("position").all().map(Self.framework)
        }
    }

    public func frameworkContent(_ code: String) async throws -> FrameworkContent? {
        let code = Code.canonical(code)
        return try await read { db in
            guard let row = try await db.select().column("*").from("frameworks").where("code", .equal, code).first() else { return nil }
            let goals = try await db.select().column("*").from("goals").where("framework_code", .equal, code).orderBy("position").all().map(Self.goal)
            let targets = try await db.select().column("*").from("targets").where("framework_code", .equal, code).orderBy("position").all().map(Self.target)
            let indicatorRows = try await db.select().column("*").from("indicators").where("framework_code", .equal, code).orderBy("position").all()
            let measured = try await Self.indicatorTargets(db, codes: try indicatorRows.map { try $0.string("code") })
            let indicators = try indicatorRows.map { try Self.indicator($0, targets: measured) }
            return FrameworkContent(framework: try Self.framework(row), goals: goals, targets: targets, indicators: indicators)
        }
    }

    /// The codes of a framework's goals or targets in their order, without their content.
    public func itemCodes(framework: String, _ kind: FrameworkItemKind) async throws -> [String] {
        let table = switch kind {
        case .goals: "goals"
        case .targets: "targets"
        }
        return try await read { db in
            try await db.select().column("code").from(table).where("framework_code", .equal, Code.canonical(framework))
                .orderBy("position").all().map { try $0.string("code") }
        }
    }

    public func globalTarget(_ code: String) async throws -> GlobalTarget? {
        let code = Code.canonical(code)
        return try await read { db in
            try await db.select().column("*").from("targets").where("code", .equal, code).first().map(Self.target)
        }
    }

    public func indicator(_ code: String) async throws -> Indicator? {
        let code = Code.canonical(code)
        return try await read { db in
            guard let row = try await db.select().column("*").from("indicators").where("code", .equal, code).first() else { return nil }
            return try Self.indicator(row, targets: try await Self.indicatorTargets(db, codes: [code]))
        }
    }

    public func crosswalkLinks() async throws -> [CrosswalkLink] {
        try await read { db in
            try await db.select().column("*").from("crosswalk_links").orderBy("id").all().map { row in
                CrosswalkLink(from: try row.string("from_code"), to: try row.string("to_code"),
                              relation: CrosswalkRelation(rawValue: try row.string("relation")) ?? .partial,
                              source: try row.string("source"), note: try row.optionalString("note"))
            }
        }
    }

    /// Every goal and target of every framework, for walking crosswalks.
    public func crosswalkItems() async throws -> [CrosswalkGraph.Item] {
        try await read { db in
            var items: [CrosswalkGraph.Item] = []
            for table in ["goals", "targets"] {
                for row in try await db.select().columns("code", "framework_code", "title").from(table).all() {
                    items.append(.init(code: try row.string("code"), framework: try row.string("framework_code"), title: try row.string("title")))
                }
            }
            return items
        }
    }

    // MARK: rows

    static func country(_ row: any SQLRow) throws -> Country {
        Country(alpha2: try row.string("alpha2"), alpha3: try row.string("alpha3"), numeric: try row.string("numeric_code"),
                name: try row.string("name"), officialName: try row.optionalString("official_name"))
    }

    static func framework(_ row: any SQLRow) throws -> Framework {
        Framework(code: try row.string("code"), name: try row.string("name"), convention: try row.optionalString("convention_code"),
                  startYear: try row.optionalInt("start_year"), endYear: try row.optionalInt("end_year"), source: try row.string("source"))
    }

    static func goal(_ row: any SQLRow) throws -> Goal {
        Goal(code: try row.string("code"), framework: try row.string("framework_code"), title: try row.string("title"),
             text: try row.optionalString("body"), source: try row.string("source"))
    }

    static func target(_ row: any SQLRow) throws -> GlobalTarget {
        GlobalTarget(code: try row.string("code"), framework: try row.string("framework_code"), goal: try row.optionalString("goal_code"),
                     number: try row.string("number"), title: try row.string("title"), text: try row.optionalString("body"),
                     source: try row.string("source"))
    }

    static func indicator(_ row: any SQLRow, targets: [String: [String]]) throws -> Indicator {
        let code = try row.string("code")
        return Indicator(code: code, framework: try row.string("framework_code"),
                         kind: Indicator.Kind(rawValue: try row.string("kind")) ?? .complementary,
                         title: try row.string("title"), unit: try row.string("unit"),
                         targets: targets[code] ?? [], source: try row.string("source"))
    }

    static func indicatorTargets(_ db: any SQLDatabase, codes: [String]) async throws -> [String: [String]] {
        guard !codes.isEmpty else { return [:] }
        var result: [String: [String]] = [:]
        let rows = try await db.select().columns("indicator_code", "item_code").from("indicator_targets")
            .where("indicator_code", .in, codes).orderBy("item_code").all()
        for row in rows { result[try row.string("indicator_code"), default: []].append(try row.string("item_code")) }
        return result
    }
}

public enum FrameworkItemKind: Sendable {
    case goals, targets
}
