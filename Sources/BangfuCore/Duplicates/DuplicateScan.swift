/// spec §5's checks of one year in a single pass over the records, in memory and keyed by
/// integers, for archives of a province: the store streams the archives, the members, the
/// model workers and the year's aid into it, in that order, and `finish` says which
/// households, students, people and groups are found and which aid records lie behind each.
///
/// It never compares records pairwise, and it keeps one small entry per person, per archive
/// and per aid record, so time and memory grow with the archive, not with its square. The
/// texts of the findings are built afterwards, from the store, for the few found.
///
/// People are keyed by `IDNumber.number` of the numbers as stored (validated on the way in).
public struct DuplicateScan: Sendable {
    typealias Archive = Int32
    typealias Person = Int32

    private struct Head: Sendable {
        var person: Person
        var name: String
    }

    private struct Listing: Sendable {
        var archive: Archive
        var name: String
    }

    /// Where a student counts for the 助学 limit: the first archive (by number) that lists
    /// them at a school stage, as `members` says there.
    private struct StudentHome: Sendable {
        var archive: Archive
        var stage: SchoolStage
        var name: String
    }

    private struct Aid: Sendable {
        var id: Int64
        var person: Person
        /// -1 when the record names no student.
        var student: Person
        var kind: AidKind
        var byUnion: Bool
    }

    // Archives, numbered in the order they came.
    private var archiveIndex: [String: Archive] = [:]
    private var archiveNumbers: [String] = []
    private var categories: [HardshipCategory] = []
    private var heads: [Head] = []
    private var headsListed = false
    private var lastArchive: (number: String, archive: Archive)?

    // People, numbered in the order they came.
    private var personIndex = IntTable<Person>()
    private var keys: [Int] = []
    /// The first name seen; the first sources are the archives, so for a listed person it
    /// is the name of their first listing.
    private var names: [String] = []
    /// The first archive by archive number that lists the person; -1 when none does.
    private var homes: [Archive] = []
    /// Every listing of the few people listed in more than one archive.
    private var listings: [Person: [Listing]] = [:]
    private var misnamed: Set<Person> = []
    private var studentHomes: [Person: StudentHome] = [:]

    // The year's aid.
    private var aid: [Aid] = []
    private var unionRecords = 0
    /// Union 生活 and 医疗 per archive: index `2 × archive` for 生活, `+ 1` for 医疗.
    private var householdTotals: [Int] = []
    private var studentTotals: [Person: Int] = [:]
    private var workerTotals: [Person: Int] = [:]
    /// Who paid each purpose of each target: bit 1 the union, bit 2 another agency.
    private var payers = IntTable<UInt8>()

    // Bank accounts, by a 64-bit hash of their text: who first gave each, and the texts of
    // those given by someone else too.
    private var accountHolders = IntTable<Person>()
    private var sharedAccounts: Set<String> = []

    public init() {}

    // MARK: - Feeding

    /// An archive (困难职工家庭档案) with its head; all archives come before any member.
    public mutating func addArchive(number: String, category: HardshipCategory, head: Int, headName: String) {
        precondition(!headsListed, "archives come first")
        archiveIndex[number] = Archive(archiveNumbers.count)
        archiveNumbers.append(number)
        categories.append(category)
        heads.append(Head(person: person(head, named: headName), name: headName))
    }

    /// A member listed in an archive added before.
    public mutating func addMember(archive number: String, person key: Int, name: String, stage: SchoolStage) {
        precondition(!headsListed, "members come before model workers and aid")
        // Members come archive by archive: most look-ups are the archive of the row before.
        let archive: Archive
        if let last = lastArchive, last.number == number {
            archive = last.archive
        } else {
            guard let found = archiveIndex[number] else { return }
            archive = found
            lastArchive = (number, found)
        }
        let member = person(key, named: name)
        list(member, in: archive, as: name)
        if stage != .none {
            if let home = studentHomes[member], !precedes(archive, home.archive) { return }
            studentHomes[member] = StudentHome(archive: archive, stage: stage, name: name)
        }
    }

    /// The bank account of a head or of a model worker (spec §5 shared_account); an empty
    /// account is none.
    public mutating func addAccount(_ account: UnsafeBufferPointer<UInt8>, holder key: Int) {
        guard !account.isEmpty else { return }
        // FNV-1a: two accounts with one hash only make a candidate that the store re-checks.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in account { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let holder = person(key, named: nil)
        let first = accountHolders.value(for: Int(hash >> 1)) { holder }
        if first != holder { sharedAccounts.insert(String(decoding: account, as: UTF8.self)) }
    }

