import Testing

@testable import BangfuCore

struct IDNumberTests {
    // GB 11643-1999's own example number.
    let standardExample = "11010519491231002X"

    @Test func idNumbersDifferingOnlyInTheCheckPlaceHaveDistinctNumbers() throws {
        // The number is the 18 characters in base 11, X as 10: one digit apart, never equal.
        let withX = try #require(IDNumber("11010519491231002X"))
        #expect(withX.number % 11 == 10)
        let ids = (1...2000).map { IDNumber(region: 370202, birth: CalendarDate(year: 1980, month: 1 + $0 % 12, day: 1 + $0 % 28)!, sequence: $0 % 999) }
        #expect(Set(ids.map(\.number)).count == Set(ids).count)
    }

    @Test func aNumberGivesBackItsEighteenCharacters() throws {
        let ids = try [IDNumber(validating: standardExample)]
            + (1...300).map { IDNumber(region: 370202, birth: CalendarDate(year: 1950 + $0 % 60, month: 1 + $0 % 12, day: 1 + $0 % 28)!, sequence: $0) }
        for id in ids {
            #expect(IDNumber.text(number: id.number) == id.value)
            #expect(IDNumber.number(utf8: Array(id.value.utf8)) == id.number)
        }
    }

    @Test func numbersCompareAndSortAsTheirTexts() throws {
        // `IDNumber` compares, sorts and hashes by its number: it must agree with the text.
        let ids = (1...500).map { IDNumber(region: 370202 + $0 % 7, birth: CalendarDate(year: 1950 + $0 % 60, month: 1 + $0 % 12, day: 1 + $0 % 28)!, sequence: ($0 * 37) % 999) }
            + [try IDNumber(validating: standardExample)]
        #expect(ids.sorted().map(\.value) == ids.map(\.value).sorted())
        for (a, b) in zip(ids, ids.shuffled()) { #expect((a == b) == (a.value == b.value)) }
        #expect(Set(ids).count == Set(ids.map(\.value)).count)
    }

    @Test func aTrimmedNumberWithLowerCaseXIsTheSameNumber() throws {
        let typed = try IDNumber(validating: " 11010519491231002x\u{3000}")
        #expect(typed.value == standardExample)
        #expect(typed == (try IDNumber(validating: standardExample)))
        #expect(typed.number == IDNumber.number(utf8: Array(standardExample.utf8)))
    }

    @Test func aValidNumberIsAccepted() throws {
        let id = try IDNumber(validating: standardExample)
        #expect(id.value == standardExample)
        #expect(id.birthDate == CalendarDate(year: 1949, month: 12, day: 31))
        #expect(id.isMale == false)
    }

    @Test func lowerCaseXIsAcceptedAndStoredUpperCase() throws {
        let id = try IDNumber(validating: "11010519491231002x")
        #expect(id.value == standardExample)
    }

    @Test func aWrongCheckDigitIsRefusedNamingTheRightOne() {
        #expect(throws: IDNumber.Problem.checkDigit(expected: "X")) { try IDNumber(validating: "110105194912310021") }
    }

    @Test func anImpossibleBirthDateIsRefused() {
        // 1949-02-30 does not exist; the check digit is made right so only the date fails.
        let body = "11010519490230002"
        let check = IDNumber.checkCharacter(forFirst17: body.utf8.map { Int($0 - 48) })
        #expect(throws: IDNumber.Problem.birthDate("19490230")) { try IDNumber(validating: body + String(check)) }
    }

    @Test func leapDayBirthsAreValidOnlyInLeapYears() {
        let leap = IDNumber(region: 370202, birth: CalendarDate(year: 2000, month: 2, day: 29)!, sequence: 11)
        #expect(IDNumber(leap.value) != nil)
        let body = "37020219000229001"
        let check = IDNumber.checkCharacter(forFirst17: body.utf8.map { Int($0 - 48) })
        #expect(IDNumber(body + String(check)) == nil, "1900 is not a leap year")
    }

    @Test("wrong length or characters are refused", arguments: ["", "1101051949123100", "11010519491231002X1", "1101051949123100AX", "１１０１０５１９４９１２３１００２X"])
    func malformedNumbersAreRefused(text: String) {
        #expect(IDNumber(text) == nil)
    }

    @Test func generatedNumbersPassValidationAndCarryTheirSex() {
        let man = IDNumber(region: 370203, birth: CalendarDate(year: 1975, month: 6, day: 1)!, sequence: 123)
        #expect(IDNumber(man.value) == man)
        #expect(man.isMale)
        #expect(man.masked == "370203********123" + man.value.suffix(1))
    }

    @Test func theAgeCountsWholeYearsFromTheBirthDateInTheNumber() {
        let number = IDNumber(region: 370203, birth: CalendarDate(year: 1975, month: 6, day: 1)!, sequence: 124)
        #expect(number.age(on: CalendarDate(year: 2024, month: 5, day: 31)!) == 48)
        #expect(number.age(on: CalendarDate(year: 2024, month: 6, day: 1)!) == 49)
        #expect(number.sexName == "女")
        let leap = IDNumber(region: 370202, birth: CalendarDate(year: 2000, month: 2, day: 29)!, sequence: 11)
        #expect(leap.age(on: CalendarDate(year: 2001, month: 2, day: 28)!) == 0)
        #expect(leap.age(on: CalendarDate(year: 2001, month: 3, day: 1)!) == 1)
    }

    @Test func aYearAgoIsTheSameDayOrTheLastOfFebruary() {
        #expect(CalendarDate(year: 2026, month: 12, day: 6)!.adding(years: -1) == CalendarDate(year: 2025, month: 12, day: 6)!)
        #expect(CalendarDate(year: 2024, month: 2, day: 29)!.adding(years: -1) == CalendarDate(year: 2023, month: 2, day: 28)!)
    }
}
