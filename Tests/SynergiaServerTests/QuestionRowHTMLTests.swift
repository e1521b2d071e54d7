import Testing
import SynergiaReporting
@testable import SynergiaServer

/// The report form's questions are written out in Swift: every value escaped,
/// every control named as the save handler reads it.
struct QuestionRowHTMLTests {
    let page = QuestionRowHTML.Page(csrf: "tok\"en", reportID: 7, sectionID: "s<1>", canRequestChange: true,
                                    texts: ["save": "Save", "yes": "Yes", "no": "No", "comment": "Comment", "add_comment": "Add",
                                            "request_change": "Ask for a change", "not_answered": "Not answered"])

    @Test func theFiveHTMLCharactersBecomeEntitiesAndOtherTextIsKept() {
        #expect(HTML.escape("<b a='1'>Tom & \"Jerry\"</b>") == "&lt;b a=&#39;1&#39;&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;")
        #expect(HTML.escape("Ñandú — 生物多样性") == "Ñandú — 生物多样性")
        #expect(HTML.escape("") == "")
    }

    @Test func anEditableChoiceQuestionEscapesEveryValueAndMarksTheSelection() {
        var row = QuestionRow(key: "q1", anchor: "q-q1", label: "Is <it> done?", unit: "km²", version: 3)
        row.editable = true
        row.canComment = true
        row.control = .choice([.init(value: "a\"b", label: "A & B", selected: true), .init(value: "c", label: "C", selected: false)])
        row.issues = ["an answer is <required>"]
        let html = QuestionRowHTML.render([row], page: page)
        #expect(html.contains("<p class=\"label\">Is &lt;it&gt; done? <span class=\"unit\">(km²)</span></p>"))
        #expect(html.contains("<option value=\"a&quot;b\" selected>A &amp; B</option><option value=\"c\">C</option>"))
        #expect(html.contains("<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\"><input type=\"hidden\" name=\"key\" value=\"q1\">"
                              + "<input type=\"hidden\" name=\"version\" value=\"3\"><input type=\"hidden\" name=\"section\" value=\"s&lt;1&gt;\">"))
        #expect(html.contains("<p class=\"issue\">an answer is &lt;required&gt;</p>"))
        #expect(html.contains("action=\"/reports/7/answer\""))
        #expect(html.contains("name=\"change\" value=\"1\"> Ask for a change"))
        #expect(!html.contains("<script"))
    }

    @Test func aTableIsAGridOfNamedCellsAndAReadOnlyQuestionShowsItsAnswer() {
        var table = QuestionRow(key: "t", anchor: "q-t", label: "Areas", version: 0)
        table.editable = true
        table.control = .table(.init(columns: [.init(label: "Area", unit: "ha")],
                                     rows: [.init(label: "Forest", cells: [.init(name: "cell.forest.area", id: "q-t-forest-area",
                                                                                   label: "Forest — Area", value: "1200", kind: .number)])]))
        var readOnly = QuestionRow(key: "r", anchor: "q-r", label: "Notes", version: 1)
        readOnly.answered = true
        readOnly.text = "<none>"
        var empty = QuestionRow(key: "e", anchor: "q-e", label: "Empty", version: 0)
        empty.answered = false
        let html = QuestionRowHTML.render([table, readOnly, empty], page: page)
        #expect(html.contains("<th scope=\"col\">Area (ha)</th>"))
        #expect(html.contains("<input id=\"q-t-forest-area\" name=\"cell.forest.area\" value=\"1200\" inputmode=\"decimal\" size=\"8\">"))
        #expect(html.contains("<p class=\"answer\">&lt;none&gt;</p>"))
        #expect(html.contains("<p class=\"answer\"><span class=\"empty\">Not answered</span></p>"))
        #expect(html.components(separatedBy: "<div class=\"question\"").count == 4)
    }
}