    /// A model worker (劳模): a name to compare.
    public mutating func addModelWorker(person key: Int, name: String) {
        listHeadsOnce()
        _ = person(key, named: name)
    }

    /// One aid record paid in the year; `student` is 0 when it names none. `AmountOverflow`
    /// names the archive or person whose total of the year leaves an `Int` of fen: only a
    /// database holding amounts no file can bring in reaches it.
    public mutating func addAid(
        id: Int64, person key: Int, name: String, student studentKey: Int, kind: AidKind, byUnion: Bool, amount: Money
    ) throws(AmountOverflow) {
        listHeadsOnce()
        let recipient = person(key, named: name)
        let student = studentKey == 0 ? -1 : person(studentKey, named: nil)
        aid.append(Aid(id: id, person: recipient, student: student, kind: kind, byUnion: byUnion))
        if byUnion {
            unionRecords += 1
            switch kind {
            case .living, .medical:
                if householdTotals.isEmpty { householdTotals = Array(repeating: 0, count: 2 * archiveNumbers.count) }
                try Self.forEachArchive(of: recipient, homes, listings) { (archive) throws(AmountOverflow) in
                    let slot = Self.householdSlot(archive, kind)
                    householdTotals[slot] = try Self.sum(householdTotals[slot], amount, at: "档案\(archiveNumbers[Int(archive)])")
                }
            case .education where student >= 0:
                studentTotals[student] = try Self.sum(studentTotals[student] ?? 0, amount, at: "身份证号\(IDNumber.text(number: studentKey))")
            case .modelWorkerLiving, .modelWorkerSpecial:
                workerTotals[recipient] = try Self.sum(workerTotals[recipient] ?? 0, amount, at: "身份证号\(IDNumber.text(number: key))")
            default: break
            }
        }
        if let target = purposeKey(recipient: recipient, student: student, kind: kind) {
            payers.update(target, initial: 0) { $0 |= byUnion ? 1 : 2 }
        }
    }

    // MARK: - Findings

    /// A household whose union 生活 or 医疗 of the year passes its annual limit.
    public struct HouseholdOverLimit: Sendable {
        public var archive: String
        public var headName: String
        public var category: HardshipCategory
        public var kind: AidKind
        public var total: Money
        public var limit: Money
        public var aidRecordIDs: [Int64]
    }

    /// A student whose union 助学 of the year passes the limit of their stage.
    public struct StudentOverLimit: Sendable {
        public var student: String
        public var name: String
        public var archive: String
        public var stage: SchoolStage
        public var total: Money
        public var limit: Money
        public var aidRecordIDs: [Int64]
    }

    /// A person whose union 劳模 aid of the year passes the annual limit.
    public struct WorkerOverLimit: Sendable {
        public var person: String
        public var total: Money
        public var limit: Money
        public var aidRecordIDs: [Int64]
    }

    /// One purpose of one target paid by the union and by another agency.
    public struct CrossAgency: Sendable {
        public var kind: AidKind
        /// An archive number for 生活 and 医疗 of a listed person, else a 身份证号.
        public var target: String
        /// The name the archives give a target person; nil for an archive or an unlisted person.
        public var targetName: String?
        public var people: [String]
        /// Every record of the group, the union's and the other agencies'.
        public var aidRecordIDs: [Int64]
    }

    /// A person listed in more than one archive.
    public struct TwoHouseholds: Sendable {
        public var person: String
        public var places: [(archive: String, name: String)]
        /// The year's union records paid to them or for them as a student.
        public var aidRecordIDs: [Int64]
    }

    public struct Found: Sendable {
        public var householdsOverLimit: [HouseholdOverLimit] = []
        public var studentsOverLimit: [StudentOverLimit] = []
        public var workersOverLimit: [WorkerOverLimit] = []
        public var crossAgency: [CrossAgency] = []
        public var twoHouseholds: [TwoHouseholds] = []
        /// 身份证号 seen with more than one name.
        public var misnamed: [String] = []
        /// Bank accounts given by more than one person, and perhaps a few that only share a
        /// hash with one: the store counts the holders of each again.
        public var sharedAccountCandidates: [String] = []
        /// Paid union aid records of the year.
        public var unionRecords = 0
    }

