public import Money

/// A growing run of bytes that writers of replies and files append to.
///
/// Each append is an inlined capacity check and a copy. An `[UInt8]` would also check on every
/// call that its storage is not shared. A reply of thousands of small pieces (a priced quote's
/// waterfalls) spends most of its time on those checks.
///
/// ```swift
/// let out = ByteOutput()
/// out.append("total: ")
/// out.append(decimal: ExactDecimal(12), minimumFractionDigits: 2)   // "total: 12.00"
/// ```
///
/// An output belongs to one task at a time: it is not `Sendable`.
public final class ByteOutput {
    @usableFromInline @exclusivity(unchecked) var start: UnsafeMutablePointer<UInt8>
    @usableFromInline @exclusivity(unchecked) var used = 0
    @usableFromInline @exclusivity(unchecked) var capacity: Int

    /// An empty output with room for `capacity` bytes before it first grows.
    public init(capacity: Int = 256) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// How many bytes have been written.
    @inlinable public var count: Int { used }

    /// The bytes written, copied out.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: used)) }

    /// Calls `body` with the bytes written, without copying them.
    public func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: start, count: used))
    }

    /// Forgets what was written and keeps the room.
    @inlinable public func removeAll() { used = 0 }

    /// Appends one byte.
    @inlinable public func append(_ byte: UInt8) {
        if used == capacity { grow(toHold: 1) }
        start[used] = byte
        used += 1
    }

    /// Appends `bytes`.
    @inlinable public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        if capacity - used < bytes.count { grow(toHold: bytes.count) }
        UnsafeMutableRawPointer(start + used).copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
    }

    /// Appends `bytes`.
    @inlinable public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends a literal's UTF-8.
    @inlinable public func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8, as it is (not escaped).
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends a whole number in decimal.
    public func append(number value: Int) {
        append(decimal: ExactDecimal(value))
    }

    /// Appends a decimal's exact text, with at least `minimumFractionDigits` fractional digits
    /// (``ExactDecimal/formatted(minimumFractionDigits:)``).
    @inlinable public func append(decimal value: ExactDecimal, minimumFractionDigits: Int = 0) {
        let room = ExactDecimal.textCapacity(minimumFractionDigits: minimumFractionDigits)
        if capacity - used < room { grow(toHold: room) }
        used += value.write(into: start + used, minimumFractionDigits: minimumFractionDigits)
    }

    /// Makes room for `extra` more bytes, at least doubling the capacity.
    @usableFromInline func grow(toHold extra: Int) {
        let larger = Swift.max(capacity * 2, used + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.moveInitialize(from: start, count: used)
        start.deallocate()
        start = moved
        capacity = larger
    }
}
