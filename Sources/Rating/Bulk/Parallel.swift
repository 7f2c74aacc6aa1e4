import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on every core and gathers the results in order, so that output never depends on
/// which thread finished first.
enum Parallel {
    /// The cores online.
    static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `body(0..<count)` on up to `workers` threads; the results in index order.
    static func map<T>(_ count: Int, workers: Int, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        let slots = Slots(results)
        if workers <= 1 || count == 1 {
            for index in 0..<count { slots.base[index] = body(index) }
        } else {
            withoutActuallyEscaping(body) { body in
                let shared = UncheckedBox(body)
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    slots.base[index] = shared.value(index)
                }
            }
        }
        return results.map { $0! }
    }

    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutableBufferPointer<T?>
        init(_ base: UnsafeMutableBufferPointer<T?>) { self.base = base }
    }

    private struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
