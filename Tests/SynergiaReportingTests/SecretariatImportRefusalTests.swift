import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// A document in a secretariat's shape that does not fit the report is refused as a whole,
/// naming the key or code, its place and the fix; nothing is stored.
@Suite struct SecretariatImportRefusalTests {
    static func refusal(_ kind: DatabaseKind, _ document: String, template: String = "cbd-7nr") async throws -> (message: String, unchanged: Bool) {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let report = try await f.service.create(workspace: f.workspace, templateID: template, actor: f.focalPoint)
            let before = try await store.answers(reportID: report.id)
            do {
                _ = try await f.service.planSecretariatImport(reportID: report.id, data: Data(document.utf8))
                return ("no refusal", false)
            } catch let error as DomainError {
                #expect(error.kind == .invalid)
                return (error.message, try await store.answers(reportID: report.id) == before)
            }
        }
    }

    static let ortHeader = #""header": {"identifier": "5D1C2B9E-0A4F-5B6C-8D7E-1F2A3B4C5D6E", "schema": "nationalReport7", "languages": ["en"]}"#

    @Test(arguments: TestDatabase.kinds)
    func anUnknownORTKeyIsRefusedByItsPlace(kind: DatabaseKind) async throws {
        let (message, unchanged) = try await Self.refusal(kind, """
            {\(Self.ortHeader), "government": {"identifier": "ke"},
             "binaryResponseGoalB": {"indicator": {"identifier": "KMGBF-INDICATOR-BIN-B"}, "responses": {"b_1": "fully", "b_9": "no"}}}
            """)
        #expect(message == "nothing was imported; fix these keys and import again:\nbinaryResponseGoalB.responses.b_9: 'b_9' is no ORT key of cbd-7nr version 2; remove it or check the template's keys (docs/secretariat-exports.md)")
        #expect(unchanged)
    }

    @Test(arguments: TestDatabase.kinds)
    func aCodeTheQuestionDoesNotOfferIsRefusedWithTheCodesItDoes(kind: DatabaseKind) async throws {
        let (message, unchanged) = try await Self.refusal(kind, """
            {\(Self.ortHeader), "government": {"identifier": "ke"},
             "binaryResponseTarget6": {"indicator": {"identifier": "KMGBF-INDICATOR-BIN-6"}, "responses": {"6_1": "notApplicable"}}}
            """)
        #expect(message.hasPrefix("nothing was imported; fix these places in the file and import again:\nbinaryResponseTarget6.responses.6_1: 'notApplicable' is not among the ort codes of question bin_6_1; use one of no, underDevelopment, partially, fully"))
        #expect(unchanged)
    }

    @Test(arguments: TestDatabase.kinds)
    func anotherCountrysORTDocumentIsRefused(kind: DatabaseKind) async throws {
        let (message, unchanged) = try await Self.refusal(kind, "{\(Self.ortHeader), \"government\": {\"identifier\": \"tz\"}}")
        #expect(message.hasPrefix("government.identifier is 'tz' but report "))
        #expect(message.hasSuffix(" is KEN ('ke'); import the document into a report of that country"))
        #expect(unchanged)
    }

    @Test(arguments: TestDatabase.kinds)
    func aGenericDocumentOfAnotherTemplateIsRefused(kind: DatabaseKind) async throws {
        let (message, unchanged) = try await Self.refusal(kind, """
            {"schema": "synergia.secretariat/1", "system": "ramsar", "template": {"id": "ramsar-cop15", "version": 1, "convention": "RAMSAR"},
             "country": "KEN", "answers": {}, "groups": {}, "unmapped": {}}
            """)
        #expect(message.hasPrefix("the document is for template ramsar-cop15, but report "))
        #expect(message.hasSuffix(" uses cbd-7nr; import it into a ramsar-cop15 report"))
        #expect(unchanged)
    }

    @Test(arguments: TestDatabase.kinds)
    func aFileThatIsNeitherDocumentIsRefused(kind: DatabaseKind) async throws {
        let notJSON = try await Self.refusal(kind, "publishedOn,recordUrl")
        #expect(notJSON.message == "the file is not JSON; import a file exported as ort-json or secretariat-json")
        #expect(notJSON.unchanged)
        let other = try await Self.refusal(kind, #"{"schema": "synergia.report/1"}"#)
        #expect(other.message == "the file is neither an ORT nationalReport7 document (header.schema) nor a synergia.secretariat/1 document (schema); export it again as ort-json or secretariat-json")
    }

    @Test(arguments: TestDatabase.kinds)
    func aValueOfTheWrongShapeUnderAnUnmappedKeyIsRefusedNamingIt(kind: DatabaseKind) async throws {
        let (message, unchanged) = try await Self.refusal(kind, """
            {"schema": "synergia.secretariat/1", "system": "ort", "template": {"id": "cbd-7nr", "version": 2, "convention": "CBD"},
             "country": "KEN", "answers": {}, "groups": {}, "unmapped": {"coordination_mechanism": "perhaps"}}
            """)
        #expect(message == "nothing was imported; fix these places in the file and import again:\nunmapped.coordination_mechanism (coordination_mechanism): expects yes or no")
        #expect(unchanged)
    }
}
