import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// A small template written in all six languages and in a pseudo-language `qps`
/// whose every text is the English one between ⟦ ⟧, and a report answering all of it.
/// Anything an export prints in `qps` outside the marks is either data or a text
/// written in code instead of the catalogue.
enum ExportLanguageFixture {
    static let pseudo = "qps"

    static func text(_ en: String, _ fr: String, _ es: String, _ zh: String, _ ar: String, _ ru: String) -> LocalizedText {
        LocalizedText(["en": en, "fr": fr, "es": es, "zh": zh, "ar": ar, "ru": ru, pseudo: "⟦" + en + "⟧"])
    }

    static let title = text("National report", "Rapport national", "Informe nacional", "国家报告", "التقرير الوطني", "Национальный доклад")

    static let catalog: TemplateCatalog = {
        let shared = ReportFixture.sharedCatalog
        let template = ReportTemplate(
            id: "i18n", convention: "CBD", cycle: "2026", version: 1, languages: LocalizedText.languages, title: title, source: "test",
            sections: [
                TemplateSection(id: "a", title: text("General", "Généralités", "Generalidades", "概况", "معلومات عامة", "Общие сведения"), questions: [
                    Question(id: "contact", type: .text, label: text("Contact person", "Personne à contacter", "Persona de contacto", "联系人", "جهة الاتصال", "Контактное лицо")),
                    Question(id: "share", type: .number, label: text("Share of land protected", "Part des terres protégées", "Proporción de tierra protegida", "受保护土地比例", "نسبة الأراضي المحمية", "Доля охраняемых земель"),
                             unit: "percent", minimum: 0, maximum: 100),
                    Question(id: "has_strategy", type: .yesNo, label: text("Has a national strategy", "Dispose d'une stratégie nationale", "Cuenta con una estrategia nacional", "有国家战略", "لديه استراتيجية وطنية", "Имеет национальную стратегию")),
                    Question(id: "level", type: .singleChoice, label: text("Progress", "Progrès", "Progreso", "进展", "التقدم", "Прогресс"), choices: [
                        Choice(value: "good", label: text("On track", "En bonne voie", "Bien encaminado", "步入正轨", "على المسار الصحيح", "По плану")),
                        Choice(value: "poor", label: text("Off track", "En retard", "Con retraso", "偏离轨道", "خارج المسار", "Отставание")),
                    ]),
                    Question(id: "sectors", type: .multipleChoice, label: text("Sectors involved", "Secteurs concernés", "Sectores implicados", "涉及部门", "القطاعات المعنية", "Затронутые отрасли"), choices: [
                        Choice(value: "agri", label: text("Agriculture", "Agriculture", "Agricultura", "农业", "الزراعة", "Сельское хозяйство")),
                        Choice(value: "forest", label: text("Forestry", "Foresterie", "Silvicultura", "林业", "الحراجة", "Лесное хозяйство")),
                    ], allowsOther: true),
                    Question(id: "adopted", type: .date, label: text("Date of adoption", "Date d'adoption", "Fecha de aprobación", "通过日期", "تاريخ الاعتماد", "Дата принятия")),
                    Question(id: "website", type: .link, label: text("Web page", "Page web", "Página web", "网页", "صفحة الويب", "Веб-страница")),
                ]),
                TemplateSection(id: "b", title: text("Data", "Données", "Datos", "数据", "البيانات", "Данные"), questions: [
                    Question(id: "areas", type: .table, label: text("Areas by type", "Superficies par type", "Superficies por tipo", "各类面积", "المساحات حسب النوع", "Площади по типам"),
                             rows: [TableRow(id: "forest", label: text("Forest", "Forêt", "Bosque", "森林", "الغابات", "Леса"))],
                             columns: [TableColumn(id: "area", label: text("Area", "Superficie", "Superficie", "面积", "المساحة", "Площадь"), type: .number, unit: "ha")]),
                    Question(id: "cover", type: .indicatorData, label: text("Protected area coverage", "Couverture des aires protégées", "Cobertura de áreas protegidas", "保护区覆盖率", "تغطية المناطق المحمية", "Охват охраняемых территорий"),
                             unit: "percent"),
                    Question(id: "actions", type: .repeatGroup, label: text("Actions", "Mesures", "Medidas", "行动", "الإجراءات", "Меры"),
                             repeatSource: .entries(min: nil, max: nil), children: [
                                Question(id: "action_name", type: .text, label: text("Action taken", "Mesure prise", "Medida adoptada", "已采取的行动", "الإجراء المتخذ", "Принятая мера")),
                             ]),
                ]),
            ])
        return TemplateCatalog(templates: Array(shared.templates.values) + [template], concepts: Array(shared.concepts.values), choiceLists: shared.choiceLists)
    }()

    /// The answers: names, a link, numbers that need grouping and decimals, a date.
    static let answers: [(AnswerKey, AnswerValue)] = [
        (AnswerKey(question: "contact"), .object(["en": .string("Wanjiru Mwangi")])),
        (AnswerKey(question: "share"), .number(37.5)),
        (AnswerKey(question: "has_strategy"), .bool(true)),
        (AnswerKey(question: "level"), .string("good")),
        (AnswerKey(question: "sectors"), .object(["selected": .list([.string("agri"), .string("other")]), "other": .string("Fisheries")])),
        (AnswerKey(question: "adopted"), .string("2024-03-15")),
        (AnswerKey(question: "website"), .object(["url": .string("https://example.org/nbsap"), "title": .string("NBSAP")])),
        (AnswerKey(question: "areas"), .object(["forest": .object(["area": .number(1_234_567.5)])])),
        (AnswerKey(question: "cover"), .list([
            .object(["year": .number(2020), "value": .number(16.5), "unit": .string("percent"), "source": .string("WDPA")]),
            .object(["year": .number(2024), "value": .number(17.25), "unit": .string("percent"), "source": .string("WDPA")]),
        ])),
        (AnswerKey(question: "action_name", group: "actions", entry: "1"), .object(["en": .string("Mangrove restoration")])),
    ]

    /// Text in the exports that is data, not wording: the answers, names and codes.
    static func data(workspace: Workspace) -> [String] {
        ["Wanjiru Mwangi", "Fisheries", "https://example.org/nbsap", "NBSAP", "WDPA", "Mangrove restoration", "percent", "ha",
         workspace.name, workspace.country, "CBD", "UTC"]
    }

    /// The catalogue with the pseudo-language added to every text.
    static func pseudoMessages(_ messages: Messages) -> Messages {
        var texts: [String: LocalizedText] = [:]
        for key in messages.keys {
            var text = messages.localizedText(key)!
            // A list the catalogue keeps as one text (`a|b|c`) is marked item by item.
            text.values[pseudo] = text.english.split(separator: "|", omittingEmptySubsequences: false).map { "⟦" + $0 + "⟧" }.joined(separator: "|")
            texts[key] = text
        }
        return Messages(texts: texts)
    }

    /// A report of the template with every question answered.
    static func answeredReport(_ f: ReportFixture) async throws -> Report {
        let report = try await f.service.create(workspace: f.workspace, templateID: "i18n", actor: f.focalPoint)
        _ = try await f.service.answer(reportID: report.id, answers.map { AnswerEdit(key: $0.0, value: $0.1, expectedVersion: nil) }, actor: f.focalPoint)
        return report
    }
}
