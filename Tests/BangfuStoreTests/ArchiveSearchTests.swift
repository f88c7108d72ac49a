import BangfuCore
import GRDB
import Testing

@testable import BangfuStore

/// Archives for the search tests: 档案编号, head, union, category, status, members' names.
struct SearchFixture {
    static func idNumber(_ sequence: Int, born year: Int = 1975) -> IDNumber {
        IDNumber(region: 370202, birth: CalendarDate(year: year, month: 3, day: 9)!, sequence: sequence)
    }

    static func household(
        _ number: String, head: String, sequence: Int, union: String = "港集团工会", category: HardshipCategory = .deep,
        status: ArchiveStatus = .active
    ) -> Household {
        Household(
            archiveNumber: ArchiveNumber(number), headName: head, headIDNumber: idNumber(sequence), workUnit: "青岛港集团",
            unionName: union, category: category, registeredOn: CalendarDate(year: 2022, month: 3, day: 15)!, size: 3,
            annualIncome: Money.yuan(24000), phone: "", bankName: "", bankAccount: "", status: status)
    }

    static func member(_ number: String, _ name: String, sequence: Int) -> Member {
        Member(archiveNumber: ArchiveNumber(number), name: name, idNumber: idNumber(sequence, born: 2008), relation: "子女", schoolStage: .compulsory)
    }

    /// 王小明's archive with his son 李明 and daughter 王芳; 张伟 alone in another union;
    /// 陈静, related hardship, exited; 赵海 with his daughter 赵小红, accident.
    static func store() throws -> BangfuDatabase {
        let store = try BangfuDatabase()
        try store.inTransaction { writer in
            try writer.upsert(household("QD-001", head: "王小明", sequence: 11))
            try writer.upsert(household("QD-002", head: "张伟", sequence: 21, union: "海尔集团工会"))
            try writer.upsert(household("QD-003", head: "陈静", sequence: 31, category: .relative, status: .exited))
            try writer.upsert(household("QD-004", head: "赵海", sequence: 41, category: .accident))
            try writer.upsert(member("QD-001", "王小明", sequence: 11))
            try writer.upsert(member("QD-001", "李明", sequence: 12))
            try writer.upsert(member("QD-001", "王芳", sequence: 13))
            try writer.upsert(member("QD-004", "赵小红", sequence: 42))
        }
        return store
    }
}

extension BangfuDatabase {
    /// The 档案编号 `query` finds on its page.
    func numbers(_ query: ArchiveQuery) throws -> [String] {
        try searchArchives(query).page.map(\.0.archiveNumber.value)
    }

    /// Whether the name index holds exactly what a fresh fill from the stored names makes.
    func nameIndexMatchesTheNames() throws -> Bool {
        try queue.write { db in
            let read = { try String.fetchAll(db, sql: "SELECT suffix || ' ' || archive_no FROM name_suffixes ORDER BY 1") }
            let stored = try read()
            try db.execute(sql: "DELETE FROM name_suffixes")
            try db.execute(sql: NameSuffixes.fillSQL(table: "households", name: "head_name"))
            try db.execute(sql: NameSuffixes.fillSQL(table: "members", name: "name"))
            return try read() == stored
        }
    }
}

struct ArchiveSearchTests {
    @Test func oneCharacterOfAHeadOrMemberNameFindsTheArchive() throws {
        let store = try SearchFixture.store()
        #expect(try store.numbers(ArchiveQuery(text: "明")) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "红")) == ["QD-004"])
        #expect(try store.numbers(ArchiveQuery(text: "小")) == ["QD-001", "QD-004"])
    }

    @Test func twoCharactersFromAnywhereInANameFindTheArchive() throws {
        let store = try SearchFixture.store()
        #expect(try store.numbers(ArchiveQuery(text: "小明")) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "王小")) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "王芳")) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "小红")) == ["QD-004"])
    }

    @Test func threeCharactersFindTheWholeNameAndNothingElse() throws {
        let store = try SearchFixture.store()
        #expect(try store.numbers(ArchiveQuery(text: "赵小红")) == ["QD-004"])
        #expect(try store.numbers(ArchiveQuery(text: " 王小明 ")) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "王小红")).isEmpty)
        #expect(try store.numbers(ArchiveQuery(text: "明小")).isEmpty)
    }

    @Test func anArchiveNumberMatchesExactlyNotAsAPart() throws {
        let store = try SearchFixture.store()
        #expect(try store.numbers(ArchiveQuery(text: "QD-003")) == ["QD-003"])
        #expect(try store.numbers(ArchiveQuery(text: "QD-00")).isEmpty)
    }

    @Test func anIDNumberFindsTheArchiveOfItsHeadOrMemberWhateverTheCaseOfItsX() throws {
        let store = try SearchFixture.store()
        #expect(try store.numbers(ArchiveQuery(text: SearchFixture.idNumber(21).value)) == ["QD-002"])
        let member = SearchFixture.idNumber(42, born: 2008).value
        #expect(try store.numbers(ArchiveQuery(text: member.lowercased())) == ["QD-004"])
        #expect(try store.numbers(ArchiveQuery(text: String(member.dropLast()))).isEmpty)
    }

