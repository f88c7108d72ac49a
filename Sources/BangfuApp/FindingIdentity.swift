import BangfuCore

/// The opaque id of a duplicate-aid finding: an HMAC-SHA-256, under the database's own key,
/// of what identifies the finding (`DuplicateFinding.identity`), cut to 32 hexadecimal
/// digits. The same finding gets the same id at every scan, so its decision comes back;
/// a plain digest would not do, as a masked 身份证号 hides only a birth date, which anyone
/// could guess through the digest in a few thousand tries.
enum FindingIdentity {
    static func id(of finding: DuplicateFinding, year: Int, key: [UInt8]) -> String {
        String(SHA256.hmac(key: key, message: Array(finding.identity(year: year).utf8)).prefix(32))
    }
}
