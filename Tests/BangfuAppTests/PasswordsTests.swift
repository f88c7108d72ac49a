import BangfuApp
import Testing

/// spec §8: at least 10 characters with letters and digits, kept as a bcrypt hash.
struct PasswordsTests {
    @Test func aPasswordNeedsTenCharactersWithLettersAndDigits() {
        #expect(Passwords.weakness(of: "abc12345") == .tooShort(8))
        #expect(Passwords.weakness(of: "abcdefghijk") == .needsLettersAndDigits)
        #expect(Passwords.weakness(of: "1234567890") == .needsLettersAndDigits)
        #expect(Passwords.weakness(of: "职工服务中心2024年度") == nil)
        #expect(Passwords.weakness(of: "Secret2024pass") == nil)
        #expect(Passwords.weakness(of: String(repeating: "a1", count: 40)) == .tooLong)
    }

    @Test func theHashIsSaltedSlowAndChecksOnlyItsPassword() {
        let first = Passwords.hash("Secret2024pass")
        let second = Passwords.hash("Secret2024pass")
        #expect(first != second, "a new salt each time")
        #expect(first.hasPrefix("$2b$\(Passwords.cost)$"))
        #expect(!first.contains("Secret2024pass"))
        #expect(Passwords.verify("Secret2024pass", against: first))
        #expect(!Passwords.verify("Secret2024pasS", against: first))
    }
}
