import BangfuCore

/// A trimmed cell without the `'` that Bangfu's CSV writing puts before a formula
/// character (`FormulaGuard`), so that a list written by `list --format csv`, edited in
/// Excel and imported back stores what it showed; trimmed again for a guarded tab or CR.
func withoutFormulaGuard(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard cell.first == UInt8(ascii: "'") else { return cell }
    let unguarded = UnsafeBufferPointer(rebasing: cell[FormulaGuard.unguardedRange(cell)])
    return UnsafeBufferPointer(rebasing: unguarded[UTF8Text.trimmedRange(unguarded)])
}
