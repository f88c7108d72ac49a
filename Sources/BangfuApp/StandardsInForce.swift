import BangfuCore

/// The standards of a policy as they apply on one day: the 低保 in force and every amount
/// derived from it, computed exactly as the batch rules of spec §4 compute them.
public struct StandardsInForce: Sendable {
    public let policy: Policy
    public let date: CalendarDate
    public let dibao: Policy.DibaoPeriod

    /// The standards of `policy` on `date`; refused when no 低保 is in force that day.
    public init(policy: Policy, on date: CalendarDate) throws {
        guard let dibao = policy.dibao(on: date) else { throw AppError.noDibaoOnDate(policy: policy.id, date: date, first: policy.dibao.first?.from) }
        self.policy = policy
        self.date = date
        self.dibao = dibao
        do {
            incomeCap = try policy.incomeCap.multiple.exactlyTimes(dibao.monthly)
            var living: [HardshipCategory: LivingStandard] = [:]
            for category in HardshipCategory.allCases { living[category] = try LivingStandard(policy.living, category, dibao: dibao.monthly) }
            self.living = living
        } catch {
            throw BatchRuleError.policyOverflow(policyID: policy.id)
        }
    }

    /// 生活救助 of each category, as a batch computes it (`LivingStandard`).
    public let living: [HardshipCategory: LivingStandard]

    /// multiple × 低保 in fen, exactly: (numerator, denominator).
    public let incomeCap: (numerator: Int, denominator: Int)


    /// Whether the model workers' standard line applies on the date (a 劳模生活困难 batch needs it).
    public var standardLineInForce: Bool { date >= policy.modelWorker.standardLineFrom }

    public static let headers = ["类别", "项目", "标准(元)", "说明"]

    /// Category, item, yuan, explanation: every standard in force.
    public var rows: [[String]] {
        let dibaoText = dibao.monthly.formatted
        var rows: [[String]] = []
        rows.append(["低保", "每人每月", dibaoText, "自 \(dibao.from) 起执行"])
        let modeText = policy.incomeCap.mode == .reduce ? "超出时核减至上限（取整到元）" : "超出时不予救助"
        rows.append([
            "收入上限", "救助后人均月纯收入", Self.exactYuan(incomeCap),
            "\(policy.incomeCap.multiple) × 低保 \(dibaoText)；\(modeText)",
        ])
        for category in HardshipCategory.allCases {
            guard let standard = living[category] else { continue }
            rows.append([
                "生活救助", "\(category.chineseName) 每次", standard.amount.formatted,
                "\(standard.months) 个月 × \(dibaoText) = \(standard.raw.formatted)，按 \(standard.step.formatted) 向下取整",
            ])
            rows.append(["生活救助", "\(category.chineseName) 年度上限", standard.annualMax.formatted, "\(standard.annualMonths) 个月 × \(dibaoText)，每户每年"])
        }
        let education = policy.education
        rows.append(["助学救助", "学前", education.preschool.formatted, "每生每年"])
        rows.append(["助学救助", "义务教育", education.compulsory.formatted, "每生每年"])
        rows.append(["助学救助", "高中、中职", education.highSchool.formatted, "每生每年"])
        for category in HardshipCategory.allCases {
            rows.append(["助学救助", "大学 \(category.chineseName)", Self.yuan(education.higher[category]), "大学专科、本科、研究生，每生每年"])
        }
        for category in HardshipCategory.allCases {
            rows.append(["助学救助", "特殊教育 \(category.chineseName)", Self.yuan(education.special[category]), "每生每年"])
        }
        rows.append(["医疗救助", "救助比例", "", "自付医疗费用 × \(policy.medical.ratio)"])
        rows.append(["医疗救助", "年度上限", policy.medical.annualMax.formatted, "每户每年"])
        let model = policy.modelWorker
        let lineNote = standardLineInForce ? "每年；自 \(model.standardLineFrom) 起执行" : "每年；尚未执行，自 \(model.standardLineFrom) 起"
        rows.append(["劳模", "标准线", model.standardLine.formatted, lineNote])
        rows.append(["劳模", "年度上限", model.annualMax.formatted, "每人每年，各项劳模帮扶合计"])
        for cause in SpecialCause.allCases {
            rows.append(["劳模特殊困难", cause.chineseName, Self.yuan(model.special[cause]), "每人"])
        }
        rows.append(["送温暖", "困难职工", policy.warmth.worker.formatted, "每人每次"])
        rows.append(["送温暖", "劳模", policy.warmth.modelWorker.formatted, "每人每次"])
        let reviews = policy.reviews.isEmpty ? "无需审核，计算后即可审批" : policy.reviews.map(\.chineseName).joined(separator: " → ")
        rows.append(["审批", "审核环节", "", reviews])
        return rows
    }

