import BangfuCore
import Testing

@testable import BangfuPolicyFiles

/// Each way a project file can be wrong gives its own error, naming the key path and the line.
@Suite struct ProjectFileErrorTests {
    // MARK: - the fixture itself

    @Test func theFixtureTextIsValid() throws {
        let project = try ProjectFile.parse(ProjectText.valid, file: "project.toml")
        #expect(project.name == "市劳模困难救助")
        #expect(project.year == 2024)
        #expect(project.budget == .yuan(2_600_000))
        #expect(project.initialBudget == .yuan(2_600_000))
        #expect(project.executionWeight == ExactDecimal(10))
        #expect(project.indicators.map(\.name) == ["生活困难救助人数", "补助金发放时限", "困难劳模生活水平改善情况", "补助对象满意度"])
        #expect(project.indicators[0].source == .metric(.modelWorkersAided, kind: .modelWorkerLiving))
        #expect(project.indicators[1].source == .metric(.onTimeRate, deadline: CalendarDate("2024-12-20")))
        #expect(project.indicators[2].source == .manual(value: .text("达成"), source: "自评"))
        #expect(project.indicators[2].target == .text("显著改善"))
        #expect(project.indicators[2].unit == "")
        #expect(project.indicators[3].source == .manual(value: .number(ExactDecimal(96)), source: "问卷调查"))
    }

    @Test func theOptionalProjectKeysAreRead() throws {
        let text = try ProjectText.replacing(
            "execution_weight = 10\n",
            with: "execution_weight = 10\ninitial_budget = 3000000\ndepartment = \"青岛市总工会\"\nimplementer = \"青岛市总工会\"\ngoal = \"提升困难劳模生活水平\"\n")
        let project = try ProjectFile.parse(text, file: "project.toml")
        #expect(project.initialBudget == .yuan(3_000_000))
        #expect(project.department == "青岛市总工会")
        #expect(project.implementer == "青岛市总工会")
        #expect(project.goal == "提升困难劳模生活水平")
    }

    @Test func withoutAnExecutionWeightItIsTen() throws {
        let project = try ProjectFile.parse(try ProjectText.replacing("execution_weight = 10\n", with: ""), file: "project.toml")
        #expect(project.executionWeight == ExactDecimal(10))
    }

    @Test func decimalTargetsAndWeightsAreReadExactly() throws {
        // 002:1138 「≤35.27万元」.
        let text = try ProjectText.replacing("target = 95\n", with: "target = 35.27\n")
            .replacingOccurrences(of: "weight = 40", with: "weight = 39.5")
            .replacingOccurrences(of: "weight = 10\nvalue = 96", with: "weight = 10.5\nvalue = 96")
        let project = try ProjectFile.parse(text, file: "project.toml")
        #expect(project.indicators[3].target == .number(ExactDecimal(units: 3527, scale: 2)))
        #expect(project.indicators[0].weight == ExactDecimal(units: 395, scale: 1))
    }

    // MARK: - missing keys and wrong types

