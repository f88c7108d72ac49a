/// A hash table from non-negative `Int` keys to values: open addressing, linear probing,
/// a multiplicative hash, each key beside its value so a look-up touches one cache line.
/// The duplicate check looks up a person for each of millions of rows, and `Dictionary`'s
/// seeded SipHash cost more than the rest of the look-up together; keys here are 身份证号
/// numbers and packed integers, not chosen by an adversary.
struct IntTable<Value> {
    fileprivate struct Slot {
        /// -1 when the slot is free.
        var key: Int
        var value: Value?
    }

    private var slots: [Slot]
    private var shift: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity * 3 < minimumCapacity * 4 { capacity *= 2 }
        slots = Array(repeating: Slot(key: -1, value: nil), count: capacity)
        shift = Int.bitWidth - capacity.trailingZeroBitCount
    }

    subscript(key: Int) -> Value? {
        let slot = find(key)
        return slots[slot].key == key ? slots[slot].value : nil
    }

    /// The value of `key`, inserting `make()` first when there is none.
    mutating func value(for key: Int, inserting make: () -> Value) -> Value {
        precondition(key >= 0, "keys are non-negative")
        let slot = find(key)
        if slots[slot].key == key { return slots[slot].value! }
        let value = make()
        insert(key, value, at: slot)
        return value
    }

    /// Changes the value of `key` in place, starting from `initial` when there is none.
    mutating func update(_ key: Int, initial: Value, _ change: (inout Value) -> Void) {
        precondition(key >= 0, "keys are non-negative")
        let slot = find(key)
        if slots[slot].key == key {
            change(&slots[slot].value!)
        } else {
            var value = initial
            change(&value)
            insert(key, value, at: slot)
        }
    }

    func forEach(_ body: (Int, Value) throws -> Void) rethrows {
        for slot in slots where slot.key >= 0 { try body(slot.key, slot.value!) }
    }

    /// The slot holding `key`, or the free slot where it would go.
    private func find(_ key: Int) -> Int {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(bitPattern: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> UInt(shift))
            while slots[slot].key != key && slots[slot].key >= 0 { slot = (slot + 1) & mask }
            return slot
        }
    }

    private mutating func insert(_ key: Int, _ value: Value, at slot: Int) {
        slots[slot] = Slot(key: key, value: value)
        count += 1
        // Three quarters full at most: probes stay short, and five million people take
        // 128 MB rather than twice that.
        if count * 4 > slots.count * 3 { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: -1, value: nil), count: old.count * 2)
        shift -= 1
        for slot in old where slot.key >= 0 { slots[find(slot.key)] = slot }
    }
}

extension IntTable: Sendable where Value: Sendable {}
extension IntTable.Slot: Sendable where Value: Sendable {}