    @Test func statusCategoryAndUnionFiltersNarrowTheFindings() throws {
        let store = try SearchFixture.store()
        #expect(try store.numbers(ArchiveQuery(status: .exited)) == ["QD-003"])
        #expect(try store.numbers(ArchiveQuery(category: .accident)) == ["QD-004"])
        #expect(try store.numbers(ArchiveQuery(unionFilter: "海尔集团工会")) == ["QD-002"])
        #expect(try store.numbers(ArchiveQuery(text: "小", category: .deep)) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "小", status: .active, category: .accident)) == ["QD-004"])
    }

    @Test func anAccountOfOneUnionAskingForAnotherUnionsArchivesFindsNone() throws {
        let store = try SearchFixture.store()
        let asked = ArchiveQuery(text: "张伟", union: "港集团工会", unionFilter: "海尔集团工会")
        #expect(try store.searchArchives(asked).total == 0)
        #expect(try store.numbers(asked).isEmpty)
        #expect(try store.numbers(ArchiveQuery(union: "港集团工会", unionFilter: "港集团工会")) == ["QD-001", "QD-003", "QD-004"])
    }

    @Test func theUnionScopeHidesOtherUnionsArchivesFromEveryKindOfText() throws {
        let store = try SearchFixture.store()
        for text in ["张", "张伟", "QD-002", SearchFixture.idNumber(21).value] {
            #expect(try store.searchArchives(ArchiveQuery(text: text, union: "港集团工会")).total == 0, "\(text)")
        }
        #expect(try store.numbers(ArchiveQuery(text: "张伟", union: "海尔集团工会")) == ["QD-002"])
    }

    @Test func pagesFollowTheArchiveNumbersAndTheTotalCountsThemAll() throws {
        let store = try SearchFixture.store()
        let second = try store.searchArchives(ArchiveQuery(offset: 2, limit: 2))
        #expect(second.page.map(\.0.archiveNumber.value) == ["QD-003", "QD-004"])
        #expect(second.total == 4)
        #expect(!second.totalIsCapped)
        #expect(try store.numbers(ArchiveQuery(text: "小", offset: 1, limit: 1)) == ["QD-004"])
    }

    @Test func aPageCarriesItsArchivesMembersInFileOrder() throws {
        let store = try SearchFixture.store()
        let found = try store.searchArchives(ArchiveQuery(text: "李明"))
        #expect(found.page.first?.1.map(\.name) == ["王小明", "李明", "王芳"])
    }

    @Test func aCountBeyondTheLimitStopsThereAndSaysSoWhileThePagesStayTheSame() throws {
        let store = try SearchFixture.store()
        for text in ["小", "王", nil] {
            for offset in 0..<3 {
                let capped = try store.searchArchives(ArchiveQuery(text: text, offset: offset, limit: 1, countLimit: 1))
                let counted = try store.searchArchives(ArchiveQuery(text: text, offset: offset, limit: 1))
                #expect(capped.total == 1)
                #expect(capped.totalIsCapped == (counted.total > 1))
                #expect(capped.page.map(\.0.archiveNumber) == counted.page.map(\.0.archiveNumber), "\(text ?? "") \(offset)")
            }
        }
    }

    @Test func aNamePartWithLikeWildcardsIsTakenLiterally() throws {
        let store = try SearchFixture.store()
        #expect(try store.numbers(ArchiveQuery(text: "%")).isEmpty)
        #expect(try store.numbers(ArchiveQuery(text: "_")).isEmpty)
    }
}

/// The name index stays right whoever writes the archives.
struct NameIndexUpkeepTests {
    @Test func reimportingAHeadUnderANewNameFindsTheNewNameOnly() throws {
        let store = try SearchFixture.store()
        _ = try store.inTransaction { try $0.upsert(SearchFixture.household("QD-002", head: "张卫东", sequence: 21, union: "海尔集团工会")) }
        #expect(try store.numbers(ArchiveQuery(text: "卫东")) == ["QD-002"])
        #expect(try store.numbers(ArchiveQuery(text: "伟")).isEmpty)
        #expect(try store.nameIndexMatchesTheNames())
    }

    @Test func anUpdatedMemberNameIsFoundByItsNewNameAndNotItsOld() throws {
        let store = try SearchFixture.store()
        try store.queue.write { try $0.execute(sql: "UPDATE members SET name = '赵红梅' WHERE name = '赵小红'") }
        #expect(try store.numbers(ArchiveQuery(text: "红梅")) == ["QD-004"])
        #expect(try store.numbers(ArchiveQuery(text: "小红")).isEmpty)
        #expect(try store.nameIndexMatchesTheNames())
    }

