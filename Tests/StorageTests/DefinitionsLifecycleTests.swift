import Catalog
import Definitions
import Foundation
import Pricing
import Publishing
import Storage
import Testing

/// Publishing, history, semantic diff and rollback over every store.
@Suite("Storage: the definitions lifecycle")
struct DefinitionsLifecycleTests {
    typealias F = StoreFixtures

    @Test("invalid definitions are not published, and every problem names its file, line and column",
          arguments: StoreKind.allCases)
    func invalidIsRefused(kind: StoreKind) async throws {
        let lifecycle = DefinitionsLifecycle(store: try await kind.makeStore())
        var files = F.definitions()
        files[1] = F.file("prices/standard.yaml", """
            kind: PriceBook
            id: std
            version: 1
            effectiveFrom: 2026-01-01
            entries:
              - { product: NOPE, currency: USD, unitPrice: 1 }
            """)
        do {
            _ = try await lifecycle.publish(files, author: "ana", comment: "", at: F.date)
            Issue.record("published invalid definitions")
        } catch {
            guard case .invalid(let failure) = error else {
                Issue.record("expected invalid, got \(error)")
                return
            }
            let diagnostic = try #require(failure.diagnostics.first)
            #expect(diagnostic.location.file == "prices/standard.yaml")
            #expect(diagnostic.location.line == 6)
            #expect(diagnostic.message.contains("NOPE"))
        }
        #expect(try await lifecycle.store.versions().isEmpty)
        // The workspace keeps the drafts, to be fixed and published again.
        #expect(try await lifecycle.store.drafts().map(\.path) == ["catalog.yaml", "prices/standard.yaml", "procedures.yaml"])
    }

    @Test("publishing the latest files again records nothing", arguments: StoreKind.allCases)
    func unchanged(kind: StoreKind) async throws {
        let lifecycle = DefinitionsLifecycle(store: try await kind.makeStore())
        let first = try await lifecycle.publish(F.definitions(), author: "ana", comment: "one", at: F.date)
        let again = try await lifecycle.publish(F.definitions().reversed(), author: "bo", comment: "two", at: F.date)
        guard case .published(let version) = first, case .unchanged(let same) = again else {
            Issue.record("expected published then unchanged, got \(first) and \(again)")
            return
        }
        #expect(version == same)
        #expect(try await lifecycle.store.versions().count == 1)
    }

    @Test("the diff names products, prices, elements and rules by key, with old and new values",
          arguments: StoreKind.allCases)
    func semanticDiff(kind: StoreKind) async throws {
        let lifecycle = DefinitionsLifecycle(store: try await kind.makeStore())
        _ = try await lifecycle.publish(F.definitions(), author: "ana", comment: "", at: F.date)
        var changed = F.definitions(serverPrice: "16000.00", extraProduct: true, volumePercent: "12")
        // Reordering entries and moving a document to another file change nothing.
        changed[2].path = "procedures/standard.yaml"
        _ = try await lifecycle.publish(changed, author: "bo", comment: "", at: F.date)
        let changes = try await lifecycle.diff(from: .version(1), to: .version(2))
        let lines = changes.map { "\($0.kind.rawValue) \($0.document) \($0.pathText): \($0.old ?? "-") → \($0.new ?? "-")" }
        #expect(lines == [
            "added Catalog 'core' v1 products[GADGET]: - → { id: GADGET, name: Gadget, unitOfMeasure: each }",
            "changed PriceBook 'std' v1 entries[SERVER, USD] › unitPrice: 15000 → 16000.00",
            "added PriceBook 'std' v1 entries[GADGET, USD]: - → { product: GADGET, currency: USD, unitPrice: 99.99 }",
            "changed PricingProcedure 'standard' v1 elements[volume] › tiers[1] › adjustment › value: 10 → 12",
        ])
        #expect(try await lifecycle.diff(from: .version(2), to: .latest).isEmpty)
    }

    @Test("a whole document added or removed is one change", arguments: StoreKind.allCases)
    func documentsAddedAndRemoved(kind: StoreKind) async throws {
        let lifecycle = DefinitionsLifecycle(store: try await kind.makeStore())
        _ = try await lifecycle.publish(F.definitions(), author: "ana", comment: "", at: F.date)
        try await lifecycle.store.putDraft(F.file("procedures.yaml", """
            kind: PricingProcedure
            id: plain
            version: 1
            effectiveFrom: 2026-01-01
            elements: [{ id: list, sequence: 10, kind: listPrice }]
            """))
        let changes = try await lifecycle.diff(from: .latest, to: .workspace)
        #expect(changes.map(\.kind) == [.added, .removed])
        #expect(changes.map(\.document) == ["PricingProcedure 'plain' v1", "PricingProcedure 'standard' v1"])
        #expect(changes.allSatisfy { $0.path.isEmpty })
    }

    @Test("a rollback publishes an earlier version's files as the next version", arguments: StoreKind.allCases)
    func rollback(kind: StoreKind) async throws {
        let lifecycle = DefinitionsLifecycle(store: try await kind.makeStore())
        _ = try await lifecycle.publish(F.definitions(), author: "ana", comment: "", at: F.date)
        _ = try await lifecycle.publish(F.definitions(serverPrice: "99"), author: "bo", comment: "", at: F.date)
        let outcome = try await lifecycle.rollback(to: 1, author: "cy", comment: "undo the price cut", at: F.date)
        guard case .published(let version) = outcome else {
            Issue.record("expected a new version, got \(outcome)")
            return
        }
        #expect(version.number == 3)
        #expect(version.restores == 1)
        #expect(version.comment == "undo the price cut")
        #expect(try await lifecycle.store.files(of: 3) == (try await lifecycle.store.files(of: 1)))
        #expect(try await lifecycle.diff(from: .version(1), to: .version(3)).isEmpty)
        let definitions = try await lifecycle.definitions(.latest)
        #expect(definitions.pricing.catalog.products.keys.sorted() == ["RACK", "SERVER"])
        do {
            _ = try await lifecycle.rollback(to: 9, author: "cy", comment: "", at: F.date)
            Issue.record("rolled back to a missing version")
        } catch {
            guard case .store(let store) = error else {
                Issue.record("expected a store error, got \(error)")
                return
            }
            #expect(store.code == .notFound)
        }
    }

    @Test("drafts edited one file at a time are published from the workspace", arguments: StoreKind.allCases)
    func publishWorkspace(kind: StoreKind) async throws {
        let lifecycle = DefinitionsLifecycle(store: try await kind.makeStore())
        _ = try await lifecycle.publish(F.definitions(), author: "ana", comment: "", at: F.date)
        try await lifecycle.store.putDraft(F.definitions(serverPrice: "17000")[1])
        let outcome = try await lifecycle.publishWorkspace(author: "bo", comment: "one file", at: F.date)
        #expect(outcome.version.number == 2)
        let changes = try await lifecycle.diff(from: .version(1), to: .version(2))
        #expect(changes.map(\.pathText) == ["entries[SERVER, USD] › unitPrice"])
        #expect(changes.first?.new == "17000")
    }
}
