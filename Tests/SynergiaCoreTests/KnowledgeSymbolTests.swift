import Testing
@testable import SynergiaCore

@Suite struct KnowledgeSymbolTests {
    @Test func currentCBDSymbolsAreNormalisedAndTakenApart() throws {
        let symbol = try DocumentSymbol.parse(" cbd / cop/dec/15/4 ")
        #expect(symbol == DocumentSymbol(text: "CBD/COP/DEC/15/4", convention: "CBD", body: "COP", kind: .decision, session: 15, number: "4"))
        let recommendation = try DocumentSymbol.parse("CBD/SBSTTA/REC/24/1")
        #expect(recommendation.kind == .recommendation)
        #expect(recommendation.body == "SBSTTA")
        #expect(try DocumentSymbol.parse("CBD/CP/MOP/DEC/10/1").body == "CP-MOP")
    }

    @Test func olderAndShortFormsReadRomanSessions() throws {
        let legacy = try DocumentSymbol.parse("UNEP/CBD/COP/DEC/X/2")
        #expect(legacy.convention == "CBD")
        #expect(legacy.session == 10)
        #expect(legacy.number == "2")
        #expect(try DocumentSymbol.parse("Decision XI/16") == DocumentSymbol(text: "XI/16", kind: .decision, session: 11, number: "16"))
        #expect(try DocumentSymbol.parse("ＸＩ／１６").text == "XI/16")
        #expect(try DocumentSymbol.parse("第 15/4 号决定") == DocumentSymbol(text: "15/4", kind: .decision, session: 15, number: "4"))
        #expect(try DocumentSymbol.parse("décision XIV/30").session == 14)
    }

    @Test func otherConventionsForms() throws {
        #expect(try DocumentSymbol.parse("18/COP.13") == DocumentSymbol(text: "18/COP.13", convention: "UNCCD", body: "COP", kind: .decision, session: 13, number: "18"))
        #expect(try DocumentSymbol.parse("Resolution XIII.5") == DocumentSymbol(text: "XIII.5", kind: .resolution, session: 13, number: "5"))
        #expect(try DocumentSymbol.parse("Resolution 12.26").session == 12)
    }

    @Test func unrecognisedSymbolsAreKeptTidiedAndEmptyOnesRefused() throws {
        #expect(try DocumentSymbol.parse("Kenya  6NR   2019") == DocumentSymbol(text: "Kenya 6NR 2019"))
        #expect(try DocumentSymbol.parse("MIX/16").session == nil, "MIX is not a canonical Roman numeral")
        #expect(throws: DomainError.self) { try DocumentSymbol.parse("   ") }
        #expect(throws: DomainError.self) { try DocumentSymbol.parse(String(repeating: "A", count: 200)) }
    }

    @Test func romanNumeralsAreStrict() {
        #expect(RomanNumeral.value("XIV") == 14)
        #expect(RomanNumeral.value("XL") == 40)
        #expect(RomanNumeral.value("IIII") == nil)
        #expect(RomanNumeral.value("CIVIL") == nil)
    }

    @Test func languagesKindsAndDays() throws {
        #expect(try KnowledgeLanguage.parse("zh-Hans") == .zh)
        #expect(try KnowledgeLanguage.parse("EN") == .en)
        #expect(throws: DomainError.self) { try KnowledgeLanguage.parse("de") }
        #expect(try DocumentKind.parse("National report") == .nationalReport)
        #expect(try DocumentKind.parse("NBSAP") == .nbsap)
        #expect(throws: DomainError.self) { try DocumentKind.parse("memo") }
        #expect(try CalendarDay.validated("2024-02-29", field: "date") == "2024-02-29")
        #expect(throws: DomainError.self) { try CalendarDay.validated("2023-02-29", field: "date") }
        #expect(throws: DomainError.self) { try CalendarDay.validated("19/12/2022", field: "date") }
    }
}