    @Test func aMissingKeyOfARowIsNamedWithTheLineOfItsTable() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("weight = 40\n", with: ""))
        #expect(error == .missingKey(ProjectText.at("indicator[1].weight", 7)))
    }

    @Test func aMissingProjectKeyIsNamed() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("name = \"市劳模困难救助\"\n", with: ""))
        #expect(error == .missingKey(ProjectText.at("project.name", 1)))
    }

    @Test func aManualRowWithoutSourceIsMissingAKey() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("source = \"问卷调查\"", with: ""))
        #expect(error == .missingKey(ProjectText.at("indicator[4].source", 39)))
    }

    @Test func aQuotedTargetOnANumericRowIsTheWrongType() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("target = 120", with: "target = \"≥120\""))
        #expect(error == .wrongType(ProjectText.at("indicator[1].target", 12), expected: .decimal, found: .string))
    }

    @Test func aQuotedYearIsTheWrongType() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("year = 2024", with: "year = \"2024\""))
        #expect(error == .wrongType(ProjectText.at("project.year", 3), expected: .wholeNumber, found: .string))
    }

    @Test func textThatIsNoBoundAsTheValueOfANumericRowIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("value = 96", with: "value = \"96%\""))
        #expect(error == .badBound(ProjectText.at("indicator[4].value", 47), value: "96%", unit: "%"))
    }

    @Test func aYearOutOfRangeIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("year = 2024", with: "year = 24"))
        #expect(error == .badYear(ProjectText.at("project.year", 3), value: 24))
    }

    // MARK: - ranges

    @Test func aNegativeBudgetIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("budget = 2600000", with: "budget = -2600000"))
        #expect(error == .negative(ProjectText.at("project.budget", 4), value: "-2600000"))
    }

    @Test func aZeroBudgetIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("budget = 2600000", with: "budget = 0"))
        #expect(error == .notPositive(ProjectText.at("project.budget", 4), value: "0"))
    }

    @Test func aNegativeWeightIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("weight = 40", with: "weight = -40"))
        #expect(error == .negative(ProjectText.at("indicator[1].weight", 14), value: "-40"))
    }

    @Test func aNegativeTargetIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("target = 120", with: "target = -120"))
        #expect(error == .negative(ProjectText.at("indicator[1].target", 12), value: "-120"))
    }

    @Test func aWeightWithThreeDecimalsIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("weight = 40", with: "weight = 39.995"))
        #expect(error == .tooManyDecimals(ProjectText.at("indicator[1].weight", 14), value: "39.995", allowed: 2))
    }

    @Test func aWeightAboveAHundredIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("weight = 40", with: "weight = 140"))
        #expect(error == .tooLarge(ProjectText.at("indicator[1].weight", 14), value: "140", limit: "100"))
    }

    // MARK: - op, metric, kind

    @Test func anUnknownOpIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("op = \">=\"\ntarget = 120", with: "op = \"≥\"\ntarget = 120"))
        #expect(error == .badOp(ProjectText.at("indicator[1].op", 11), value: "≥"))
        #expect(error.errorDescription?.contains("qualitative") == true)
    }

    @Test func anUnknownMetricSuggestsTheNearestOne() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("metric = \"model_workers_aided\"", with: "metric = \"model_worker_aided\""))
        #expect(error == .unknownMetric(ProjectText.at("indicator[1].metric", 15), value: "model_worker_aided", suggestion: "model_workers_aided"))
        #expect(error.errorDescription?.contains("是否应为「model_workers_aided」") == true)
    }

    @Test func anUnknownMetricFarFromAnyListsThemAll() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("metric = \"model_workers_aided\"", with: "metric = \"satisfaction\""))
        #expect(error == .unknownMetric(ProjectText.at("indicator[1].metric", 15), value: "satisfaction", suggestion: nil))
        #expect(error.errorDescription?.contains("standard_accuracy") == true)
    }

    @Test func anUnknownBatchKindIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("kind = \"model-worker-living\"", with: "kind = \"model_worker_living\""))
        #expect(error == .badKind(ProjectText.at("indicator[1].kind", 16), value: "model_worker_living"))
    }

    @Test func aKindOnTheDuplicateRateIsRefused() throws {
        let text = try ProjectText.replacing("metric = \"model_workers_aided\"", with: "metric = \"duplicate_aid_rate\"")
            .replacingOccurrences(of: "unit = \"人\"", with: "unit = \"%\"")
        let error = try ProjectText.error(parsing: text)
        #expect(error == .notAllowedHere(ProjectText.at("indicator[1].kind", 16), because: .kindOnDuplicateRate))
    }

    // MARK: - where the actual comes from

    @Test func aRowWithBothMetricAndValueIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("kind = \"model-worker-living\"", with: "kind = \"model-worker-living\"\nvalue = 118"))
        #expect(error == .metricAndValue(ProjectText.at("indicator[1].value", 17)))
    }

    @Test func aRowWithNeitherMetricNorValueIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("metric = \"model_workers_aided\"\nkind = \"model-worker-living\"\n", with: ""))
        #expect(error == .noMetricOrValue(ProjectText.at("indicator[1]", 7)))
    }

    @Test func aQualitativeRowWithAMetricIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("value = \"达成\"\nsource = \"自评\"", with: "metric = \"households_aided\""))
        #expect(error == .qualitativeWithMetric(ProjectText.at("indicator[3].metric", 36)))
    }

    @Test func aSourceOnAMetricRowIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("kind = \"model-worker-living\"", with: "kind = \"model-worker-living\"\nsource = \"台账\""))
        #expect(error == .notAllowedHere(ProjectText.at("indicator[1].source", 17), because: .sourceOnMetricRow))
    }

    @Test func aKindOnAManualRowIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("value = 96", with: "value = 96\nkind = \"warmth\""))
        #expect(error == .notAllowedHere(ProjectText.at("indicator[4].kind", 48), because: .kindOnManualRow))
    }

    @Test func anOnTimeRateWithoutDeadlineIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("deadline = 2024-12-20", with: ""))
        #expect(error == .missingDeadline(ProjectText.at("indicator[2].metric", 26)))
    }

    @Test func aDeadlineOnAnotherMetricIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("kind = \"model-worker-living\"", with: "deadline = 2024-12-20"))
        #expect(error == .notAllowedHere(ProjectText.at("indicator[1].deadline", 16), because: .deadlineWithoutOnTimeRate))
    }

    @Test func aUnitTheMetricCannotTakeIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("unit = \"%\"\nweight = 10\nmetric", with: "unit = \"人\"\nweight = 10\nmetric"))
        #expect(error == .unitDoesNotFitMetric(ProjectText.at("indicator[2].unit", 24), unit: "人", metric: "on_time_rate", allowed: Metric.onTimeRate.allowedUnits))
    }

    // MARK: - qualitative rows

    @Test func aQualitativeValueThatIsNoTierNorTheExpectedResultNeedsAScore() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("value = \"达成\"", with: "value = \"有所改善\""))
        #expect(error == .badTier(ProjectText.at("indicator[3].value", 36), value: "有所改善"))
    }

    @Test func aQualitativeValueThatIsTheExpectedResultIsAchieved() throws {
        // 002:1199 「显著改善 显著改善 30 30」: the result the row expected, written as such.
        let project = try ProjectFile.parse(try ProjectText.replacing("value = \"达成\"", with: "value = \"显著改善\""), file: "project.toml")
        #expect(project.indicators[2].source == .manual(value: .text("显著改善"), source: "自评"))
    }

    @Test func aQualitativeValueWithAnExplicitScoreIsAccepted() throws {
        let text = try ProjectText.replacing("value = \"达成\"", with: "value = \"显著改善\"\nscore = 28.5")
        let project = try ProjectFile.parse(text, file: "project.toml")
        #expect(project.indicators[2].source == .manual(value: .text("显著改善"), source: "自评", score: ExactDecimal(units: 285, scale: 1)))
    }

    @Test func aScoreAboveTheWeightIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("value = \"达成\"", with: "value = \"显著改善\"\nscore = 31"))
        #expect(error == .scoreAboveWeight(ProjectText.at("indicator[3].score", 37), score: "31", weight: "30"))
    }

    @Test func aScoreOnANumericRowIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("value = 96", with: "value = 96\nscore = 10"))
        #expect(error == .notAllowedHere(ProjectText.at("indicator[4].score", 48), because: .scoreOnNumericRow))
    }

    @Test func aNumericTargetOnAQualitativeRowIsRefused() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("target = \"显著改善\"", with: "target = 100"))
        #expect(error == .notAllowedHere(ProjectText.at("indicator[3].target", 34), because: .numericTargetOnQualitativeRow))
    }

    @Test func aQualitativeRowMayHaveNoTarget() throws {
        let project = try ProjectFile.parse(try ProjectText.replacing("target = \"显著改善\"\n", with: ""), file: "project.toml")
        #expect(project.indicators[2].target == nil)
    }

    // MARK: - the rows together

    @Test func weightsThatDoNotSumToAHundredAreAWarningWithTheirSum() throws {
        let project = try ProjectFile.parse(try ProjectText.replacing("weight = 40", with: "weight = 35"), file: "project.toml")
        let warnings = ProjectFile.warnings(for: project, file: "project.toml")
        #expect(warnings == [.weightsNotHundred(file: "project.toml", sum: "95", execution: "10", indicators: "85")])
        let error = try #require(warnings.first)
        #expect(ProjectFile.warnings(for: try ProjectFile.parse(ProjectText.valid, file: "project.toml"), file: "project.toml").isEmpty)
        #expect(error.errorDescription == "project.toml：权重之和为 95（预算执行率 execution_weight 10 + 各指标 weight 合计 85），应为 100 (weights sum to 95 (execution_weight 10 + indicators 85), not 100)")
    }

    @Test func aDuplicateIndicatorNameIsRefusedNamingTheFirst() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("name = \"补助对象满意度\"", with: "name = \"生活困难救助人数\""))
        #expect(error == .duplicateIndicator(ProjectText.at("indicator[4].name", 42), name: "生活困难救助人数", firstLine: 10))
    }

    @Test func aFileWithoutIndicatorsIsRefused() throws {
        let text = ProjectText.valid.components(separatedBy: "[[indicator]]")[0]
        #expect(try ProjectText.error(parsing: text) == .noIndicators(file: "project.toml"))
    }

    // MARK: - unknown keys and messages

    @Test func anUnknownKeyInARowSuggestsTheKnownOne() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("metric = \"model_workers_aided\"", with: "metirc = \"model_workers_aided\""))
        #expect(error == .unknownKey(ProjectText.at("indicator[1].metirc", 15), suggestion: "indicator[1].metric", known: ProjectFile.Keys.indicator))
    }

    @Test func anUnknownKeyInTheProjectSuggestsTheKnownOne() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("budget = 2600000", with: "budjet = 2600000"))
        #expect(error == .unknownKey(ProjectText.at("project.budjet", 4), suggestion: "project.budget", known: ProjectFile.Keys.project))
    }

    @Test func theMessageNamesFileLineAndKeyInChineseThenEnglish() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("op = \">=\"\ntarget = 120", with: "op = \"≥\"\ntarget = 120"))
        let message = try #require(error.errorDescription)
        #expect(message.hasPrefix("project.toml 第11行 键「indicator[1].op」：「≥」不是可选的比较方式"))
        #expect(message.hasSuffix("(line 11, key indicator[1].op: op must be >=, <=, = or qualitative, got ≥)"))
    }

    @Test func aTOMLSyntaxErrorGivesLineAndColumn() throws {
        let error = try ProjectText.error(parsing: try ProjectText.replacing("weight = 40", with: "weight = = 40"))
        guard case .syntax(let file, let line, _, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(file == "project.toml")
        #expect(line == 14)
    }
}
