@testable import Rating
import Testing

@Suite("Bulk rating memory: pooled arrays and large-page buffers")
struct BulkMemoryTests {
    @Test("a recycled array comes back empty with its storage, or sized with its old values")
    func poolReusesStorage() {
        let pool = ArrayPool<UInt64>()
        var first = pool.take(reserving: 1_000)
        first.append(contentsOf: 0..<1_000)
        let storage = first.withUnsafeBufferPointer { $0.baseAddress }
        pool.recycle(consume first)

        let empty = pool.take(reserving: 500)
        #expect(empty.isEmpty)
        #expect(empty.capacity >= 1_000)
        #expect(empty.withUnsafeBufferPointer { $0.baseAddress } == storage)
        pool.recycle(consume empty)

        // Sized takes keep what was there and fill only what is new.
        var sized = pool.take(count: 3, filler: 7)
        #expect(sized == [7, 7, 7])
        sized[0] = 1
        pool.recycle(consume sized)
        #expect(pool.take(count: 5, filler: 9) == [1, 7, 7, 9, 9])
        #expect(pool.take(count: 2, filler: 9) == [9, 9])
    }

    @Test("a large buffer holds its values, written and read back, at every size")
    func largeBufferHoldsValues() {
        for count in [0, 1, 4_096, (2 << 20) / 16 + 1] {
            let buffer = LargeBuffer<Int128>(repeating: -3, count: count)
            #expect(buffer.count == count)
            #expect(buffer.values.allSatisfy { $0 == -3 })
            for index in stride(from: 0, to: count, by: 97) { buffer[index] = Int128(index) << 70 }
            for index in stride(from: 0, to: count, by: 97) { #expect(buffer[index] == Int128(index) << 70) }
        }
    }
}
