public import Storage
import Synchronization

/// Where operations get compiled definitions of a published version: compiled afresh from the
/// store (``DefinitionsLifecycle``), or kept in memory (``DefinitionsCache``).
public protocol DefinitionsSource: Sendable {
    /// Published version `version` (default: the latest), compiled, with its number.
    func published(_ version: Int?) async throws(PublishError) -> (number: Int, definitions: CompiledDefinitions)
}

extension DefinitionsLifecycle: DefinitionsSource {}

/// Compiled definitions kept in memory for a long-running process (`revenue serve`): the latest
/// published version, and the last few others asked for by number.
///
/// The latest version is what ``refresh()`` last found; call it after a publish and now and
/// then (the server does every second), so that a version published by another process is used
/// from the next refresh on. Published versions never change, so versions asked for by number
/// never go stale.
///
/// ```swift
/// let cache = DefinitionsCache(store: store)
/// try await cache.refresh()
/// let (number, definitions) = try await cache.published(nil)
/// ```
public final class DefinitionsCache: DefinitionsSource, Sendable {
    /// How many versions other than the latest are kept.
    public let capacity: Int

    private let lifecycle: DefinitionsLifecycle
    private let state = Mutex(State())

    private struct State {
        var latest: (number: Int, definitions: CompiledDefinitions)?
        /// Other versions, least recently used first.
        var others: [(number: Int, definitions: CompiledDefinitions)] = []
    }

    /// A cache over `store`, keeping `capacity` versions besides the latest.
    public init(store: any DefinitionStore, capacity: Int = 4) {
        lifecycle = DefinitionsLifecycle(store: store)
        self.capacity = capacity
    }

    /// The number of the latest version the cache holds, if any.
    public var latestNumber: Int? { state.withLock { $0.latest?.number } }

    /// Reads the latest version's number from the store and compiles that version when it is
    /// new; returns the number (nil before the first publish). A version that does not compile
    /// (it always did when published) is an error and the cache keeps what it had.
    @discardableResult
    public func refresh() async throws(PublishError) -> Int? {
        let latest: PublishedVersion?
        do {
            latest = try await lifecycle.store.latest()
        } catch {
            throw .store(error)
        }
        guard let latest else { return nil }
        if latestNumber == latest.number { return latest.number }
        let compiled = try await lifecycle.published(latest.number)
        state.withLock { state in
            if (state.latest?.number ?? 0) < compiled.number {
                if let previous = state.latest { Self.remember(previous, in: &state, capacity: capacity) }
                state.latest = compiled
            }
        }
        return latest.number
    }

    public func published(_ version: Int?) async throws(PublishError) -> (number: Int, definitions: CompiledDefinitions) {
        let found: (number: Int, definitions: CompiledDefinitions)? = state.withLock { state in
            guard let version else { return state.latest }
            if let latest = state.latest, latest.number == version { return latest }
            guard let index = state.others.firstIndex(where: { $0.number == version }) else { return nil }
            let entry = state.others.remove(at: index)
            state.others.append(entry)
            return entry
        }
        if let found { return found }
        guard let version else {
            guard try await refresh() != nil, let latest = state.withLock({ $0.latest }) else {
                return try await lifecycle.published(nil)
            }
            return latest
        }
        let compiled = try await lifecycle.published(version)
        state.withLock { Self.remember(compiled, in: &$0, capacity: capacity) }
        return compiled
    }

    private static func remember(_ entry: (number: Int, definitions: CompiledDefinitions), in state: inout State, capacity: Int) {
        state.others.removeAll { $0.number == entry.number }
        state.others.append(entry)
        if state.others.count > capacity { state.others.removeFirst(state.others.count - capacity) }
    }
}
