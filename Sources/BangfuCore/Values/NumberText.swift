/// Whole numbers written as text: `929,969` as people read counts, `1045` inside a reason
/// or a JSON document, built as bytes (a listing writes millions of them).
public enum NumberText {
    /// `value` with a comma between groups of three digits.
    public static func grouped(_ value: Int) -> String {
        var bytes: [UInt8] = []
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendGrouped(value.magnitude, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The digits of `magnitude` in groups of three, commas between, at the end of `bytes`.
    public static func appendGrouped(_ magnitude: UInt, to bytes: inout [UInt8]) {
        appendDigits(magnitude, comma: true, to: &bytes)
    }

    /// The decimal digits of `value`, without making a `String`.
    public static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, comma: false, to: &bytes)
    }

    private static func appendDigits(_ magnitude: UInt, comma: Bool, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var rest = magnitude
            var end = buffer.count
            var count = 0
            repeat {
                if comma, count > 0, count % 3 == 0 {
                    end -= 1
                    buffer[end] = UInt8(ascii: ",")
                }
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }
}
