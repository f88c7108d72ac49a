extension SHA256 {
    /// HMAC-SHA-256 (RFC 2104) of `message` under `key`, as 64 lowercase hexadecimal digits:
    /// a digest nobody without the key can recompute from a guess of the message.
    public static func hmac(key: [UInt8], message: [UInt8]) -> String {
        var block = key
        if block.count > 64 {
            var long = SHA256()
            long.update(block)
            block = bytes(ofHex: long.hexDigest())
        }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(bytes(ofHex: inner.hexDigest()))
        return outer.hexDigest()
    }

    /// The bytes of a digest written in hexadecimal.
    private static func bytes(ofHex hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) ?? 0 }
    }
}
