#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns byte strings to dense integer ids with no `String` per lookup: asset ids, resource ids
/// and attribute tuples read from usage files are looked up in place.
struct ByteTable: Sendable {
    /// Per slot, the high 31 bits of the key's hash above its id, or -1 when empty: a probe
    /// rejects a different key without reading anything else.
    private var slots: [Int64]
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var arena: [UInt8] = []
    private var mask: Int

    /// Creates an empty table sized for `capacity` keys.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        starts = [0]
    }

    /// How many keys it holds.
    var count: Int { hashes.count }

    /// The key with id `id`.
    func key(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    /// The id of `key`, or `nil`.
    func id(of key: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(key)
        let tag = Self.tag(hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            if entry >> 32 == tag, equal(Int(entry & 0xFFFF_FFFF), key) { return Int(entry & 0xFFFF_FFFF) }
            slot = (slot + 1) & mask
        }
    }

    /// The part of a hash a slot keeps: 31 bits, so that a full slot is never negative.
    private static func tag(_ hash: UInt64) -> Int64 { Int64(hash >> 33) }

    /// The id of `key`, adding it if new.
    mutating func intern(_ key: UnsafeRawBufferPointer) -> Int {
        if let id = id(of: key) { return id }
        let id = hashes.count
        hashes.append(Self.hash(key))
        arena.append(contentsOf: key)
        starts.append(arena.count)
        if hashes.count * 2 > slots.count { grow() } else { place(id) }
        return id
    }

    /// The id of a string key, adding it if new.
    mutating func intern(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    private mutating func place(_ id: Int) {
        var slot = Int(truncatingIfNeeded: hashes[id]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hashes[id]) << 32 | Int64(id)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for id in hashes.indices { place(id) }
    }

    private func equal(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id]
        let length = starts[id + 1] - start
        guard length == key.count else { return false }
        return arena.withUnsafeBytes { stored in
            guard length > 0, let stored = stored.baseAddress, let key = key.baseAddress else { return length == 0 }
            // Ids of up to 16 bytes, the usual, compare as two words without a call.
            if length >= 8, length <= 16 {
                return stored.loadUnaligned(fromByteOffset: start, as: UInt64.self) == key.loadUnaligned(as: UInt64.self)
                    && stored.loadUnaligned(fromByteOffset: start + length - 8, as: UInt64.self)
                        == key.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            }
            return memcmp(stored + start, key, length) == 0
        }
    }

    /// FNV-1a over 8-byte words, then a final mix: fast for the short ids of usage files.
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var index = 0
        let count = key.count
        while index + 8 <= count {
            hash = (hash ^ key.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            index += 8
        }
        while index < count {
            hash = (hash ^ UInt64(key[index])) &* 0x0000_0100_0000_01b3
            index += 1
        }
        hash ^= UInt64(truncatingIfNeeded: count)
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
