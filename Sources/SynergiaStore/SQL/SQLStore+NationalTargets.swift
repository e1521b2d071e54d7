import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    public func addNationalTarget(_ target: NationalTarget, workspaceID: Int64, context: ChangeContext) async throws -> NationalTarget {
        try NationalTargetRules.validate(target)
        try await checkReferences(target, workspaceID: workspaceID)
        let now = Timestamp.now()
        try await write { db in
            if try await db.select().column("id").from("national_targets")
                .where("workspace_id", .equal, workspaceID).where("code", .equal, target.code).first() != nil {
                throw DomainError.conflict("national target \(target.code) already exists in this workspace; choose another code or edit the existing target")
            }
            let id = try await db.insertReturningID(db.insert(into: "national_targets")
                .columns("workspace_id", "code", "title", "description", "unit", "baseline_year", "baseline_value",
                         "target_year", "target_value", "direction", "measured_by_indicator", "measured_by_disaggregation",
                         "version", "updated_at")
                .values(SQLBind(workspaceID), SQLBind(target.code), SQLBind(target.title), SQLBind(target.description),
                        SQLBind(target.unit), SQLBind(target.baseline?.year), SQLBind(target.baseline?.value),
                        SQLBind(target.target?.year), SQLBind(target.target?.value), SQLBind(target.direction?.rawValue),
                        SQLBind(target.measuredBy?.indicator), SQLBind(target.measuredBy?.disaggregation),
                        SQLBind(1), SQLBind(now)))
            try await Self.writeLinks(db, id: id, target: target)
            try await Self.keepTargetChanges(db, from: nil, to: try await Self.nationalTarget(db, id: id), context: context)
        }
        return try await nationalTarget(workspaceID: workspaceID, code: target.code)!
    }

    /// Saves `target` if the stored version is still `target.version`; refuses a stale save.
    public func updateNationalTarget(_ target: NationalTarget, context: ChangeContext) async throws -> NationalTarget {
        try NationalTargetRules.validate(target)
        try await checkReferences(target, workspaceID: target.workspaceID)
        let now = Timestamp.now()
        try await write { db in
            let old = try await db.select().column("*").from("national_targets")
                .where("workspace_id", .equal, target.workspaceID).where("code", .equal, target.code).first()
            let previous = try await old.asyncMap { try await Self.nationalTarget(db, $0) }
            let updated = try await db.update("national_targets")
                .set("title", to: SQLBind(target.title)).set("description", to: SQLBind(target.description))
                .set("unit", to: SQLBind(target.unit))
                .set("baseline_year", to: SQLBind(target.baseline?.year)).set("baseline_value", to: SQLBind(target.baseline?.value))
                .set("target_year", to: SQLBind(target.target?.year)).set("target_value", to: SQLBind(target.target?.value))
                .set("direction", to: SQLBind(target.direction?.rawValue))
                .set("measured_by_indicator", to: SQLBind(target.measuredBy?.indicator))
                .set("measured_by_disaggregation", to: SQLBind(target.measuredBy?.disaggregation))
                .set("version", to: SQLBind(target.version + 1)).set("updated_at", to: SQLBind(now))
                .where("workspace_id", .equal, target.workspaceID).where("code", .equal, target.code)
                .where("version", .equal, target.version)
                .returning("id").first()
            guard let updated else {
                let current = try await db.select().column("version").from("national_targets")
                    .where("workspace_id", .equal, target.workspaceID).where("code", .equal, target.code).first()
                guard let current else { throw DomainError.notFound("national target \(target.code) does not exist in this workspace") }
                throw DomainError.stale("national target \(target.code) was changed by someone else (now version \(try current.int("version")), your edit was based on version \(target.version)); reload it and apply your change again")
            }
            let id = try updated.int64("id")
            try await db.delete(from: "national_target_alignments").where("national_target_id", .equal, id).run()
            try await db.delete(from: "national_target_indicators").where("national_target_id", .equal, id).run()
            try await Self.writeLinks(db, id: id, target: target)
            try await Self.keepTargetChanges(db, from: previous, to: try await Self.nationalTarget(db, id: id), context: context)
        }
        return try await nationalTarget(workspaceID: target.workspaceID, code: target.code)!
    }

    public func nationalTargets(workspaceID: Int64) async throws -> [NationalTarget] {
        try await read { db in
            let rows = try await db.select().column("*").from("national_targets")
                .where("workspace_id", .equal, workspaceID).orderBy("id").all()
            var result: [NationalTarget] = []
            for row in rows { result.append(try await Self.nationalTarget(db, row)) }
            return result
        }
    }

    /// The codes of a workspace's national targets in the order they were added, without their content.
    public func nationalTargetCodes(workspaceID: Int64) async throws -> [String] {
        try await read { db in
            try await db.select().column("code").from("national_targets").where("workspace_id", .equal, workspaceID)
                .orderBy("id").all().map { try $0.string("code") }
        }
    }

    public func nationalTarget(workspaceID: Int64, code: String) async throws -> NationalTarget? {
        let code = Code.canonical(code)
        return try await read { db in
            guard let row = try await db.select().column("*").from("national_targets")
                .where("workspace_id", .equal, workspaceID).where("code", .equal, code).first() else { return nil }
            return try await Self.nationalTarget(db, row)
        }
    }

    /// Every aligned global target, every linked indicator and the indicator of
    /// the series the target is measured by must exist.
    private func checkReferences(_ target: NationalTarget, workspaceID: Int64) async throws {
        for alignment in target.alignments where try await globalTarget(alignment.globalTarget) == nil {
            throw DomainError.notFound("national target \(target.code): unknown global target '\(alignment.globalTarget)'; use a code such as GBF-3",
                                       remedy: .chooseGlobalTarget(framework: "GBF"))
        }
        let national = Set(try await nationalIndicators(workspaceID: workspaceID).map(\.code))
        let measuredBy = target.measuredBy.map { [$0.indicator] } ?? []
        for code in target.indicators + measuredBy where !national.contains(code) {
            if try await indicator(code) == nil {
                throw DomainError.notFound("national target \(target.code): unknown indicator '\(code)'; use a global indicator code such as GBF-3.1 or define a national one",
                                           remedy: .defineNationalIndicator)
            }
        }
    }

    private static func writeLinks(_ db: any SQLDatabase, id: Int64, target: NationalTarget) async throws {
        for alignment in target.alignments {
            try await db.insert(into: "national_target_alignments").columns("national_target_id", "global_target_code", "degree")
                .values(SQLBind(id), SQLBind(alignment.globalTarget), SQLBind(alignment.degree.rawValue)).run()
        }
        for (position, indicator) in target.indicators.enumerated() {
            try await db.insert(into: "national_target_indicators").columns("national_target_id", "indicator_code", "position")
                .values(SQLBind(id), SQLBind(indicator), SQLBind(position)).run()
        }
    }

    static func nationalTarget(_ db: any SQLDatabase, _ row: any SQLRow) async throws -> NationalTarget {
        let id = try row.int64("id")
        let alignments = try await db.select().columns("global_target_code", "degree").from("national_target_alignments")
            .where("national_target_id", .equal, id).orderBy("global_target_code").all().map { row in
                TargetAlignment(globalTarget: try row.string("global_target_code"),
                                degree: AlignmentDegree(rawValue: try row.string("degree")) ?? .low)
            }
        let indicators = try await db.select().column("indicator_code").from("national_target_indicators")
            .where("national_target_id", .equal, id).orderBy("position").all().map { try $0.string("indicator_code") }
        func yearValue(_ year: String, _ value: String) throws -> YearValue? {
            guard let y = try row.optionalInt(year), let v = try row.optionalDouble(value) else { return nil }
            return YearValue(year: y, value: v)
        }
        return NationalTarget(
            id: id, workspaceID: try row.int64("workspace_id"), code: try row.string("code"),
            title: try row.string("title"), description: try row.string("description"), unit: try row.optionalString("unit"),
            baseline: try yearValue("baseline_year", "baseline_value"), target: try yearValue("target_year", "target_value"),
            direction: try row.optionalString("direction").flatMap(DesiredDirection.init(rawValue:)),
            alignments: alignments, indicators: indicators,
            measuredBy: try row.optionalString("measured_by_indicator").map {
                SeriesBinding(indicator: $0, disaggregation: try row.optionalString("measured_by_disaggregation") ?? "")
            },
            version: try row.int("version"),
            updatedAt: Timestamp.date(try row.string("updated_at")))
    }
}
