import BangfuCore
import HummingbirdBcrypt

/// Passwords as spec §8 wants them: at least 10 characters with letters and digits, kept
/// only as a slow salted hash (bcrypt).
public enum Passwords {
    /// bcrypt's cost: 2^cost rounds. 11 takes about 115 ms a check on this project's
    /// 2-core machines (measured in `bench/NOTES.md`): slow enough to make guessing costly,
    /// quick enough for a sign-in.
    public static let cost: UInt8 = 11

    /// The fewest characters a password may have.
    public static let minimumLength = 10

    /// Why `password` is refused, or nil when it is strong enough.
    public static func weakness(of password: String) -> PasswordWeakness? {
        if password.count < minimumLength { return .tooShort(password.count) }
        if !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) { return .needsLettersAndDigits }
        // bcrypt reads 72 bytes at most: a longer password would be cut without a word.
        if password.utf8.count > 72 { return .tooLong }
        return nil
    }

    /// The hash to store for `password`, a new salt each time.
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    /// Whether `password` is the one `hash` was made from.
    public static func verify(_ password: String, against hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}

/// Why a password is refused (spec §8: exit 1).
public enum PasswordWeakness: Error, Equatable, Sendable, UserFacingError {
    case tooShort(Int)
    case needsLettersAndDigits
    case tooLong

    public var chinese: String {
        switch self {
        case .tooShort(let count): "密码只有\(count)个字符，至少需要\(Passwords.minimumLength)个"
        case .needsLettersAndDigits: "密码须同时包含字母和数字"
        case .tooLong: "密码超过72个字节（bcrypt 只读前72个字节）"
        }
    }

    public var english: String {
        switch self {
        case .tooShort(let count): "the password has \(count) characters; at least \(Passwords.minimumLength) are needed"
        case .needsLettersAndDigits: "the password needs letters and digits"
        case .tooLong: "the password is longer than bcrypt's 72 bytes"
        }
    }
}
