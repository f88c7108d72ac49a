/// The duplicate cases planted in the sample year, one for each finding code of spec §5,
/// so that `bangfu demo` shows the check at work and a test can hold it to exactly these.
/// Households are chosen by index; everything else stays as generated.
public enum PlantedDuplicates {
    /// 民政 pays 生活救助 in January to a household the union's January batch pays too.
    static let crossAgency = 3
    /// The head of this household is also listed as a member of the next one.
    static let twoArchives = 5
    /// This household and the next share one bank account.
    static let sharedAccount = 8
    /// 妇联's record for this household's head carries another name.
    static let nameMismatch = 10
    /// An imported union 医疗救助 of 25,000 yuan, above the 20,000 a year of the Qingdao policy.
    static let overLimit = 12
    /// This household's head is also model worker 0: a 送温暖 batch takes him twice.
    static let sameBatch = 14

    public static let minimumHouseholds = 15
}

extension SampleGenerator {
    /// The findings `bangfu duplicates --year <year> --policy policies/qingdao-2024.toml`
    /// must report once the sample year's batches are paid: code and 身份证号.
    public var plantedFindings: [(code: FindingCode, idNumbers: [String])] {
        guard plantsDuplicates else { return [] }
        func head(_ index: Int) -> String { familyAsWritten(index: index).household.headIDNumber.value }
        return [
            (.sameBatch, [head(PlantedDuplicates.sameBatch)]),
            (.overAnnualLimit, [head(PlantedDuplicates.overLimit)]),
            (.twoHouseholds, [head(PlantedDuplicates.twoArchives)]),
            (.crossAgency, [head(PlantedDuplicates.crossAgency)]),
            (.sharedAccount, [head(PlantedDuplicates.sharedAccount), head(PlantedDuplicates.sharedAccount + 1)].sorted()),
            (.idNameMismatch, [head(PlantedDuplicates.nameMismatch)]),
        ]
    }

    /// Household `index` as the files carry it: generated, then planted.
    func familyAsWritten(index: Int) -> Family {
        var family = makeFamily(index: index)
        guard plantsDuplicates else { return family }
        switch index {
        case PlantedDuplicates.crossAgency, PlantedDuplicates.sameBatch:
            // Sure to be paid by the union's batches: 在档, deep, long registered, poor.
            family.household.status = .active
            family.household.category = .deep
            family.household.registeredOn = CalendarDate(year: year - 3, month: 3, day: 1)!
            family.household.annualIncome = .yuan(6000 * family.household.size)
        case PlantedDuplicates.twoArchives + 1:
            let other = makeFamily(index: PlantedDuplicates.twoArchives).household
            family.members.append(Member(
                archiveNumber: family.household.archiveNumber, name: other.headName, idNumber: other.headIDNumber,
                relation: "兄弟姐妹", schoolStage: .none))
        case PlantedDuplicates.sharedAccount:
            let other = makeFamily(index: PlantedDuplicates.sharedAccount + 1).household
            family.household.bankName = other.bankName
            family.household.bankAccount = other.bankAccount
        default: break
        }
        return family
    }

    /// Model worker `index` as the files carry it: model worker 0 is a household head too.
    func modelWorkerAsWritten(index: Int) -> ModelWorker {
        var worker = makeModelWorker(index: index)
        if plantsDuplicates, index == 0 {
            let head = familyAsWritten(index: PlantedDuplicates.sameBatch).household
            worker.name = head.headName
            worker.idNumber = head.headIDNumber
        }
        return worker
    }

    /// The planted aid records of household `index`, dated in `year`.
    func plantedAid(index: Int, family: Family) -> [AidRecord] {
        guard plantsDuplicates else { return [] }
        let head = family.household
        switch index {
        case PlantedDuplicates.crossAgency:
            return [AidRecord(
                idNumber: head.headIDNumber, name: head.headName, kind: .living, amount: .yuan(1500),
                paidOn: CalendarDate(year: year, month: 1, day: 10)!, payer: .agency("民政"))]
        case PlantedDuplicates.nameMismatch:
            let variant = String(head.headName.dropLast()) + (head.headName.hasSuffix("华") ? "明" : "华")
            return [AidRecord(
                idNumber: head.headIDNumber, name: variant, kind: .other, amount: .yuan(800),
                paidOn: CalendarDate(year: year, month: 3, day: 8)!, payer: .agency("妇联"))]
        case PlantedDuplicates.overLimit:
            return [AidRecord(
                idNumber: head.headIDNumber, name: head.headName, kind: .medical, amount: .yuan(25000),
                paidOn: CalendarDate(year: year, month: 3, day: 15)!, payer: .union)]
        default:
            return []
        }
    }
}
