/// One paid aid record as a finding quotes it.
public struct PaidAid: Hashable, Sendable {
    public var id: Int64
    public var paidOn: String
    public var amount: Money
    public var name: String
    public var batch: Int64?
    public var payer: String
    public var idNumber: String

    public init(id: Int64, paidOn: String, amount: Money, name: String, batch: Int64?, payer: String, idNumber: String) {
        self.id = id
        self.paidOn = paidOn
        self.amount = amount
        self.name = name
        self.batch = batch
        self.payer = payer
        self.idNumber = idNumber
    }

    /// `2024-01-25 王建国 6,000.00元（工会，批次1）`
    var quoted: String {
        "\(paidOn) \(name) \(amount.formatted)元（\(payer)" + (batch.map { "，批次\($0)" } ?? "") + "）"
    }
}

/// One entry of a batch as a same_batch finding quotes it.
public struct SameBatchEntry: Hashable, Sendable {
    public var position: Int
    public var name: String
    public var amount: Money
    public var archive: String

    public init(position: Int, name: String, amount: Money, archive: String) {
        self.position = position
        self.name = name
        self.amount = amount
        self.archive = archive
    }
}

/// What each finding says to the person reviewing it: who, where, when, how much.
public enum FindingText {
    /// `student`: the student's name when the repeated person is a student (助学).
    public static func sameBatch(batch: Int64, batchName: String, person: String, student: String?, entries: [SameBatchEntry]) -> String {
        let who = student.map { "学生\($0)" } ?? (entries.first?.name ?? "")
        let lines = entries.map {
            "第\($0.position)条" + ($0.archive.isEmpty ? "" : "（档案\($0.archive)" + (student == nil ? "" : "，户主\($0.name)") + "）") + " \($0.amount.formatted)元"
        }
        return "批次\(batch)「\(batchName)」中\(who)（\(person)）出现\(entries.count)次：" + lines.joined(separator: "；")
    }

    public static func householdOverLimit(
        archive: String, head: String, category: HardshipCategory, kind: AidKind, year: Int, total: Money, limit: Money, dibao: Money, aid: [PaidAid]
    ) -> String {
        let rule = kind == .living ? "（\(category.chineseName)，按当年最高低保\(dibao.plainYuan)元计）" : ""
        return "档案\(archive)（户主\(head)）\(year)年工会\(kind.chineseName)合计\(total.formatted)元，超过年度上限\(limit.formatted)元\(rule)"
            + "，超出\((total - limit).formatted)元：" + aid.sorted { $0.paidOn < $1.paidOn }.map(\.quoted).joined(separator: "；")
    }

    public static func studentOverLimit(
        student: String, studentID: String, archive: String, stage: SchoolStage, year: Int, total: Money, limit: Money, aid: [PaidAid]
    ) -> String {
        "学生\(student)（\(studentID)，\(stage.chineseName)，档案\(archive)）\(year)年工会助学合计\(total.formatted)元，超过每生每年上限\(limit.formatted)元"
            + "，超出\((total - limit).formatted)元：" + aid.sorted { $0.paidOn < $1.paidOn }.map(\.quoted).joined(separator: "；")
    }

    public static func modelWorkerOverLimit(idNumber: String, year: Int, total: Money, limit: Money, aid: [PaidAid]) -> String {
        let name = aid.first?.name ?? ""
        return "劳模\(name)（\(idNumber)）\(year)年工会劳模补助合计\(total.formatted)元，超过每人每年上限\(limit.formatted)元"
            + "，超出\((total - limit).formatted)元：" + aid.sorted { $0.paidOn < $1.paidOn }.map(\.quoted).joined(separator: "；")
    }

    public static func twoHouseholds(person: String, places: [(archive: String, name: String)]) -> String {
        let names = Set(places.map(\.name)).sorted().joined(separator: "、")
        return "\(names)（\(person)）同时登记在\(places.count)个档案中：" + places.map { "档案\($0.archive)" }.sorted().joined(separator: "、")
    }

    /// `target` is what was compared: an archive for 生活/医疗, the student for 助学, else the person.
    public static func crossAgency(kind: AidKind, target: String, targetName: String?, aid: [PaidAid]) -> String {
        let union = aid.filter { $0.payer == "工会" }
        let others = aid.filter { $0.payer != "工会" }
        let whom = target.count != 18 ? "档案\(target)的家庭"
            : kind == .education ? "学生\(targetName ?? "")（\(target)）" : "\(targetName ?? aid.first?.name ?? "")（\(target)）"
        let agencies = Set(others.map(\.payer)).sorted().joined(separator: "、")
        return "\(whom)同年既获工会\(kind.chineseName)，又获\(agencies)\(kind.chineseName)：" + (union + others).map(\.quoted).joined(separator: "；")
    }

    public static func sharedAccount(account: String, holders: [(name: String, place: String, idNumber: String)]) -> String {
        "银行账号\(account)由\(Set(holders.map(\.idNumber)).count)人共用：" + holders.map { "\($0.name)（\($0.place)，\($0.idNumber)）" }.joined(separator: "、")
    }

    public static func idNameMismatch(idNumber: String, seen: [(name: String, place: String)]) -> String {
        var byName: [String: [String]] = [:]
        for (name, place) in seen { byName[name, default: []].append(place) }
        return "身份证号\(idNumber)对应不同姓名：" + byName.keys.sorted().map { name in
            "\(name)（\(byName[name]!.prefix(3).joined(separator: "、"))\(byName[name]!.count > 3 ? "等\(byName[name]!.count)处" : "")）"
        }.joined(separator: "；")
    }
}
