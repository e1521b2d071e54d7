import Foundation
import Testing
import SynergiaCore

/// The rules the store applies before it writes, decided here without a database.
@Suite struct RecordingRulesTests {
    func input(_ year: Int, _ value: Double, unit: String = "percent", source: String = "WDPA") -> ObservationInput {
        ObservationInput(indicator: "GBF-3.1", unit: unit, observation: Observation(year: year, value: value, source: source, provenance: .entered(userID: nil)))
    }

    func refusal(_ body: () throws -> Void) -> DomainError? {
        do { try body(); return nil } catch let error as DomainError { return error } catch { return nil }
    }

    @Test func anObservationNeedsAFiniteValueAndAYearFrom1900To2100() {
        #expect(refusal { try ObservationRules.validate(input(2020, 12.5)) } == nil)
        #expect(refusal { try ObservationRules.validate(input(1900, 0)) } == nil)
        #expect(refusal { try ObservationRules.validate(input(2020, .nan)) } == .invalid("GBF-3.1 2020: the value must be a finite number"))
        #expect(refusal { try ObservationRules.validate(input(2020, .infinity)) } == .invalid("GBF-3.1 2020: the value must be a finite number"))
        #expect(refusal { try ObservationRules.validate(input(1899, 1)) } == .invalid("GBF-3.1: year 1899 is outside 1900–2100"))
        #expect(refusal { try ObservationRules.validate(input(2101, 1)) } == .invalid("GBF-3.1: year 2101 is outside 1900–2100"))
        #expect(refusal { try ObservationRules.validate(input(2020, 1, unit: "per\u{7}cent")) }?.message.hasPrefix("GBF-3.1 2020: ") == true)
    }

    @Test func aNationalIndicatorNeedsAWellFormedCodeAndAUnit() {
        let message = "national indicator 'KEN I1': give a code of letters, digits, '-', '.' (e.g. KEN-I1) and a unit"
        #expect(refusal { try NationalIndicator(code: "KEN-I1", title: "Wetlands", unit: "ha").validate() } == nil)
        #expect(refusal { try NationalIndicator(code: "KEN I1", title: "Wetlands", unit: "ha").validate() } == .invalid(message))
        #expect(refusal { try NationalIndicator(code: "KEN-I1", title: "Wetlands", unit: "").validate() }?.kind == .invalid)
    }

    @Test func anEmailAddressIsTrimmedLowerCasedAndNeedsAnAtBetweenTwoParts() throws {
        #expect(try EmailAddress.validated("  Focal.Point@Ministry.Example ") == "focal.point@ministry.example")
        #expect(EmailAddress.canonical(" A@B ") == "a@b")
        for text in ["nobody", "@ministry.example", "name@"] {
            #expect(refusal { _ = try EmailAddress.validated(text) } == .invalid("'\(text)' is not an e-mail address; give one such as name@ministry.example"))
        }
    }

    @Test func aBlankCommentIsRefused() {
        #expect(refusal { try ReportComment.checkBody(" \n\t") } == .invalid("the comment is empty"))
        #expect(refusal { try ReportComment.checkBody("Please cite the source") } == nil)
    }
}
