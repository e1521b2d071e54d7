import Testing
import SynergiaCore

/// The functions checks across conventions add to the expression language:
/// refused in templates, resolved by whoever supplies the workspace in checks.
@Suite struct WorkspaceExpressionTests {
    @Test func aTemplateCannotCallAWorkspaceFunction() {
        #expect(throws: ExpressionError(position: 0, message: "unknown function 'answer'; 'answer' reads other reports of the workspace and is available only in checks across conventions")) {
            try ExpressionParser.parse("answer('cbd-7nr', 'pa_coverage_land') > 0")
        }
        #expect(throws: ExpressionError(position: 4, message: "unknown function 'series_latest'; 'series_latest' reads other reports of the workspace and is available only in checks across conventions")) {
            try ExpressionParser.parse("1 + series_latest('SDG-6.6.1')")
        }
    }

    @Test func aCheckCallsThemWithTheArgumentCountsEachTakes() throws {
        #expect(throws: ExpressionError(position: 0, message: "function 'answer' takes 2 arguments or 4 arguments, got 3")) {
            try ExpressionParser.parse("answer('a', 'b', 'c')", vocabulary: .crossReport)
        }
        #expect(throws: ExpressionError(position: 0, message: "function 'target_latest' takes 1 argument, got 0")) {
            try ExpressionParser.parse("target_latest()", vocabulary: .crossReport)
        }
        let parsed = try ExpressionParser.parse("answer('cbd-7nr', 'target_progress', ${target}, 'target_indicator_data')", vocabulary: .crossReport)
        #expect(parsed == .workspace(.answer, [.literal(.string("cbd-7nr")), .literal(.string("target_progress")), .reference("target"),
                                               .literal(.string("target_indicator_data"))]))
    }

    @Test func theWorkspaceResolvesEachCallWithItsEvaluatedArguments() throws {
        let expression = try ExpressionParser.parse("abs(answer('cbd-7nr', 'pa_coverage_land') - target_latest(${target})) <= 0.05", vocabulary: .crossReport)
        var calls: [WorkspaceCall] = []
        let holds = expression.evaluate(current: .null, lookup: { $0 == "target" ? .string("KEN-T1") : .null }) { call in
            calls.append(call)
            return call.function == .answer ? .number(24.6) : .number(24.63)
        }
        #expect(holds == .bool(true))
        #expect(calls == [WorkspaceCall(function: .answer, arguments: ["cbd-7nr", "pa_coverage_land"]),
                          WorkspaceCall(function: .targetLatest, arguments: ["KEN-T1"])])
        #expect(calls.last?.description == "target_latest('KEN-T1')")
        // Without a workspace (a template's evaluation) the calls are null.
        #expect(expression.evaluate(current: .null) { _ in .null } == .null)
        // A call whose argument is not text never reaches the workspace.
        let numeric = try ExpressionParser.parse("target_latest(12)", vocabulary: .crossReport)
        #expect(numeric.evaluate(current: .null, lookup: { _ in .null }) { _ in Issue.record("called"); return .null } == .null)
    }

    @Test func absIsTheDistanceFromZeroAndNullForAnythingElse() throws {
        func value(_ source: String) throws -> ExpressionValue { try ExpressionParser.parse(source).evaluate(current: .null) { _ in .null } }
        #expect(try value("abs(-2.5)") == .number(2.5))
        #expect(try value("abs(3)") == .number(3))
        #expect(try value("abs('3')") == .null)
        #expect(try value("abs(null)") == .null)
    }

    @Test func twoValuesAgreeWithinTheToleranceStatedAndNotBeyond() throws {
        let check = CrossConventionCheck(id: "c", left: .literal(.null), right: .literal(.null), leftSource: "", rightSource: "",
                                         tolerance: 0.05, unit: "percent", message: LocalizedText(en: "{left} {right}"), basis: LocalizedText(en: "b"))
        #expect(check.compare(.number(24.6), .number(24.65)) == .agrees)
        #expect(check.compare(.number(24.6), .number(24.55)) == .agrees)
        #expect(check.compare(.number(24.6), .number(24.66)) == .differs)
        #expect(check.compare(.number(24.6), .number(15)) == .differs)
        #expect(check.compare(.number(24.6), .null) == .incomplete)
        #expect(check.compare(.null, .null) == .incomplete)
        var exact = check
        exact.tolerance = nil
        #expect(exact.compare(.string("on_track"), .string("on_track")) == .agrees)
        #expect(exact.compare(.string("on_track"), .string("achieved")) == .differs)
        #expect(exact.compare(.number(1), .number(1.0000001)) == .differs)
        #expect(check.message("en", left: "24.6", right: "15", target: nil) == "24.6 15")
    }

    @Test func theLatestValueOfIndicatorDataIsTheLatestYearOfTheSeriesNamed() {
        func row(_ year: Int, _ value: Double, unit: String = "percent", disaggregation: String = "", indicator: String = "GBF-3.1") -> AnswerValue {
            .object(["year": .number(Double(year)), "value": .number(value), "unit": .string(unit), "disaggregation": .string(disaggregation),
                     "indicator": .string(indicator)])
        }
        let rows = AnswerValue.list([row(2022, 14.2, disaggregation: "realm=land"), row(2024, 15.0, disaggregation: "realm=land"),
                                     row(2024, 1.6, disaggregation: "realm=marine"), row(2023, 9.0, indicator: "SDG-15.1.1")])
        #expect(rows.latestIndicatorValue(series: SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land")) == .number(15.0))
        #expect(rows.latestIndicatorValue(series: SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=marine")) == .number(1.6))
        #expect(rows.latestIndicatorValue(series: SeriesBinding(indicator: "SDG-15.1.1")) == .number(9.0))
        // Two rows of the latest year, neither without disaggregation: no single latest value.
        #expect(rows.latestIndicatorValue() == .null)
        // A row in another unit than the target's is never compared.
        #expect(rows.latestIndicatorValue(series: SeriesBinding(indicator: "SDG-15.1.1"), unit: "fraction") == .null)
        #expect(AnswerValue.string("x").latestIndicatorValue() == .null)
    }
}
