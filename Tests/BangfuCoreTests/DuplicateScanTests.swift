import BangfuCore
import Testing

/// The single-pass duplicate check on records fed by hand; the store's tests run it on
/// imported files and the sample year.
struct DuplicateScanTests {
    let limits = AnnualLimits(policy: Qingdao.policy(), year: 2024)!
    let head = Qingdao.id(born: 1970, 1).number
    let spouse = Qingdao.id(born: 1972, 2).number
    let pupil = Qingdao.id(born: 2010, 3).number
    let otherHead = Qingdao.id(born: 1968, 4).number

    private func twoArchives() -> DuplicateScan {
        var scan = DuplicateScan()
        scan.addArchive(number: "QD-2", category: .relative, head: otherHead, headName: "李华")
        scan.addArchive(number: "QD-1", category: .deep, head: head, headName: "王建国")
        scan.addMember(archive: "QD-1", person: head, name: "王建国", stage: .none)
        scan.addMember(archive: "QD-1", person: spouse, name: "刘芳", stage: .none)
        scan.addMember(archive: "QD-1", person: pupil, name: "王小明", stage: .compulsory)
        return scan
    }

    @Test func aHouseholdsLivingAidIsSummedOverEveryMemberAgainstItsCategorysLimit() throws {
        // 深度困难: 12 × the highest 低保 of 2024, 1115 (002:2227) = 13,380 yuan.
        var scan = twoArchives()
        try scan.addAid(id: 1, person: head, name: "王建国", student: 0, kind: .living, byUnion: true, amount: .yuan(8000))
        try scan.addAid(id: 2, person: spouse, name: "刘芳", student: 0, kind: .living, byUnion: true, amount: .yuan(5380))
        #expect(scan.finish(limits: limits).householdsOverLimit.isEmpty)

        var over = twoArchives()
        try over.addAid(id: 1, person: head, name: "王建国", student: 0, kind: .living, byUnion: true, amount: .yuan(8000))
        try over.addAid(id: 2, person: spouse, name: "刘芳", student: 0, kind: .living, byUnion: true, amount: Money(fen: 538_001))
        try over.addAid(id: 3, person: spouse, name: "刘芳", student: 0, kind: .living, byUnion: false, amount: .yuan(900))
        let found = over.finish(limits: limits)
        #expect(found.householdsOverLimit.count == 1)
        let household = found.householdsOverLimit[0]
        #expect(household.archive == "QD-1" && household.headName == "王建国" && household.category == .deep)
        #expect(household.total == Money(fen: 1_338_001) && household.limit == .yuan(13380))
        // Another agency's 900 is not the union's aid.
        #expect(household.aidRecordIDs == [1, 2])
        #expect(found.unionRecords == 2)
    }

    @Test func withoutLimitsNoHouseholdIsOverAnyLimit() throws {
        var scan = twoArchives()
        try scan.addAid(id: 1, person: head, name: "王建国", student: 0, kind: .living, byUnion: true, amount: .yuan(99999))
        #expect(scan.finish(limits: nil).householdsOverLimit.isEmpty)
    }

    @Test func aPersonListedInTwoArchivesIsFoundWithTheUnionAidPaidToThem() throws {
        var scan = twoArchives()
        scan.addMember(archive: "QD-2", person: spouse, name: "刘芳", stage: .none)
        try scan.addAid(id: 7, person: spouse, name: "刘芳", student: 0, kind: .warmth, byUnion: true, amount: .yuan(500))
        try scan.addAid(id: 8, person: spouse, name: "刘芳", student: 0, kind: .warmth, byUnion: false, amount: .yuan(500))
        let found = scan.finish(limits: limits)
        #expect(found.twoHouseholds.count == 1)
        #expect(found.twoHouseholds[0].person == IDNumber.text(number: spouse))
        #expect(Set(found.twoHouseholds[0].places.map(\.archive)) == ["QD-1", "QD-2"])
        #expect(found.twoHouseholds[0].aidRecordIDs == [7])
    }

