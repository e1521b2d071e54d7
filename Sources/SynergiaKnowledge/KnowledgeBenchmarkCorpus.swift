import Foundation
import SynergiaCore

/// A generated corpus for the search benchmark: decision-style paragraphs in
/// the six UN languages, spread over conventions and years, the same for the
/// same seed. Not real text; only its shape (length, vocabulary, scripts) matters.
public struct KnowledgeBenchmarkCorpus: Sendable {
    public let paragraphs: Int
    public let perDocument: Int
    public let seed: UInt64

    public init(paragraphs: Int, perDocument: Int = 500, seed: UInt64 = 1) {
        self.paragraphs = paragraphs; self.perDocument = perDocument; self.seed = seed
    }

    static let conventions = ["CBD", "RAMSAR", "CMS", "CITES", "UNCCD", "WHC"]
    static let vocabulary: [KnowledgeLanguage: (openers: [String], words: [String])] = [
        .en: (["Urges Parties to", "Requests the Executive Secretary to", "Invites Parties to", "Encourages Parties to", "Decides to"],
              ["restore", "degraded", "land", "degradation", "neutrality", "wetlands", "protected", "areas", "migratory", "species",
               "invasive", "alien", "sustainable", "use", "traditional", "knowledge", "report", "targets", "national", "ecosystems",
               "restoration", "drought", "forests", "coastal", "marine", "pollution", "capacity", "resources", "monitoring", "indicators"]),
        .fr: (["Prie instamment les Parties de", "Invite les Parties à", "Encourage les Parties à", "Décide de"],
              ["restaurer", "terres", "dégradées", "dégradation", "neutralité", "zones", "humides", "aires", "protégées", "espèces",
               "migratrices", "exotiques", "envahissantes", "utilisation", "durable", "connaissances", "rapport", "objectifs", "écosystèmes", "sécheresse"]),
        .es: (["Insta a las Partes a", "Invita a las Partes a", "Alienta a las Partes a", "Decide"],
              ["restaurar", "tierras", "degradadas", "degradación", "neutralidad", "humedales", "áreas", "protegidas", "especies",
               "migratorias", "invasoras", "uso", "sostenible", "conocimientos", "informe", "metas", "ecosistemas", "sequía"]),
        .ru: (["Настоятельно призывает Стороны", "Предлагает Сторонам", "Поощряет Стороны", "Постановляет"],
              ["восстановить", "деградированные", "земли", "деградации", "нейтральный", "баланс", "водно-болотные", "угодья",
               "охраняемые", "территории", "мигрирующие", "виды", "инвазивные", "устойчивое", "использование", "экосистемы", "засуха"]),
        .ar: (["يحث الأطراف على", "يدعو الأطراف إلى", "يشجع الأطراف على", "يقرر"],
              ["استعادة", "الأراضي", "المتدهورة", "تدهور", "تحييد", "الرطبة", "المناطق", "المحمية", "الأنواع", "المهاجرة",
               "الغازية", "الاستخدام", "المستدام", "المعارف", "التقرير", "الأهداف", "النظم", "الإيكولوجية", "الجفاف"]),
        .zh: (["敦促各缔约方", "请各缔约方", "鼓励各缔约方", "决定"],
              ["恢复", "退化", "土地", "零增长", "湿地", "保护区", "迁徙", "物种", "外来", "入侵", "可持续", "利用", "传统", "知识",
               "报告", "目标", "生态系统", "干旱", "森林", "污染", "监测", "指标"]),
    ]

    /// Documents of `perDocument` paragraphs; the language rotates by document, the
    /// convention by six documents, so every convention has every language.
    public func documents() -> [NewKnowledgeDocument] {
        var generator = SeededRandom(seed: seed)
        let languages = KnowledgeLanguage.allCases
        let count = (paragraphs + perDocument - 1) / perDocument
        return (0..<count).map { index in
            let language = languages[index % languages.count]
            let (openers, words) = Self.vocabulary[language]!
            let size = min(perDocument, paragraphs - index * perDocument)
            let texts: [NewParagraph] = (0..<size).map { n in
                let length = 12 + Int(generator.next() % 20)
                let body = (0..<length).map { _ in words[Int(generator.next() % UInt64(words.count))] }
                let separator = language == .zh ? "" : " "
                return NewParagraph(label: "\(n + 1).", text: openers[Int(generator.next() % UInt64(openers.count))] + separator + body.joined(separator: separator) + (language == .zh ? "。" : "."))
            }
            let year = 2000 + index % 25
            return NewKnowledgeDocument(kind: .decision, symbol: "BENCH/COP/DEC/\(index + 1)", title: "Benchmark document \(index + 1)",
                                        date: "\(year)-06-01", language: language,
                                        contentSHA256: String(format: "%064llx", UInt64(index) &+ seed &* 1_000_003),
                                        convention: Self.conventions[(index / languages.count) % Self.conventions.count], body: "COP", paragraphs: texts)
        }
    }
}
