import BangfuCore
import BangfuStore
import Foundation

/// The three charts of a self-evaluation form's page (issue 16): budget against executed,
/// each indicator's actual against its target, and the aid paid by month and kind. Each is
/// an inline SVG document (`SVG`), as wide as a form's card on a 1280-point screen (drawn at
/// its own size there, so a 12-point label reads as 12 points) and scaled down below it.
enum FormCharts {
    /// The inner width of a form's card on a 1280-point screen.
    static let chartWidth = 1080.0
    static let ink = "#222"
    static let muted = "#667"
    static let budgetColor = "#c9d3e0"
    static let executedColor = "#2f6fb0"
    static let overColor = "#c0392b"
    static let metColor = "#3a8a4f"
    static let shortColor = "#d98c1f"

    /// (a) Two bars on one scale, 全年预算数 and 全年执行数, the budget marked by a dashed
    /// line, the rate written beside. A zero budget draws the executed bar alone.
    static func budget(budget: Money, executed: Money, rateText: String) -> String {
        let left = 100.0, right = 200.0, width = chartWidth
        let budgetYuan = Double(budget.fen) / 100, executedYuan = Double(executed.fen) / 100
        let scale = BarScale(maximum: max(budgetYuan, executedYuan), span: width - left - right)
        let over = executed > budget
        var svg = SVG(width: width, height: 118, label: "预算执行：全年预算数 \(budget.formatted) 元，全年执行数 \(executed.formatted) 元，执行率 \(rateText)")
        let bars: [(String, Double, String, Money)] = [
            ("全年预算数", budgetYuan, budgetColor, budget), ("全年执行数", executedYuan, over ? overColor : executedColor, executed),
        ]
        for (index, bar) in bars.enumerated() {
            let y = 14 + Double(index) * 38
            svg.text(bar.0, x: left - 10, y: y + 18, anchor: "end", size: 13)
            let length = scale.length(of: bar.1)
            svg.rect(x: left, y: y, width: length, height: 26, fill: bar.2, title: "\(bar.0) \(bar.3.formatted) 元")
            svg.text("\(bar.3.formatted) 元", x: left + length + 8, y: y + 18, size: 13, bold: index == 1)
        }
        if budgetYuan > 0 {
            let x = left + scale.length(of: budgetYuan)
            svg.line(x1: x, y1: 8, x2: x, y2: 92, stroke: ink, width: 1.5, dashed: true)
        }
        svg.line(x1: left, y1: 8, x2: left, y2: 92, stroke: muted)
        svg.text("执行率 \(rateText)" + (over ? "（超出预算）" : ""), x: left, y: 110, size: 13, fill: over ? overColor : ink, bold: true)
        return svg.render()
    }

    /// One indicator row as its bar shows it: the actual as a percentage of the target, or
    /// why there is no bar (a qualitative row, no actual, a target of 0).
    struct IndicatorBar: Equatable {
        var name: String
        /// Actual ÷ target × 100; nil when there is no bar.
        var percent: Double?
        /// `实际 118人 / 指标 ≥100人`.
        var caption: String
        /// Why there is no bar; nil with a bar.
        var note: String?
        /// Whether the row scored its full weight.
        var met: Bool
    }

    /// The bars of a form's rows.
    static func indicatorBars(_ evaluation: Evaluation) -> [IndicatorBar] {
        evaluation.rows.map { row in
            let caption = "实际 \(row.actualText)，指标 \(row.targetText)"
            let met = row.score == row.indicator.weight
            var bar = IndicatorBar(name: row.indicator.name, percent: nil, caption: caption, note: nil, met: met)
            switch (row.actual, row.indicator.target) {
            case (.number(let actual), .number(let target)) where row.indicator.op.isNumeric:
                let target = Rational(target)
                if target.isZero {
                    bar.note = "指标值为 0，实际 \(row.actualText)，" + (met ? "达标" : "未达标")
                } else {
                    bar.percent = Double(actual.numerator) / Double(actual.denominator) / (Double(target.numerator) / Double(target.denominator)) * 100
                }
            case (.missing, _): bar.note = "未取得实际完成值"
            case (.text(let text), _): bar.note = "定性指标：\(text)"
            default: bar.note = "无法与指标值比较：实际 \(row.actualText)"
            }
            return bar
        }
    }

