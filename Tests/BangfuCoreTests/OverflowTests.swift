import Testing

@testable import BangfuCore

/// Issue 21: sums and products of amounts never trap; an overflow is an `AmountOverflow`
/// naming the record, for a database holding amounts no file can bring in.
struct OverflowTests {
    let huge = Money(fen: Int.max - 1)

    @Test func aSumBeyondAnIntOfFenThrowsInsteadOfTrapping() {
        #expect(throws: AmountOverflow()) { try huge.adding(Money(fen: 2)) }
        #expect(throws: AmountOverflow()) { try Money(fen: Int.min).subtracting(Money(fen: 1)) }
        #expect(throws: AmountOverflow()) { try huge.multiplied(by: 2) }
    }

    @Test func sumsWithinRangeAreExact() throws {
        #expect(try Money.yuan(6000).adding(.yuan(4000)) == .yuan(10000))
        #expect(try Money.yuan(6000).subtracting(Money(fen: 1)) == Money(fen: 599_999))
        #expect(try Money.yuan(1045).multiplied(by: 12) == .yuan(12540))
    }

    @Test func aFailedAddLeavesTheAmountAsItWas() {
        var total = huge
        #expect(throws: AmountOverflow.self) { try total.add(.yuan(1)) }
        #expect(total == huge)
    }

    @Test func nineteenDigitsOfYuanAreNoAmountAndDoNotTrap() {
        #expect(Money(yuanText: "9999999999999999999") == nil)
        #expect(Money(yuanText: "99999999999999999999.99") == nil)
        #expect(Money(yuanText: "9,999,999,999,999") == Money(fen: 999_999_999_999_900))
    }

    @Test func aMultipleTimesAHugeAmountThrows() {
        #expect(throws: AmountOverflow.self) { try ExactDecimal(units: 21, scale: 1).times(huge) }
    }

    @Test func theIncomeCeilingOfAnImplausibleHouseholdSizeThrows() {
        let cap = Policy.IncomeCap(multiple: ExactDecimal(units: 21, scale: 1), mode: .reduce)
        #expect(throws: AmountOverflow.self) { try cap.yearlyCeiling(dibao: .yuan(1115), size: Int.max / 2) }
    }

    @Test func earlierAidBeyondAnIntNamesThePerson() throws {
        var earlier = EarlierAid()
        let person = Qingdao.id(born: 1975, 1)
        try earlier.add(to: person, kind: .living, amount: huge, student: nil)
        #expect(throws: AmountOverflow(record: "身份证号\(person.value)")) {
            try earlier.add(to: person, kind: .living, amount: .yuan(1), student: nil)
        }
    }

    @Test func aBatchOverAHugeStoredAidAmountNamesTheArchive() throws {
        // Given a household whose head got an amount no file may carry, twice (an old database).
        var earlier = EarlierAid()
        let household = Qingdao.household(.deep, size: 3, income: 12000)
        try earlier.add(to: household.headIDNumber, kind: .living, amount: huge, student: nil)
        let spouse = Member(archiveNumber: household.archiveNumber, name: "刘芳", idNumber: Qingdao.id(born: 1976, 2), relation: "配偶", schoolStage: .none)
        try earlier.add(to: spouse.idNumber, kind: .living, amount: huge, student: nil)
        // When the household's earlier aid is summed, then an overflow names its archive.
        let calculator = try Qingdao.calculator(.living, on: "2024-07-01", earlier: earlier)
        #expect(throws: AmountOverflow(record: "档案QD-1")) { try calculator.entries(for: household, members: [spouse]) }
    }

    @Test func aHugeStoredIncomeOfAModelWorkerNamesThePerson() throws {
        let worker = ModelWorker(
            name: "张劳模", idNumber: Qingdao.id(born: 1960, 7), level: .municipal, title: "", workUnit: "", annualIncome: Money(fen: Int.min),
            hardship: .living, specialCause: nil, phone: "", bankName: "", bankAccount: "")
        let calculator = try Qingdao.calculator(.modelWorkerLiving, on: "2024-11-01")
        #expect(throws: AmountOverflow(record: "身份证号\(worker.idNumber.value)")) { try calculator.entries(for: worker) }
    }

    @Test func theDuplicateScanNamesTheArchiveWhoseYearlyTotalOverflows() throws {
        var scan = DuplicateScan()
        let head = Qingdao.id(born: 1970, 1).number
        scan.addArchive(number: "QD-1", category: .deep, head: head, headName: "王建国")
        try scan.addAid(id: 1, person: head, name: "王建国", student: 0, kind: .living, byUnion: true, amount: huge)
        #expect(throws: AmountOverflow(record: "档案QD-1")) {
            try scan.addAid(id: 2, person: head, name: "王建国", student: 0, kind: .living, byUnion: true, amount: .yuan(1))
        }
    }

    @Test func theOverflowMessageSaysWhereAndWhatToDo() {
        let error = AmountOverflow(record: "档案QD-1")
        #expect(error.chinese.contains("档案QD-1"))
        #expect(error.chinese.contains("10,000,000"))
        #expect(error.english.contains("QD-1"))
    }
}
