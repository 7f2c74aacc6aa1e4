import Dispatch
import Synchronization
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

    /// `body(0..<count)` on up to `workers` threads, each taking the next index as it finishes
    /// one; the results in index order. Work that waits for the disk may ask for more workers
    /// than cores: each worker is a thread of its own, so one blocked in a read leaves its core
    /// to another.
    static func map<T>(_ count: Int, workers: Int, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count)
        defer { slots.free() }
        if workers <= 1 || count == 1 {
            for index in 0..<count { slots.base[index] = body(index) }
        } else {
            let next = Counter()
            withoutActuallyEscaping(body) { body in
                let shared = UncheckedBox(body)
                onThreads(min(workers, count)) {
                    while true {
                        let index = next.take()
                        guard index < count else { return }
                        slots.base[index] = shared.value(index)
                    }
                }
            }
        }
        return slots.base.map { $0! }
    }

    /// Runs `body` on `threads` threads, the calling thread one of them, and returns when every
    /// one has finished. The others are threads of serial queues, which get a thread each however
    /// many are blocked, unlike the cores-wide pool of `concurrentPerform`.
    private static func onThreads(_ threads: Int, _ body: @Sendable () -> Void) {
        let group = DispatchGroup()
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            for number in 1..<max(1, threads) {
                DispatchQueue(label: "revenue.parallel.\(number)").async(group: group) { shared.value() }
            }
            body()
            group.wait()
        }
    }

    /// `produce(0..<count)` on `workers` threads that each take the next index as they finish
    /// one, while the calling thread hands the results to `consume` in index order. At most
    /// `lookahead` results are being made, waiting or being consumed at once, which bounds the
    /// memory; no worker waits for another, so a slow item holds back only the consumer. When
    /// `consume` returns false, no further item is made or consumed.
    static func pipeline<T>(_ count: Int, workers: Int, lookahead: Int, produce: (Int) -> T,
                            consume: (Int, T) -> Bool)
    {
        guard count > 0 else { return }
        guard workers > 1, count > 1 else {
            for index in 0..<count where !consume(index, produce(index)) { return }
            return
        }
        let slots = Slots<T>(count)
        defer { slots.free() }
        // A worker takes a free place before it claims an index, and indices are claimed in order,
        // so the index the consumer waits for is always being produced: no deadlock.
        let state = PipelineState(count: count, lookahead: max(workers, lookahead))
        withoutActuallyEscaping(produce) { produce in
            let shared = UncheckedBox(produce)
            let group = DispatchGroup()
            for number in 0..<workers {
                DispatchQueue(label: "revenue.pipeline.\(number)").async(group: group) {
                    while true {
                        state.free.wait()
                        let index = state.next.take()
                        guard index < count, !state.stopped.load(ordering: .relaxed) else {
                            state.free.signal()
                            return
                        }
                        slots.base[index] = shared.value(index)
                        state.ready[index].signal()
                    }
                }
            }
            for index in 0..<count {
                state.ready[index].wait()
                // The place is freed once the result is consumed, so that at most `lookahead`
                // results are alive at once.
                let consumed = consume(index, slots.base[index].take()!)
                state.free.signal()
                guard consumed else {
                    state.stopped.store(true, ordering: .relaxed)
                    // Each worker waits for at most one more place before it sees the stop.
                    for _ in 0..<workers { state.free.signal() }
                    break
                }
            }
            group.wait()
        }
    }

    /// The places a pipeline's workers wait for, the signals of finished items and the next
    /// index to claim.
    private final class PipelineState: Sendable {
        let free: DispatchSemaphore
        let ready: [DispatchSemaphore]
        let next = Counter()
        let stopped = Atomic<Bool>(false)

        init(count: Int, lookahead: Int) {
            free = DispatchSemaphore(value: lookahead)
            ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        }
    }

    /// Hands out 0, 1, 2, … to whichever thread asks.
    private final class Counter: Sendable {
        private let value = Atomic<Int>(0)

        func take() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
    }

    /// One place per index for the workers' results, each written by one thread and read after
    /// it signals; freed by the caller.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutableBufferPointer<T?>

        init(_ count: Int) {
            base = .allocate(capacity: count)
            base.initialize(repeating: nil)
        }

        func free() {
            _ = base.deinitialize()
            base.deallocate()
        }
    }

    private struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
