import HTTPTypes
import Foundation
import Storage
import Synchronization

/// The API keys, held in memory and refreshed from the store, so that checking a key costs no
/// database round trip. A key created or revoked by another process (`revenue keys`) is seen
/// at the next refresh (every second by default); an id the ring does not know makes it look
/// in the store at once, at most ``missRefreshInterval`` apart.
final class KeyRing: Sendable {
    /// What checking a key's text found.
    enum Verdict: Sendable, Equatable {
        case valid(Caller)
        /// Not a key's shape, an unknown id, or the wrong secret: the same answer for all three.
        case invalid
        case revoked(id: String)
    }

    /// The shortest time between two store reads caused by unknown ids.
    static let missRefreshInterval: Duration = .milliseconds(200)

    private let store: any APIKeyStore
    private let state = Mutex(State())

    private struct State {
        var keys: [String: APIKey] = [:]
        var lastMissRefresh: ContinuousClock.Instant?
    }

    init(store: any APIKeyStore) {
        self.store = store
    }

    /// Reads every key from the store.
    func refresh() async throws(StoreError) {
        let keys = try await store.apiKeys()
        state.withLock { $0.keys = Dictionary(keys.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }) }
    }

    /// How many keys are active.
    var activeCount: Int { state.withLock { $0.keys.values.count { $0.revokedAt == nil } } }

    /// Checks the text of a key.
    func verify(_ token: some StringProtocol) async -> Verdict {
        guard let (id, secret) = APIKeyToken.parse(token) else { return .invalid }
        var key = state.withLock { $0.keys[id] }
        if key == nil, shouldRefreshOnMiss() {
            try? await refresh()
            key = state.withLock { $0.keys[id] }
        }
        guard let key, APIKeyToken.matches(APIKeyToken.hash(secret), key.secretHash) else { return .invalid }
        if key.revokedAt != nil { return .revoked(id: id) }
        return .valid(Caller(keyId: key.id, role: key.role))
    }

    private func shouldRefreshOnMiss() -> Bool {
        let now = ContinuousClock.now
        return state.withLock { state in
            if let last = state.lastMissRefresh, now - last < Self.missRefreshInterval { return false }
            state.lastMissRefresh = now
            return true
        }
    }
}