    @Test func aDeletedMemberIsNoLongerFoundButWhatAnotherNameSharesStays() throws {
        let store = try SearchFixture.store()
        try store.queue.write { try $0.execute(sql: "DELETE FROM members WHERE name = '李明'") }
        #expect(try store.numbers(ArchiveQuery(text: "李")).isEmpty)
        #expect(try store.numbers(ArchiveQuery(text: "明")) == ["QD-001"])
        #expect(try store.nameIndexMatchesTheNames())
    }

    @Test func replacingAnArchivesMembersReplacesWhatItsNamesFind() throws {
        let store = try SearchFixture.store()
        try store.queue.write { db in
            try db.execute(sql: "DELETE FROM members WHERE archive_no = 'QD-001'")
            try db.execute(
                sql: "INSERT INTO members(archive_no, name, id_number) VALUES ('QD-001', '孙丽', ?)",
                arguments: [SearchFixture.idNumber(14, born: 2008).value])
        }
        #expect(try store.numbers(ArchiveQuery(text: "孙丽")) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "王小明")) == ["QD-001"], "the head's own name stays")
        #expect(try store.numbers(ArchiveQuery(text: "芳")).isEmpty)
        #expect(try store.nameIndexMatchesTheNames())
    }

    @Test func aDeletedArchiveIsNoLongerFound() throws {
        let store = try SearchFixture.store()
        try store.queue.write { try $0.execute(sql: "DELETE FROM households WHERE archive_no = 'QD-002'") }
        #expect(try store.numbers(ArchiveQuery(text: "伟")).isEmpty)
        #expect(try store.nameIndexMatchesTheNames())
    }

    @Test func aRenumberedArchiveIsFoundUnderItsNewNumberWithItsMembers() throws {
        let store = try SearchFixture.store()
        try store.queue.write { try $0.execute(sql: "UPDATE households SET archive_no = 'QD-104' WHERE archive_no = 'QD-004'") }
        #expect(try store.numbers(ArchiveQuery(text: "小红")) == ["QD-104"])
        #expect(try store.numbers(ArchiveQuery(text: "赵海")) == ["QD-104"])
        #expect(try store.nameIndexMatchesTheNames())
    }

    @Test func aFirstBulkLoadFillsTheIndexAndLeavesTheTriggersInPlace() throws {
        let store = try BangfuDatabase()
        let triggers = { try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'name_suffixes%'") } }
        let before = try triggers()
        try store.inBulkTransaction(into: "households") { writer in
            try writer.upsert(SearchFixture.household("QD-001", head: "王小明", sequence: 11), row: 2)
            try writer.upsert(SearchFixture.household("QD-002", head: "张伟", sequence: 21), row: 3)
        }
        _ = try store.inBulkTransaction(into: "members") { writer in
            try writer.upsert(SearchFixture.member("QD-002", "刘芳", sequence: 22), row: 2)
        }
        #expect(try store.numbers(ArchiveQuery(text: "小明")) == ["QD-001"])
        #expect(try store.numbers(ArchiveQuery(text: "芳")) == ["QD-002"])
        #expect(try triggers() == before)
        // A later load into tables with rows is kept by the triggers.
        _ = try store.inBulkTransaction(into: "members") { writer in
            try writer.upsert(SearchFixture.member("QD-001", "周杰", sequence: 12), row: 2)
        }
        #expect(try store.numbers(ArchiveQuery(text: "杰")) == ["QD-001"])
        #expect(try store.nameIndexMatchesTheNames())
    }

    @Test func aFailedBulkLoadLeavesTheIndexAndTriggersAsTheyWere() throws {
        struct Stop: Error {}
        let store = try BangfuDatabase()
        #expect(throws: Stop.self) {
            try store.inBulkTransaction(into: "households") { writer in
                try writer.upsert(SearchFixture.household("QD-001", head: "王小明", sequence: 11), row: 2)
                throw Stop()
            }
        }
        _ = try store.inTransaction { try $0.upsert(SearchFixture.household("QD-009", head: "高山", sequence: 91)) }
        #expect(try store.numbers(ArchiveQuery(text: "山")) == ["QD-009"])
        #expect(try store.numbers(ArchiveQuery(text: "明")).isEmpty)
    }

    @Test func theMigrationIndexesTheNamesAlreadyStored() throws {
        // Given a file of version 5 with an archive and a member
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v5 accounts")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO households(archive_no, head_name, head_id_number, category, registered_on, size, annual_income_fen)
                    VALUES ('QD-001', '王建国', ?, 'deep', '2022-03-15', 3, 2400000)
                    """, arguments: [SearchFixture.idNumber(11).value])
            try db.execute(
                sql: "INSERT INTO members(archive_no, name, id_number) VALUES ('QD-001', '王晓', ?)",
                arguments: [SearchFixture.idNumber(12, born: 2008).value])
        }
        // When it is brought up to date
        try Schema.migrator.migrate(queue)
        // Then both names are indexed
        let suffixes = try queue.read { try String.fetchAll($0, sql: "SELECT suffix FROM name_suffixes ORDER BY suffix") }
        #expect(Set(suffixes) == ["王建国", "建国", "国", "王晓", "晓"])
    }
}