    /// What the year's records show; the annual limits are checked only when given.
    public mutating func finish(limits: AnnualLimits?) -> Found {
        listHeadsOnce()
        var found = Found()
        found.unionRecords = unionRecords
        found.misnamed = misnamed.map { IDNumber.text(number: keys[Int($0)]) }
        found.sharedAccountCandidates = sharedAccounts.sorted()

        // Which groups are found; their records are gathered in one more pass below.
        var households: [Int: Int] = [:]  // slot → index in found
        var students: [Person: Int] = [:]
        var workers: [Person: Int] = [:]
        var cross = IntTable<Int>()
        var twice = IntTable<Int>()
        if let limits {
            for (slot, total) in householdTotals.enumerated() where total > 0 {
                let archive = Archive(slot / 2)
                let kind: AidKind = slot % 2 == 0 ? .living : .medical
                let category = categories[Int(archive)]
                let limit = kind == .living ? limits.living[category] ?? .zero : limits.medical
                guard total > limit.fen else { continue }
                households[slot] = found.householdsOverLimit.count
                found.householdsOverLimit.append(HouseholdOverLimit(
                    archive: archiveNumbers[Int(archive)], headName: heads[Int(archive)].name, category: category, kind: kind,
                    total: Money(fen: total), limit: limit, aidRecordIDs: []))
            }
            for (student, total) in studentTotals {
                guard let home = studentHomes[student],
                      let limit = limits.education[home.stage]?[categories[Int(home.archive)]], total > limit.fen else { continue }
                students[student] = found.studentsOverLimit.count
                found.studentsOverLimit.append(StudentOverLimit(
                    student: IDNumber.text(number: keys[Int(student)]), name: home.name, archive: archiveNumbers[Int(home.archive)],
                    stage: home.stage, total: Money(fen: total), limit: limit, aidRecordIDs: []))
            }
            for (worker, total) in workerTotals where total > limits.modelWorker.fen {
                workers[worker] = found.workersOverLimit.count
                found.workersOverLimit.append(WorkerOverLimit(
                    person: IDNumber.text(number: keys[Int(worker)]), total: Money(fen: total), limit: limits.modelWorker, aidRecordIDs: []))
            }
        }
        var crossPeople: [[Person]] = []
        payers.forEach { key, paidBy in
            guard paidBy == 3 else { return }
            _ = cross.value(for: key) { found.crossAgency.count }
            let (target, kind) = Self.purpose(of: key)
            let text: String
            var targetName: String?
            if target % 2 == 0 {
                text = archiveNumbers[target / 2]
            } else {
                let person = Person(target / 2)
                text = IDNumber.text(number: keys[Int(person)])
                if homes[Int(person)] >= 0 { targetName = listings[person].map { $0.map(\.name).min()! } ?? names[Int(person)] }
            }
            found.crossAgency.append(CrossAgency(kind: kind, target: text, targetName: targetName, people: [], aidRecordIDs: []))
            crossPeople.append([])
        }
        for (person, places) in listings {
            _ = twice.value(for: Int(person)) { found.twoHouseholds.count }
            found.twoHouseholds.append(TwoHouseholds(
                person: IDNumber.text(number: keys[Int(person)]), places: places.map { (archiveNumbers[Int($0.archive)], $0.name) }, aidRecordIDs: []))
        }

        for record in aid {
            if record.byUnion {
                switch record.kind {
                case .living, .medical:
                    guard !households.isEmpty else { break }
                    Self.forEachArchive(of: record.person, homes, listings) { archive in
                        if let index = households[Self.householdSlot(archive, record.kind)] { found.householdsOverLimit[index].aidRecordIDs.append(record.id) }
                    }
                case .education where record.student >= 0:
                    if let index = students[record.student] { found.studentsOverLimit[index].aidRecordIDs.append(record.id) }
                case .modelWorkerLiving, .modelWorkerSpecial:
                    if let index = workers[record.person] { found.workersOverLimit[index].aidRecordIDs.append(record.id) }
                default: break
                }
                if let index = twice[Int(record.person)] { found.twoHouseholds[index].aidRecordIDs.append(record.id) }
                if record.student >= 0, record.student != record.person, let index = twice[Int(record.student)] {
                    found.twoHouseholds[index].aidRecordIDs.append(record.id)
                }
            }
            if let key = purposeKey(recipient: record.person, student: record.student, kind: record.kind), let index = cross[key] {
                found.crossAgency[index].aidRecordIDs.append(record.id)
                crossPeople[index].append(record.kind == .education && record.student >= 0 ? record.student : record.person)
            }
        }
        for index in found.crossAgency.indices {
            found.crossAgency[index].people = Set(crossPeople[index]).map { IDNumber.text(number: keys[Int($0)]) }.sorted()
        }
        return found
    }

