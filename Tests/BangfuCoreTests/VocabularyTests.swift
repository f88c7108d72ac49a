import Testing

@testable import BangfuCore

struct VocabularyTests {
    @Test func chineseWordsOfSpecSection3MapToTheJSONWordsOfSection6() {
        #expect(HardshipCategory(chineseName: "意外致困") == .accident)
        #expect(SchoolStage(chineseName: "中职")?.rawValue == "vocational")
        #expect(SchoolStage(chineseName: "高中")?.rawValue == "high_school")
        #expect(SpecialCause(chineseName: "劳动功能障碍或生活自理障碍")?.rawValue == "disability")
        #expect(AidKind(chineseName: "劳模特殊困难帮扶")?.rawValue == "model-worker-special")
        #expect(ArchiveStatus(chineseName: "销档") == .closed)
        #expect(HonorLevel(chineseName: "省部级") == .provincial)
        #expect(HardshipCategory(chineseName: "困难") == nil)
    }

    @Test func militaryStudentsAreRecognisedFromTheNote() throws {
        let id = IDNumber(region: 370202, birth: CalendarDate(year: 2004, month: 3, day: 2)!, sequence: 21)
        var member = Member(archiveNumber: ArchiveNumber("A1"), name: "张三", idNumber: id, relation: "子女", schoolStage: .undergraduate)
        #expect(!member.isMilitaryStudent)
        member.note = "国防生"
        #expect(member.isMilitaryStudent)
    }

    @Test func contactChecksFlagImplausibleNumbers() {
        #expect(ContactChecks.isPlausiblePhone("13812345678"))
        #expect(ContactChecks.isPlausiblePhone("0532-88886666"))
        #expect(!ContactChecks.isPlausiblePhone("12345"))
        #expect(ContactChecks.isPlausibleBankCard("4111111111111111"))
        #expect(!ContactChecks.isPlausibleBankCard("4111111111111112"))
    }
}
