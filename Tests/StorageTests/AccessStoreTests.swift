import Foundation
import Storage
import Testing

/// API keys and idempotency keys, over every store.
@Suite("Storage: API keys and idempotency keys")
struct AccessStoreTests {
    static func store(_ kind: StoreKind) async throws -> any Store {
        try await QuoteStoreTests.store(kind)
    }

    static func key(_ id: String, role: APIRole = .integrator, name: String = "shop") -> APIKey {
        APIKey(id: id, name: name, role: role, secretHash: Array(repeating: 7, count: 32), createdBy: "tests",
               createdAt: StoreFixtures.date)
    }

    @Test("keys are stored, listed oldest first, refused twice, and revoked once", arguments: StoreKind.allCases)
    func keys(_ kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        defer { store.close() }
        let hostile = "rk_'; DROP TABLE api_keys; -- ✓"
        try await store.createAPIKey(Self.key("rk_aaaaaaaaaaaa", role: .viewer, name: "O'Brien; \"quoted\" ✓"))
        try await store.createAPIKey(Self.key(hostile, role: .admin))
        await #expect(throws: StoreError.self) { try await store.createAPIKey(Self.key("rk_aaaaaaaaaaaa")) }
        await #expect(throws: StoreError.self) { try await store.createAPIKey(Self.key("rk_\u{0}")) }
        let keys = try await store.apiKeys()
        #expect(keys.map(\.id).sorted() == ["rk_aaaaaaaaaaaa", hostile].sorted())
        #expect(keys.first { $0.id == "rk_aaaaaaaaaaaa" }?.name == "O'Brien; \"quoted\" ✓")
        #expect(keys.allSatisfy { $0.secretHash == Array(repeating: 7, count: 32) && $0.revokedAt == nil })
        let first = try await store.revokeAPIKey(id: hostile, at: StoreFixtures.date.addingTimeInterval(60))
        let second = try await store.revokeAPIKey(id: hostile, at: StoreFixtures.date.addingTimeInterval(120))
        #expect(first.revokedAt == second.revokedAt && first.revokedAt != nil && first.role == .admin)
        await #expect(throws: StoreError.self) { try await store.revokeAPIKey(id: "rk_unknown", at: Date()) }
    }

    @Test("an idempotency key is claimed once, replayed once completed, released after a failure, and taken over when stale",
          arguments: StoreKind.allCases)
    func idempotency(_ kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        defer { store.close() }
        let now = StoredTime.date(milliseconds: StoredTime.milliseconds(Date()))
        let old = now.addingTimeInterval(-60)
        let key = "order-'1'; ✓"
        #expect(try await store.claimIdempotencyKey(scope: "rk_a", key: key, fingerprint: "f1", at: now, staleBefore: old) == .claimed)
        #expect(try await store.claimIdempotencyKey(scope: "rk_a", key: key, fingerprint: "f2", at: now, staleBefore: old)
            == .inProgress(fingerprint: "f1"))
        // Another caller's key of the same name is its own.
        #expect(try await store.claimIdempotencyKey(scope: "rk_b", key: key, fingerprint: "f3", at: now, staleBefore: old) == .claimed)
        let reply = IdempotentResponse(status: 201, contentType: "application/json", body: Array("{\"id\":\"Q-1\"}\u{0}".utf8))
        try await store.completeIdempotencyKey(scope: "rk_a", key: key, response: reply, at: now)
        #expect(try await store.claimIdempotencyKey(scope: "rk_a", key: key, fingerprint: "f1", at: now, staleBefore: old)
            == .completed(fingerprint: "f1", reply))
        // A released claim is free again; a completed one is not released.
        try await store.releaseIdempotencyKey(scope: "rk_b", key: key)
        try await store.releaseIdempotencyKey(scope: "rk_a", key: key)
        #expect(try await store.claimIdempotencyKey(scope: "rk_b", key: key, fingerprint: "f4", at: now, staleBefore: old) == .claimed)
        #expect(try await store.claimIdempotencyKey(scope: "rk_a", key: key, fingerprint: "f1", at: now, staleBefore: old)
            == .completed(fingerprint: "f1", reply))
        // An unfinished claim older than staleBefore is taken over.
        let later = now.addingTimeInterval(120)
        #expect(try await store.claimIdempotencyKey(scope: "rk_b", key: key, fingerprint: "f5", at: later,
                                                    staleBefore: later.addingTimeInterval(-60)) == .claimed)
        #expect(try await store.purgeIdempotencyKeys(before: later) == 1)
        #expect(try await store.claimIdempotencyKey(scope: "rk_a", key: key, fingerprint: "f6", at: later, staleBefore: old) == .claimed)
        await #expect(throws: StoreError.self) {
            try await store.completeIdempotencyKey(scope: "rk_c", key: "never", response: reply, at: now)
        }
    }
}
