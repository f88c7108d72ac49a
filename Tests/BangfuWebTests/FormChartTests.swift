import BangfuCore
import BangfuStore
import Testing

@testable import BangfuWeb

/// The charts' geometry and their text (`SVG`, `BarScale`, `FormCharts`).
struct FormChartTests {
    @Test func aBarsLengthIsItsValuesShareOfTheAxis() {
        let scale = BarScale(maximum: 200, span: 300)
        #expect(scale.length(of: 100) == 150)
        #expect(scale.length(of: 200) == 300)
        #expect(scale.length(of: 50) == 75)
    }

    @Test func nothingANegativeOrAnUndefinedValueDrawsNoBar() {
        let scale = BarScale(maximum: 200, span: 300)
        #expect(scale.length(of: 0) == 0)
        #expect(scale.length(of: -5) == 0)
        #expect(scale.length(of: .nan) == 0)
        #expect(scale.length(of: .infinity) == 0)
    }

    @Test func anAxisWithNoEndDrawsNoBarRatherThanDividingByZero() {
        #expect(BarScale(maximum: 0, span: 300).length(of: 10) == 0)
        #expect(BarScale(maximum: .nan, span: 300).length(of: 10) == 0)
    }

    @Test func aValueBeyondTheAxisIsCutAtItsEndAndMarked() {
        let scale = BarScale(maximum: 200, span: 300)
        #expect(scale.length(of: 450) == 300)
        #expect(scale.isCut(450) && !scale.isCut(200))
    }

    @Test func aZeroBudgetDrawsWithoutNaN() {
        let svg = FormCharts.budget(budget: .zero, executed: .zero, rateText: "0%")
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg.hasPrefix("<svg ") && svg.contains("role=\"img\"") && svg.contains("aria-label=\"预算执行"))
        let over = FormCharts.budget(budget: .zero, executed: Money(fen: 100_00), rateText: "0%")
        #expect(over.contains("超出预算") && !over.contains("nan"))
    }

    @Test func everyTextIsEscaped() {
        var svg = SVG(width: 10, height: 10, label: "a\"b<c>")
        svg.text("<script>&'", x: 1, y: 1)
        let text = svg.render()
        #expect(text.contains("aria-label=\"a&quot;b&lt;c&gt;\""))
        #expect(text.contains("&lt;script&gt;&amp;&#39;") && !text.contains("<script"))
    }

    @Test func theIndicatorChartCutsABarPastTwiceTheTargetAndExplainsARowWithoutABar() {
        let bars = [
            FormCharts.IndicatorBar(name: "户数", percent: 350, caption: "实际 350户，指标 ≥100户", note: nil, met: true),
            FormCharts.IndicatorBar(name: "改善", percent: nil, caption: "", note: "定性指标：达成", met: true),
        ]
        let svg = FormCharts.indicators(bars)
        #expect(svg.contains("»") && svg.contains("350%") && svg.contains("定性指标：达成") && svg.contains("200%"))
        #expect(!FormCharts.indicators([]).contains("nan"))
    }

    @Test func theMonthlyChartStacksKindsAndNamesThemInTheLegend() {
        let aid = [
            MonthlyAid(month: "2024-01", kind: .living, amount: Money(fen: 30_000_00)),
            MonthlyAid(month: "2024-01", kind: .medical, amount: Money(fen: 10_000_00)),
        ]
        let svg = FormCharts.monthly(year: 2024, aid: aid)
        #expect(svg.contains(">生活救助<") && svg.contains(">医疗救助<") && svg.contains(">4万<"))
        #expect(FormCharts.monthly(year: 2024, aid: []).contains("本年度尚无已发放的批次"))
    }

    @Test func aPercentageHasOneDecimalAtMost() {
        #expect(FormCharts.formatPercent(19) == "19%")
        #expect(FormCharts.formatPercent(36.666) == "36.7%")
        #expect(FormCharts.formatPercent(.nan) == "—")
    }

    @Test func theAxisEndsAtARoundNumber() {
        #expect(FormCharts.niceCeiling(0) == 0)
        #expect(FormCharts.niceCeiling(1234) == 2000)
        #expect(FormCharts.niceCeiling(5000) == 5000)
        #expect(FormCharts.niceCeiling(40_000) == 50_000)
    }
}
