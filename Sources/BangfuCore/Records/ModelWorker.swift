/// A 劳模 on file (spec §3.3), keyed by 身份证号.
public struct ModelWorker: Hashable, Sendable {
    public var name: String
    public var idNumber: IDNumber
    public var level: HonorLevel
    /// 荣誉称号, e.g. 全国劳动模范.
    public var title: String
    public var workUnit: String
    /// 本人年收入: the living subsidy is the standard line minus this (002:1817–1819).
    public var annualIncome: Money
    public var hardship: ModelWorkerHardship
    /// Set exactly when `hardship` is `.special`.
    public var specialCause: SpecialCause?
    public var phone: String
    public var bankName: String
    public var bankAccount: String

    public init(
        name: String, idNumber: IDNumber, level: HonorLevel, title: String, workUnit: String,
        annualIncome: Money, hardship: ModelWorkerHardship, specialCause: SpecialCause? = nil,
        phone: String, bankName: String, bankAccount: String
    ) {
        self.name = name
        self.idNumber = idNumber
        self.level = level
        self.title = title
        self.workUnit = workUnit
        self.annualIncome = annualIncome
        self.hardship = hardship
        self.specialCause = specialCause
        self.phone = phone
        self.bankName = bankName
        self.bankAccount = bankAccount
    }
}
