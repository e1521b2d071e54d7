import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// Every change to a national target, an alignment or a series value is kept
/// with who, when, channel, before and after; restores write old values back as
/// new changes and refuse what would lose a later edit.
@Suite struct ChangeHistoryTests {
    static let cli = ChangeContext(userID: nil, channel: .cli)

    @Test(arguments: TestDatabase.kinds)
    func targetEditsAreKeptWithBeforeAfterUserAndChannel(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let amina = try await store.createUser(email: "amina@example.org", displayName: "Amina", isSystemAdministrator: false)
            var target = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id,
                                                           context: ChangeContext(userID: amina.id, channel: .web))
            target.title = "Protect 30 % of land"
            target.target = YearValue(year: 2030, value: 30)
            _ = try await store.updateNationalTarget(target, context: Self.cli)

            let history = try await store.targetHistory(workspaceID: kenya.id, code: "ken-t1")
            #expect(history.map(\.subject) == [.nationalTarget, .alignment, .nationalTarget])
            let created = history[0]
            #expect(created.user == "amina@example.org" && created.channel == "web" && created.before == nil)
            #expect(created.after?["title"] == .text("Protect 30 %"))
            #expect(created.after?["baseline"]?.yearValue == YearValue(year: 2015, value: 10))
            #expect(history[1].key == "KEN-T1|GBF-3" && history[1].before == nil && history[1].after == ["degree": .text("high")])
            let edit = history[2]
            #expect(edit.channel == "cli" && edit.user == nil)
            #expect(edit.fieldChanges.map(\.field) == ["title", "target"])
            #expect(edit.before == ["title": .text("Protect 30 %"), "target": HistoryValue.yearValue(YearValue(year: 2030, value: 25))])
            #expect(edit.after == ["title": .text("Protect 30 % of land"), "target": HistoryValue.yearValue(YearValue(year: 2030, value: 30))])
            #expect(edit.fieldChanges[1].before.display() == "25 (2030)" && edit.fieldChanges[1].after.display() == "30 (2030)")

            // A save that changes nothing keeps nothing.
            let unchanged = try #require(try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1"))
            _ = try await store.updateNationalTarget(unchanged, context: Self.cli)
            #expect(try await store.targetHistory(workspaceID: kenya.id, code: "KEN-T1").count == 3)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func alignmentsAddedRemovedAndRegradedAreKeptOneRowEach(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            var target = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: Self.cli)
            target.alignments = [TargetAlignment(globalTarget: "GBF-2", degree: .low), TargetAlignment(globalTarget: "GBF-3", degree: .medium)]
            target = try await store.updateNationalTarget(target, context: Self.cli)
            target.alignments = [TargetAlignment(globalTarget: "GBF-3", degree: .medium)]
            _ = try await store.updateNationalTarget(target, context: ChangeContext(userID: nil, channel: .api))

            let alignments = try await store.targetHistory(workspaceID: kenya.id, code: "KEN-T1").filter { $0.subject == .alignment }
            #expect(alignments.map(\.key) == ["KEN-T1|GBF-3", "KEN-T1|GBF-2", "KEN-T1|GBF-3", "KEN-T1|GBF-2"])
            #expect(alignments.map(\.action) == ["added", "added", "changed", "removed"])
            #expect(alignments[2].before == ["degree": .text("high")] && alignments[2].after == ["degree": .text("medium")])
            #expect(alignments[3].before == ["degree": .text("low")] && alignments[3].after == nil && alignments[3].channel == "api")
            // Only alignment rows: the target's own fields did not change.
            #expect(try await store.targetHistory(workspaceID: kenya.id, code: "KEN-T1").filter { $0.subject == .nationalTarget }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func observationsReplacedByAnImportAndByARunAreKeptWithTheirChannel(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            _ = try await store.record([Fixtures.observation(2020, 12.5)], workspaceID: kenya.id, replace: false, context: Self.cli)
            let csv = Data("indicator,year,value,unit,source\nGBF-3.1,2020,13.25,percent,KWS register 2021\n".utf8)
            let inputs = try ObservationCSV.parse(csv, fileName: "kws.csv")
            _ = try await store.record(inputs, workspaceID: kenya.id, replace: true,
                                       context: ChangeContext(userID: nil, channel: .fileImport, note: "kws.csv (cli)"))
            let run = try await store.recordRun(ComputationRun(workspaceID: kenya.id, engine: "coverage", inputs: [], options: [:],
                                                               softwareVersion: "test", startedAt: Date(), durationMilliseconds: 1, warnings: []),
                                                results: [Fixtures.observation(2020, 14.75)])

            let history = try await store.seriesHistory(workspaceID: kenya.id, indicator: "gbf-3.1", disaggregation: "")
            #expect(history.map(\.key) == ["GBF-3.1||2020", "GBF-3.1||2020", "GBF-3.1||2020"])
            #expect(history.map(\.channel) == ["cli", "import", "run"])
            #expect(history.map(\.note) == [nil, "kws.csv (cli)", "coverage run \(run.id)"])
            #expect(history[0].before == nil && history[0].after?["value"] == .number(12.5))
            #expect(history[1].before?["value"] == .number(12.5) && history[1].after?["value"] == .number(13.25))
            #expect(history[1].after?["provenance"] == .text("imported") && history[1].after?["source"] == .text("KWS register 2021"))
            #expect(history[2].before?["value"] == .number(13.25) && history[2].after?["value"] == .number(14.75))
            #expect(history[2].after?["provenance"] == .text("computed") && history[2].after?["reference"] == .text(String(run.id)))
            // Another disaggregation's history is its own.
            #expect(try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "realm=land").isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aRestoredSeriesValueIsBackAndTheHistoryKeepsBoth(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            _ = try await store.record([Fixtures.observation(2020, 12.5)], workspaceID: kenya.id, replace: false, context: Self.cli)
            _ = try await store.record([Fixtures.observation(2020, 99)], workspaceID: kenya.id, replace: true, context: Self.cli)
            let mistake = try #require(try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "").last)