    /// (b) Horizontal bars, each indicator's actual as a percentage of its target, the 100 %
    /// line dashed; a bar past the axis's end (200 %) is cut and marked `»`; a row without a
    /// bar says why. Green when the row scored its full weight, orange when not.
    static func indicators(_ bars: [IndicatorBar]) -> String {
        let nameWidth = 250.0, barLeft = 260.0, span = 440.0, rowHeight = 30.0, top = 26.0
        let largest = bars.compactMap(\.percent).filter(\.isFinite).max() ?? 100
        let scale = BarScale(maximum: min(max(largest, 120), 200), span: span)
        let height = top + Double(max(bars.count, 1)) * rowHeight + 12
        var svg = SVG(width: chartWidth, height: height, label: "各项指标实际完成值占年度指标值的百分比，共 \(bars.count) 项")
        let hundred = barLeft + scale.length(of: 100)
        svg.text("0", x: barLeft, y: 16, anchor: "middle", size: 11, fill: muted)
        svg.text("100%", x: hundred, y: 16, anchor: "middle", size: 11, fill: muted)
        svg.text("\(Int(scale.maximum))%", x: barLeft + span, y: 16, anchor: "middle", size: 11, fill: muted)
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            svg.text(short(bar.name, 17), x: nameWidth, y: y + 17, anchor: "end", size: 12)
            guard let percent = bar.percent else {
                svg.text(bar.note ?? "", x: barLeft, y: y + 17, size: 12, fill: muted)
                continue
            }
            let length = scale.length(of: percent)
            let text = "\(formatPercent(percent))　\(bar.caption)"
            svg.rect(x: barLeft, y: y + 5, width: length, height: 18, fill: bar.met ? metColor : shortColor, title: "\(bar.name)：\(text)")
            let cut = scale.isCut(percent)
            if cut { svg.text("»", x: barLeft + length - 10, y: y + 19, size: 14, fill: "#fff", bold: true) }
            svg.text(text, x: barLeft + length + 6, y: y + 18, size: 12)
        }
        svg.line(x1: barLeft, y1: top - 4, x2: barLeft, y2: height - 8, stroke: muted)
        svg.line(x1: hundred, y1: top - 4, x2: hundred, y2: height - 8, stroke: ink, width: 1.5, dashed: true)
        return svg.render()
    }

    /// The colour of each kind of aid, fixed so the charts of every form agree.
    static func color(of kind: BatchKind) -> String {
        switch kind {
        case .living: "#2f6fb0"
        case .education: "#3a8a4f"
        case .medical: "#c0392b"
        case .modelWorkerLiving: "#8e5ea2"
        case .modelWorkerSpecial: "#d98c1f"
        case .warmth: "#17a2b8"
        }
    }

    /// (c) The year's twelve months, each a bar of what was paid in it stacked by kind,
    /// its total above, a legend of the kinds paid with their Chinese names.
    static func monthly(year: Int, aid: [MonthlyAid]) -> String {
        let left = 80.0, top = 24.0, plotHeight = 200.0, plotWidth = chartWidth - 110
        let totals = (1...12).map { month in aid.filter { $0.month == monthKey(year, month) }.reduce(0.0) { $0 + Double($1.amount.fen) / 100 } }
        let axisTop = niceCeiling(totals.max() ?? 0)
        let scale = BarScale(maximum: axisTop, span: plotHeight)
        let kinds = BatchKind.allCases.filter { kind in aid.contains { $0.kind == kind } }
        let grand = aid.reduce(Money.zero) { Money(fen: $0.fen + $1.amount.fen) }
        var svg = SVG(width: chartWidth, height: 300, label: "\(year)年各月已发放金额（按救助类型），合计 \(grand.formatted) 元")
        let bottom = top + plotHeight
        for step in 0...4 {
            let value = axisTop * Double(step) / 4
            let y = bottom - scale.length(of: value)
            svg.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: step == 0 ? muted : "#e3e6ea")
            svg.text(yuanShort(value), x: left - 6, y: y + 4, anchor: "end", size: 11, fill: muted)
        }
        let slot = plotWidth / 12
        for month in 1...12 {
            let x = left + slot * Double(month - 1) + slot * 0.2
            var y = bottom
            for kind in kinds {
                guard let part = aid.first(where: { $0.month == monthKey(year, month) && $0.kind == kind }) else { continue }
                let value = Double(part.amount.fen) / 100
                let height = scale.length(of: value)
                y -= height
                svg.rect(x: x, y: y, width: slot * 0.6, height: height, fill: color(of: kind), title: "\(month)月 \(kind.chineseName) \(part.amount.formatted) 元")
            }
            if totals[month - 1] > 0 { svg.text(yuanShort(totals[month - 1]), x: x + slot * 0.3, y: y - 4, anchor: "middle", size: 11) }
            svg.text("\(month)月", x: x + slot * 0.3, y: bottom + 16, anchor: "middle", size: 11)
        }
        if kinds.isEmpty {
            svg.text("本年度尚无已发放的批次", x: left + plotWidth / 2, y: top + plotHeight / 2, anchor: "middle", size: 14, fill: muted)
        }
        var legendX = left
        for kind in kinds {
            svg.rect(x: legendX, y: 270, width: 12, height: 12, fill: color(of: kind))
            svg.text(kind.chineseName, x: legendX + 16, y: 281, size: 12)
            legendX += 30 + Double(kind.chineseName.count) * 13
        }
        return svg.render()
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value`: an axis end a reader reads at once.
    static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 0 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    /// Yuan as an axis writes it: `0`, `800`, `1.5万`, `120万`.
    static func yuanShort(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "0" }
        if value < 10_000 { return SVG.number(value.rounded()) }
        return SVG.number((value / 100).rounded() / 100) + "万"
    }

    /// A percentage to one decimal, none when whole: `19%`, `36.7%`, `105.3%`.
    static func formatPercent(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let tenths = (value * 10).rounded()
        return (tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)) + "%"
    }

    private static func monthKey(_ year: Int, _ month: Int) -> String { String(format: "%04d-%02d", year, month) }

    private static func short(_ text: String, _ length: Int) -> String { text.count > length ? String(text.prefix(length - 1)) + "…" : text }
}
