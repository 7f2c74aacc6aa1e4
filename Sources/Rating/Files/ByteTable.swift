#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns byte strings to dense integer ids with no `String` per lookup: asset ids, resource ids
/// and attribute tuples read from usage files are looked up in place.
struct ByteTable: Sendable {
    private var slots: [Int32]
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
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { return nil }
            if hashes[id] == hash, equal(id, key) { return id }
            slot = (slot + 1) & mask
        }
    }

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
        slots[slot] = Int32(id)
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
            length == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, length) == 0
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