            let restored = try await store.restore(changeID: mistake.id, workspaceID: kenya.id, force: false,
                                                   context: ChangeContext(userID: nil, channel: .web))
            let series = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: ""))
            #expect(series.observations.map(\.value) == [12.5])
            let history = try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "")
            #expect(history.count == 3)
            #expect(history.last == restored.first && restored.count == 1)
            #expect(history[2].channel == "restore" && history[2].note == "restores change \(mistake.id) (web)")
            #expect(history[2].before?["value"] == .number(99) && history[2].after?["value"] == .number(12.5))

            // Restoring the first change (the value added) removes the value again, also kept.
            try await store.restore(changeID: history[0].id, workspaceID: kenya.id, force: true, context: Self.cli)
            #expect(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "")?.observations == [])
            let removal = try #require(try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "").last)
            #expect(removal.action == "removed" && removal.before?["value"] == .number(12.5))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aRestoredTargetFieldAndAlignmentAreWrittenBackAsNewChanges(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            var target = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: Self.cli)
            target.target = YearValue(year: 2030, value: 40)
            target.alignments = []
            _ = try await store.updateNationalTarget(target, context: Self.cli)
            let history = try await store.targetHistory(workspaceID: kenya.id, code: "KEN-T1")
            let valueEdit = try #require(history.last { $0.subject == .nationalTarget })
            let removal = try #require(history.last { $0.subject == .alignment })

            try await store.restore(changeID: valueEdit.id, workspaceID: kenya.id, force: false, context: Self.cli)
            try await store.restore(changeID: removal.id, workspaceID: kenya.id, force: false, context: Self.cli)
            let restored = try #require(try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1"))
            #expect(restored.target == YearValue(year: 2030, value: 25))
            #expect(restored.alignments == [TargetAlignment(globalTarget: "GBF-3", degree: .high)])
            #expect(restored.version == 4)
            let after = try await store.targetHistory(workspaceID: kenya.id, code: "KEN-T1")
            #expect(after.count == history.count + 2)
            #expect(after.suffix(2).map(\.channel) == ["restore", "restore"])
            #expect(after.suffix(2).map(\.note) == ["restores change \(valueEdit.id) (cli)", "restores change \(removal.id) (cli)"])
            #expect(after[after.count - 2].after == ["target": HistoryValue.yearValue(YearValue(year: 2030, value: 25))])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func refusedRestoresLeaveTheDatabaseUnchanged(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let france = try await store.createWorkspace(country: "FRA", name: nil, conventions: ["CBD"])
            _ = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: Self.cli)
            for value in [12.5, 13.0, 14.0] {
                _ = try await store.record([Fixtures.observation(2020, value)], workspaceID: kenya.id, replace: true, context: Self.cli)
            }
            let series = try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "")
            let targetHistory = try await store.targetHistory(workspaceID: kenya.id, code: "KEN-T1")
            func unchanged() async throws {
                #expect(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "")?.observations.map(\.value) == [14])
                #expect(try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "") == series)
                #expect(try await store.targetHistory(workspaceID: kenya.id, code: "KEN-T1") == targetHistory)
                #expect(try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1")?.version == 1)
            }

            // A change of another workspace is not found there.
            let elsewhere = await #expect(throws: DomainError.self) {
                try await store.restore(changeID: series[1].id, workspaceID: france.id, force: true, context: Self.cli)
            }
            #expect(elsewhere == .notFound("no change \(series[1].id) in this workspace's history"))

            // The value changed after the change restored: refused, naming the value as it now stands.
            let stale = await #expect(throws: StaleRestore.self) {
                try await store.restore(changeID: series[1].id, workspaceID: kenya.id, force: false, context: Self.cli)
            }
            #expect(stale?.description == "the 2020 value of GBF-3.1 changed after change \(series[1].id): value is now 14, not 13")
            #expect(stale?.current?["value"] == .number(14))

            // Restoring the creation of a target would delete it.
            let creation = await #expect(throws: DomainError.self) {
                try await store.restore(changeID: targetHistory[0].id, workspaceID: kenya.id, force: true, context: Self.cli)
            }
            #expect(creation?.message == "change \(targetHistory[0].id) created national target KEN-T1; restoring it would delete the target, so restore one of its later changes instead")
            try await unchanged()

            // The value deleted since: the change that set it cannot be restored, even forced.
            try await store.restore(changeID: series[0].id, workspaceID: kenya.id, force: true, context: Self.cli)
            let afterDeletion = try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "")
            let deleted = await #expect(throws: DomainError.self) {
                try await store.restore(changeID: series[2].id, workspaceID: kenya.id, force: true, context: Self.cli)
            }
            #expect(deleted == .notFound("the 2020 value of GBF-3.1 was deleted after change \(series[2].id); restore the change that deleted it to bring it back"))
            #expect(try await store.seriesHistory(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "") == afterDeletion)
            #expect(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "")?.observations == [])
        }
    }
}