    @Test func livingAidOfOneHouseholdFromTheUnionAndAnAgencyIsOneCrossAgencyFinding() throws {
        var scan = twoArchives()
        try scan.addAid(id: 1, person: head, name: "王建国", student: 0, kind: .living, byUnion: true, amount: .yuan(4000))
        try scan.addAid(id: 2, person: spouse, name: "刘芳", student: 0, kind: .living, byUnion: false, amount: .yuan(800))
        try scan.addAid(id: 3, person: spouse, name: "刘芳", student: 0, kind: .other, byUnion: false, amount: .yuan(800))
        let found = scan.finish(limits: limits)
        #expect(found.crossAgency.count == 1)
        let group = found.crossAgency[0]
        #expect(group.kind == .living && group.target == "QD-1" && group.targetName == nil)
        #expect(group.people == [IDNumber.text(number: head), IDNumber.text(number: spouse)].sorted())
        #expect(group.aidRecordIDs == [1, 2])
    }

    @Test func educationIsComparedPerStudentAgainstTheLimitOfTheirStage() throws {
        // 义务教育, 深度困难: 2,000 yuan a year (policies/qingdao-2024.toml).
        let limit = limits.education[.compulsory]![.deep]!
        var scan = twoArchives()
        try scan.addAid(id: 1, person: head, name: "王建国", student: pupil, kind: .education, byUnion: true, amount: limit)
        try scan.addAid(id: 2, person: head, name: "王建国", student: pupil, kind: .education, byUnion: true, amount: Money(fen: 1))
        let found = scan.finish(limits: limits)
        #expect(found.studentsOverLimit.count == 1)
        #expect(found.studentsOverLimit[0].name == "王小明" && found.studentsOverLimit[0].stage == .compulsory)
        #expect(found.studentsOverLimit[0].total == limit + Money(fen: 1))
    }

    @Test func oneNumberWithTwoNamesIsMisnamedButAStudentFirstMetInAnAidRecordIsNot() throws {
        var scan = twoArchives()
        let stranger = Qingdao.id(born: 2008, 9).number
        try scan.addAid(id: 1, person: otherHead, name: "李晔", student: 0, kind: .warmth, byUnion: true, amount: .yuan(500))
        // The student column gives no name; the record naming them later gives one.
        try scan.addAid(id: 2, person: head, name: "王建国", student: stranger, kind: .education, byUnion: true, amount: .yuan(500))
        try scan.addAid(id: 3, person: stranger, name: "赵一", student: 0, kind: .warmth, byUnion: true, amount: .yuan(500))
        #expect(scan.finish(limits: limits).misnamed == [IDNumber.text(number: otherHead)])
    }

    @Test func modelWorkerAidOfBothKindsIsSummedPerPerson() throws {
        var scan = twoArchives()
        let worker = Qingdao.id(born: 1960, 5).number
        scan.addModelWorker(person: worker, name: "张劳模")
        try scan.addAid(id: 1, person: worker, name: "张劳模", student: 0, kind: .modelWorkerLiving, byUnion: true, amount: limits.modelWorker)
        try scan.addAid(id: 2, person: worker, name: "张劳模", student: 0, kind: .modelWorkerSpecial, byUnion: true, amount: .yuan(1))
        let found = scan.finish(limits: limits)
        #expect(found.workersOverLimit.map(\.aidRecordIDs) == [[1, 2]])
    }
}

extension DuplicateScanTests {
    @Test func anAccountGivenByTwoPeopleIsACandidateAndOneGivenTwiceByOnePersonIsNot() {
        var scan = twoArchives()
        func add(_ account: String, _ holder: Int) { Array(account.utf8).withUnsafeBufferPointer { scan.addAccount($0, holder: holder) } }
        add("6222020200112233446", head)
        add("6222020200112233446", otherHead)
        add("6217000011112222333", spouse)
        add("6217000011112222333", spouse)
        add("", pupil)
        add("", spouse)
        #expect(scan.finish(limits: nil).sharedAccountCandidates == ["6222020200112233446"])
    }
}
