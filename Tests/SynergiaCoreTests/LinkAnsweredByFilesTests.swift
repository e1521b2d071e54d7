import Foundation
import SynergiaCore
import Testing

/// A link question asks for a document: a file attached to it answers it as well as an address does.
@Suite struct LinkAnsweredByFilesTests {
    static let template = ReportTemplate(
        id: "trial", convention: "CBD", cycle: "2030", version: 1, languages: ["en"], title: LocalizedText(en: "Trial"), source: "test",
        sections: [TemplateSection(id: "s", title: LocalizedText(en: "S"), questions: [
            Question(id: "nbsap_document", type: .link, label: LocalizedText(en: "The NBSAP"), required: try! ExpressionParser.parse("true")),
            Question(id: "plan_summary", type: .text, label: LocalizedText(en: "Summary"), required: try! ExpressionParser.parse("true")),
        ])])

    @Test func aRequiredLinkWithOnlyAFileIsAnsweredAndCounted() {
        let key = AnswerKey(question: "nbsap_document")
        let without = ReportEvaluation(template: Self.template, answers: [:], entries: [:])
        #expect(without.issues.map(\.key.description).sorted() == ["nbsap_document", "plan_summary"])

        let withFile = ReportEvaluation(template: Self.template, answers: [:], entries: [:], attached: [key])
        #expect(withFile.issues.map(\.key.description) == ["plan_summary"])
        #expect(withFile.completeness.first { $0.section == "s" }?.answered == 1)
        #expect(withFile.completeness.first { $0.section == "s" }?.expected == 2)
    }

    @Test func aFileOnAnotherKindOfQuestionAnswersNothing() {
        let withFile = ReportEvaluation(template: Self.template, answers: [:], entries: [:], attached: [AnswerKey(question: "plan_summary")])
        #expect(withFile.issues.map(\.key.description).sorted() == ["nbsap_document", "plan_summary"])
        #expect(withFile.completeness.first { $0.section == "s" }?.answered == 0)
    }
}