    // MARK: - JSON

    /// snake_case keys, money as integer `*_fen`, the multiple and the ratio as exact decimal
    /// text (`"2.1"`): a JSON number would pass through a binary double in most readers.
    public var json: JSONText {
        let (numerator, denominator) = incomeCap
        let education = policy.education
        let model = policy.modelWorker
        func byCategory(_ amounts: [HardshipCategory: Money]) -> JSONText {
            .object(HardshipCategory.allCases.map { ($0.rawValue, amounts[$0].map { .number($0.fen) } ?? .null) })
        }
        return .object([
            ("policy_id", .string(policy.id)), ("policy_name", .string(policy.name)),
            ("basis", .array(policy.basis.map(JSONText.string))), ("date", .string(date.description)),
            ("dibao", .object([("from", .string(dibao.from.description)), ("monthly_fen", .number(dibao.monthly.fen))])),
            ("income_cap", .object([
                ("multiple", .string(policy.incomeCap.multiple.description)), ("mode", .string(policy.incomeCap.mode.rawValue)),
                ("monthly_fen", .number(numerator / denominator)), ("monthly_fen_is_exact", .bool(numerator % denominator == 0)),
            ])),
            ("living", .object(
                [("round_down_to_fen", .number(policy.living.roundDownTo.fen))]
                    + HardshipCategory.allCases.compactMap { category in
                        living[category].map { standard in
                            (category.rawValue, JSONText.object([
                                ("batch_months", .number(standard.months)), ("batch_fen", .number(standard.amount.fen)),
                                ("annual_max_months", .number(standard.annualMonths)), ("annual_max_fen", .number(standard.annualMax.fen)),
                            ]))
                        }
                    })),
            ("education", .object([
                ("preschool_fen", .number(education.preschool.fen)), ("compulsory_fen", .number(education.compulsory.fen)),
                ("high_school_fen", .number(education.highSchool.fen)), ("higher_fen", byCategory(education.higher)),
                ("special_fen", byCategory(education.special)),
            ])),
            ("medical", .object([("ratio", .string(policy.medical.ratio.description)), ("annual_max_fen", .number(policy.medical.annualMax.fen))])),
            ("model_worker", .object([
                ("standard_line_fen", .number(model.standardLine.fen)), ("standard_line_from", .string(model.standardLineFrom.description)),
                ("standard_line_in_force", .bool(standardLineInForce)), ("annual_max_fen", .number(model.annualMax.fen)),
                ("special_fen", .object(SpecialCause.allCases.map { ($0.rawValue, model.special[$0].map { .number($0.fen) } ?? .null) })),
            ])),
            ("warmth", .object([("worker_fen", .number(policy.warmth.worker.fen)), ("model_worker_fen", .number(policy.warmth.modelWorker.fen))])),
            ("reviews", .array(policy.reviews.map { .string($0.rawValue) })),
        ])
    }

    // MARK: - formatting

    private static func yuan(_ money: Money?) -> String { money?.formatted ?? "—" }

    /// numerator ÷ denominator fen (denominator a power of ten) as yuan with every decimal it
    /// has: `2,194.50`, and `2,246.7715` when the product is finer than a fen.
    static func exactYuan(_ fraction: (numerator: Int, denominator: Int)) -> String {
        let whole = Money(fen: fraction.numerator / fraction.denominator).formatted
        guard fraction.denominator > 1, fraction.numerator % fraction.denominator != 0 else { return whole }
        let width = String(fraction.denominator).count - 1
        var digits = String(fraction.numerator % fraction.denominator)
        digits = String(repeating: "0", count: width - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return whole + digits
    }
}
