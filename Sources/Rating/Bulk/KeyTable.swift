/// An open-addressing table from summary keys to dense indexes, with a cheap mix instead of
/// `Hasher`: the per-record lookups of bulk rating are its hottest path.
struct KeyTable: Sendable {
    /// A key and its index side by side, so that a lookup touches one cache line.
    private struct Slot {
        var key: UInt64
        var index: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// The keys in insertion order; a key's index is its position here.
    private(set) var ordered: [UInt64] = []

    init(capacity: Int = 1024) {
        var size = 1024
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(key: 0, index: -1), count: size)
        mask = size - 1
    }

    var count: Int { ordered.count }

    @inline(__always)
    static func mix(_ key: UInt64) -> Int {
        var value = key &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 29
        return Int(truncatingIfNeeded: value)
    }

    /// The index of `key`, or `nil`.
    @inline(__always)
    func index(of key: UInt64) -> Int? {
        var slot = Self.mix(key) & mask
        while true {
            let entry = slots[slot]
            if entry.index < 0 { return nil }
            if entry.key == key { return Int(entry.index) }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `key`, adding it if new.
    @inline(__always)
    mutating func insert(_ key: UInt64) -> Int {
        var slot = Self.mix(key) & mask
        while true {
            let entry = slots[slot]
            if entry.index < 0 { break }
            if entry.key == key { return Int(entry.index) }
            slot = (slot + 1) & mask
        }
        let index = ordered.count
        ordered.append(key)
        slots[slot] = Slot(key: key, index: Int32(index))
        if ordered.count * 2 > slots.count { grow() }
        return index
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: Slot(key: 0, index: -1), count: size)
        mask = size - 1
        for (index, key) in ordered.enumerated() {
            var slot = Self.mix(key) & mask
            while slots[slot].index >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, index: Int32(index))
        }
    }
}
