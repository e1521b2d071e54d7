import Testing
@testable import SynergiaCore

@Suite struct DomainRulesTests {
    @Test func codesAreCanonicalUpperCase() {
        #expect(Code.canonical(" gbf-3 ") == "GBF-3")
        #expect(Code.isWellFormed("SDG-15.3.1"))
        #expect(!Code.isWellFormed("GBF 3"))
        #expect(!Code.isWellFormed(""))
        #expect(!Code.isWellFormed("-GBF"))
    }

    @Test func nationalCodesCarryTheCountry() {
        #expect(NationalTargetRules.canonicalCode("t1", country: "KEN") == "KEN-T1")
        #expect(NationalTargetRules.canonicalCode("ken-t1", country: "KEN") == "KEN-T1")
    }

    @Test func validationRefusesIncoherentTargets() {
        var target = NationalTarget(code: "KEN-T1", title: "Protect", baseline: YearValue(year: 2015, value: 1), target: YearValue(year: 2030, value: 2))
        #expect(throws: Never.self) { try NationalTargetRules.validate(target) }

        target.target = YearValue(year: 2010, value: 2)
        #expect(throws: DomainError.self) { try NationalTargetRules.validate(target) }

        target.target = nil
        #expect(throws: DomainError.self) { try NationalTargetRules.validate(target) }

        target.target = YearValue(year: 2030, value: 1)
        #expect(throws: DomainError.self) { try NationalTargetRules.validate(target) }
        target.direction = .increase
        #expect(throws: Never.self) { try NationalTargetRules.validate(target) }

        target.alignments = [TargetAlignment(globalTarget: "GBF-3", degree: .high), TargetAlignment(globalTarget: "GBF-3", degree: .low)]
        #expect(throws: DomainError.self) { try NationalTargetRules.validate(target) }

        let untitled = NationalTarget(code: "KEN-T2", title: "  ")
        #expect(throws: DomainError.self) { try NationalTargetRules.validate(untitled) }
    }

    @Test func directionIsReadFromBaselineAndTarget() {
        #expect(NationalTarget(code: "A", title: "a", baseline: .init(year: 1, value: 5), target: .init(year: 2, value: 3)).effectiveDirection == .decrease)
        #expect(NationalTarget(code: "A", title: "a", baseline: .init(year: 1, value: 3), target: .init(year: 2, value: 5)).effectiveDirection == .increase)
        #expect(NationalTarget(code: "A", title: "a", baseline: .init(year: 1, value: 3), target: .init(year: 2, value: 3)).effectiveDirection == nil)
    }

    @Test func provenanceRoundTripsThroughItsStoredForm() {
        for provenance in [Provenance.entered(userID: 7), .entered(userID: nil), .imported(fileSHA256: "ab12", row: 4), .computed(runID: 9)] {
            #expect(Provenance(kind: provenance.kind, reference: provenance.reference) == provenance)
        }
        #expect(Provenance(kind: "guessed", reference: nil) == nil)
    }

    @Test func rolesAreOrdered() {
        #expect(WorkspaceRole.viewer < .contributor)
        #expect(WorkspaceRole.focalPoint.canManageMembers)
        #expect(!WorkspaceRole.reviewer.canManageMembers)
        #expect(WorkspaceRole.reviewer.canReview)
        #expect(!WorkspaceRole.viewer.canEditAnswers)
    }
}
