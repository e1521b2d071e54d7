import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    public func defineNationalIndicator(_ indicator: NationalIndicator, workspaceID: Int64) async throws {
        try indicator.validate()
        if try await self.indicator(indicator.code) != nil {
            throw DomainError.conflict("\(indicator.code) is a global indicator code; national indicators need their own code such as KEN-I1")
        }
        try await write { db in
            if try await db.select().column("id").from("national_indicators")
                .where("workspace_id", .equal, workspaceID).where("code", .equal, indicator.code).first() != nil {
                throw DomainError.conflict("national indicator \(indicator.code) already exists in this workspace")
            }
            try await db.insert(into: "national_indicators").columns("workspace_id", "code", "title", "unit")
                .values(SQLBind(workspaceID), SQLBind(indicator.code), SQLBind(indicator.title), SQLBind(indicator.unit)).run()
        }
    }

    public func nationalIndicators(workspaceID: Int64) async throws -> [NationalIndicator] {
        try await read { db in
            try await db.select().columns("code", "title", "unit").from("national_indicators")
                .where("workspace_id", .equal, workspaceID).orderBy("code").all().map { row in
                    NationalIndicator(code: try row.string("code"), title: try row.string("title"), unit: try row.string("unit"))
                }
        }
    }

    /// Stores all observations in one transaction, or none, each one added or
    /// replaced kept in the history with `context`. An observation for a year
    /// the series already has is refused unless `replace` is set.
    public func record(_ inputs: [ObservationInput], workspaceID: Int64, replace: Bool, context: ChangeContext) async throws -> RecordSummary {
        try await checkObservations(inputs, workspaceID: workspaceID)
        return try await write { db in try await Self.store(inputs, db: db, workspaceID: workspaceID, replace: replace, context: context) }
    }

    /// Every indicator exists and every observation passes `ObservationRules`, before anything is written.
    func checkObservations(_ inputs: [ObservationInput], workspaceID: Int64) async throws {
        let known = try await knownIndicatorUnits(workspaceID: workspaceID, codes: Set(inputs.map(\.indicator)))
        for input in inputs {
            guard known[input.indicator] != nil else {
                throw DomainError.notFound("unknown indicator '\(input.indicator)'; use a global indicator code such as GBF-3.1 or define a national one",
                                           remedy: .defineNationalIndicator)
            }
            try ObservationRules.validate(input)
        }
    }

    /// Upserts observations inside the caller's transaction, keeping each change in the history.
    static func store(_ inputs: [ObservationInput], db: any SQLDatabase, workspaceID: Int64, replace: Bool, context: ChangeContext) async throws -> RecordSummary {
        var summary = RecordSummary()
        var seriesIDs: [String: Int64] = [:]
        for input in inputs {
            let key = "\(input.indicator)|\(input.disaggregation)"
            let seriesID: Int64
            if let cached = seriesIDs[key] {
                seriesID = cached
            } else {
                seriesID = try await Self.seriesID(db, workspaceID: workspaceID, input: input)
                seriesIDs[key] = seriesID
            }
            let observation = input.observation
            let existing = try await db.select().columns("id", "value", "source", "provenance_kind", "provenance_ref").from("observations")
                .where("series_id", .equal, seriesID).where("year", .equal, observation.year).first()
            if let existing {
                if try existing.double("value") == observation.value, try existing.string("source") == observation.source,
                   try existing.string("provenance_kind") == observation.provenance.kind,
                   try existing.optionalString("provenance_ref") == observation.provenance.reference || observation.provenance.kind != "computed" {
                    summary.unchanged += 1
                    continue
                }
                guard replace else {
                    throw DomainError.conflict("\(input.indicator) already has a value for \(observation.year) (\(try existing.double("value")))",
                                               remedy: .allowReplacing)
                }
                try await db.update("observations")
                    .set("value", to: SQLBind(observation.value)).set("source", to: SQLBind(observation.source))
                    .set("provenance_kind", to: SQLBind(observation.provenance.kind))
                    .set("provenance_ref", to: SQLBind(observation.provenance.reference))
                    .set("run_id", to: SQLBind(Self.runID(observation.provenance)))
                    .set("recorded_at", to: SQLBind(Timestamp.string(observation.recordedAt)))
                    .where("id", .equal, try existing.int64("id")).run()
                try await keepObservationChange(db, workspaceID: workspaceID, input: input, before: try Self.observationFields(existing, unit: input.unit),
                                                context: context)
                summary.replaced += 1
            } else {
                try await db.insert(into: "observations")
                    .columns("series_id", "year", "value", "source", "provenance_kind", "provenance_ref", "run_id", "recorded_at")
                    .values(SQLBind(seriesID), SQLBind(observation.year), SQLBind(observation.value), SQLBind(observation.source),
                            SQLBind(observation.provenance.kind), SQLBind(observation.provenance.reference),
                            SQLBind(Self.runID(observation.provenance)), SQLBind(Timestamp.string(observation.recordedAt)))
                    .run()
                try await keepObservationChange(db, workspaceID: workspaceID, input: input, before: nil, context: context)
                summary.added += 1
            }
        }
        return summary
    }

    public func series(workspaceID: Int64) async throws -> [IndicatorSeries] {
        try await read { db in
            let rows = try await db.select().column("*").from("indicator_series")
                .where("workspace_id", .equal, workspaceID).orderBy("indicator_code").orderBy("disaggregation").all()
            var result: [IndicatorSeries] = []
            for row in rows { result.append(try await Self.series(db, row)) }
            return result
        }
    }

    public func series(workspaceID: Int64, indicator: String, disaggregation: String) async throws -> IndicatorSeries? {
        try await read { db in
            guard let row = try await db.select().column("*").from("indicator_series")
                .where("workspace_id", .equal, workspaceID).where("indicator_code", .equal, Code.canonical(indicator))
                .where("disaggregation", .equal, disaggregation).first() else { return nil }
            return try await Self.series(db, row)
        }
    }

    /// Units of the global and national indicators among `codes` that exist.
    private func knownIndicatorUnits(workspaceID: Int64, codes: Set<String>) async throws -> [String: String] {
        var units: [String: String] = [:]
        for national in try await nationalIndicators(workspaceID: workspaceID) where codes.contains(national.code) {
            units[national.code] = national.unit
        }
        for code in codes where units[code] == nil {
            if let global = try await indicator(code) { units[code] = global.unit }
        }
        return units
    }

    /// The series' id, creating it on first use; refuses a unit that differs from the series'.
    private static func seriesID(_ db: any SQLDatabase, workspaceID: Int64, input: ObservationInput) async throws -> Int64 {
        if let row = try await db.select().columns("id", "unit").from("indicator_series")
            .where("workspace_id", .equal, workspaceID).where("indicator_code", .equal, input.indicator)
            .where("disaggregation", .equal, input.disaggregation).first() {
            let unit = try row.string("unit")
            guard unit == input.unit else {
                throw DomainError.invalid("\(input.indicator)\(input.disaggregation.isEmpty ? "" : " [\(input.disaggregation)]") is recorded in \(unit), not \(input.unit); convert the value or use the series' unit")
            }
            return try row.int64("id")
        }
        return try await db.insertReturningID(db.insert(into: "indicator_series")
            .columns("workspace_id", "indicator_code", "unit", "disaggregation")
            .values(SQLBind(workspaceID), SQLBind(input.indicator), SQLBind(input.unit), SQLBind(input.disaggregation)))
    }

    private static func runID(_ provenance: Provenance) -> Int64? {
        if case .computed(let runID) = provenance { return runID }
        return nil
    }

    static func series(_ db: any SQLDatabase, _ row: any SQLRow) async throws -> IndicatorSeries {
        let id = try row.int64("id")
        let observations = try await db.select().column("*").from("observations")
            .where("series_id", .equal, id).orderBy("year").all().map { row in
                let kind = try row.string("provenance_kind")
                let provenance = Provenance(kind: kind, reference: try row.optionalString("provenance_ref")) ?? .entered(userID: nil)
                return Observation(year: try row.int("year"), value: try row.double("value"), source: try row.string("source"),
                                   provenance: provenance, recordedAt: Timestamp.date(try row.string("recorded_at")))
            }
        return IndicatorSeries(id: id, workspaceID: try row.int64("workspace_id"), indicator: try row.string("indicator_code"),
                               unit: try row.string("unit"), disaggregation: try row.string("disaggregation"), observations: observations)
    }

    /// Keeps an observation added or replaced by `input`.
    private static func keepObservationChange(_ db: any SQLDatabase, workspaceID: Int64, input: ObservationInput,
                                              before: [String: HistoryValue]?, context: ChangeContext) async throws {
        let scope = "\(input.indicator)|\(input.disaggregation)"
        let key = HistoryFields.observationKey(indicator: input.indicator, disaggregation: input.disaggregation, year: input.observation.year)
        try await keepChange(db, workspaceID: workspaceID, subject: .observation, key: key, scope: scope,
                             before: before, after: HistoryFields.observation(input.observation, unit: input.unit), context: context)
    }

    /// An observation row's fields as the history keeps them.
    static func observationFields(_ row: any SQLRow, unit: String) throws -> [String: HistoryValue] {
        ["value": .number(try row.double("value")), "unit": .text(unit), "source": .text(try row.string("source")),
         "provenance": .text(try row.string("provenance_kind")), "reference": .optional(try row.optionalString("provenance_ref"))]
    }
}
