import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// The series a national target is measured by is stored with the target,
/// changed or removed by an update, and refused when its indicator is unknown
/// or its disaggregation malformed, nothing stored.
@Suite struct TargetSeriesBindingTests {
    static let cli = ChangeContext(userID: nil, channel: .cli)

    @Test(arguments: TestDatabase.kinds)
    func theBindingIsStoredChangedAndRemoved(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            var target = Fixtures.protectTarget()
            target.measuredBy = SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land")
            let saved = try await store.addNationalTarget(target, workspaceID: kenya.id, context: Self.cli)
            #expect(saved.measuredBy == SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land"))
            #expect(try await store.nationalTargets(workspaceID: kenya.id).first?.measuredBy == saved.measuredBy)

            var changed = saved
            changed.measuredBy = SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land;site_type=PA")
            let updated = try await store.updateNationalTarget(changed, context: Self.cli)
            #expect(updated.measuredBy == SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land;site_type=PA"))
            #expect(updated.version == 2)

            // The whole-country series named explicitly is kept as such, not as "no binding".
            var whole = updated
            whole.measuredBy = SeriesBinding(indicator: "GBF-3.1")
            #expect(try await store.updateNationalTarget(whole, context: Self.cli).measuredBy == SeriesBinding(indicator: "GBF-3.1", disaggregation: ""))

            var unbound = try #require(try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1"))
            unbound.measuredBy = nil
            #expect(try await store.updateNationalTarget(unbound, context: Self.cli).measuredBy == nil)
            #expect(try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1")?.measuredBy == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anUnknownIndicatorOrAMalformedDisaggregationIsRefusedAndNothingStored(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            var target = Fixtures.protectTarget()
            target.measuredBy = SeriesBinding(indicator: "GBF-9.9", disaggregation: "realm=land")
            let unknown = await #expect(throws: DomainError.self) { try await store.addNationalTarget(target, workspaceID: kenya.id, context: Self.cli) }
            #expect(unknown?.kind == .notFound)
            #expect(unknown?.message == "national target KEN-T1: unknown indicator 'GBF-9.9'; use a global indicator code such as GBF-3.1 or define a national one")
            #expect(try await store.nationalTargets(workspaceID: kenya.id).isEmpty)

            let saved = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: Self.cli)
            var malformed = saved
            malformed.measuredBy = SeriesBinding(indicator: "GBF-3.1", disaggregation: "land")
            let refused = await #expect(throws: DomainError.self) { try await store.updateNationalTarget(malformed, context: Self.cli) }
            #expect(refused == DomainError.invalid("national target KEN-T1: the disaggregation 'land' is not key=value pairs joined by ';' (at 'land'); write it as the series is recorded, e.g. realm=land"))
            #expect(try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1") == saved)
        }
    }
}