    // MARK: - People and archives

    /// The person of a 身份证号, added on first sight; a name differing from the first one
    /// seen marks the number as misnamed.
    private mutating func person(_ key: Int, named name: String?) -> Person {
        let person = personIndex.value(for: key) { Person(keys.count) }
        guard Int(person) == keys.count else {
            // A student first met in an aid record has no name yet.
            if let name, name != names[Int(person)] {
                if names[Int(person)].isEmpty { names[Int(person)] = name } else { misnamed.insert(person) }
            }
            return person
        }
        keys.append(key)
        names.append(name ?? "")
        homes.append(-1)
        return person
    }

    private mutating func list(_ person: Person, in archive: Archive, as name: String) {
        let home = homes[Int(person)]
        if home < 0 {
            homes[Int(person)] = archive
            return
        }
        var places = listings[person] ?? [Listing(archive: home, name: names[Int(person)])]
        guard !places.contains(where: { $0.archive == archive }) else { return }
        places.append(Listing(archive: archive, name: name))
        listings[person] = places
        if precedes(archive, home) { homes[Int(person)] = archive }
    }

    /// spec §3: the head is listed in their archive unless a member row already lists them
    /// there; the member row, read first, gives the listing's name.
    private mutating func listHeadsOnce() {
        guard !headsListed else { return }
        headsListed = true
        for (archive, head) in heads.enumerated() { list(head.person, in: Archive(archive), as: head.name) }
    }

    /// Every archive listing the person: one for nearly everybody, so no array is made.
    /// Static, so that a body changing the scan does not make Swift copy it for the call
    /// (a copy of the 生活 totals for every record).
    private static func forEachArchive<Failure: Error>(
        of person: Person, _ homes: [Archive], _ listings: [Person: [Listing]], _ body: (Archive) throws(Failure) -> Void
    ) throws(Failure) {
        let home = homes[Int(person)]
        guard home >= 0 else { return }
        if let places = listings[person] {
            for place in places { try body(place.archive) }
        } else {
            try body(home)
        }
    }

    /// `total + amount` in fen; `AmountOverflow` at `record` (built only when it fails).
    private static func sum(_ total: Int, _ amount: Money, at record: @autoclosure () -> String) throws(AmountOverflow) -> Int {
        let (sum, overflow) = total.addingReportingOverflow(amount.fen)
        guard !overflow else { throw AmountOverflow(record: record()) }
        return sum
    }

    /// Archive numbers compare as SQLite compares texts: byte by byte.
    private func precedes(_ archive: Archive, _ other: Archive) -> Bool {
        archiveNumbers[Int(archive)].utf8.lexicographicallyPrecedes(archiveNumbers[Int(other)].utf8)
    }

    // MARK: - Keys

    private static func householdSlot(_ archive: Archive, _ kind: AidKind) -> Int { 2 * Int(archive) + (kind == .living ? 0 : 1) }

    private static let kinds = AidKind.allCases

    /// spec §5 cross_agency compares a purpose where it is paid: 助学 per student, 生活 and
    /// 医疗 per household (the first archive listing the recipient), the other kinds per
    /// person. 其他 has no purpose. The key packs the target (an archive `2a`, a person
    /// `2p + 1`) and the kind.
    private func purposeKey(recipient: Person, student: Person, kind: AidKind) -> Int? {
        guard kind != .other else { return nil }
        let person = kind == .education && student >= 0 ? student : recipient
        let home = homes[Int(person)]
        let target = (kind == .living || kind == .medical) && home >= 0 ? 2 * Int(home) : 2 * Int(person) + 1
        return target * Self.kinds.count + Self.kinds.firstIndex(of: kind)!
    }

    private static func purpose(of key: Int) -> (target: Int, kind: AidKind) {
        (key / kinds.count, kinds[key % kinds.count])
    }
}
