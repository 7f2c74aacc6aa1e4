public import Catalog
public import Definitions
public import Foundation
public import Storage

/// The life of a definitions set in a store: validate and publish a workspace as an immutable
/// version, list the history, compare two versions semantically, and roll back by publishing an
/// earlier version again.
///
/// ```swift
/// let lifecycle = DefinitionsLifecycle(store: try await SQLiteStore.open(path: "revenue.sqlite"))
/// let outcome = try await lifecycle.publish(files, author: "ana", comment: "Q3 prices", at: Date())
/// let changes = try await lifecycle.diff(from: .version(1), to: .latest)
/// ```
public struct DefinitionsLifecycle: Sendable {
    /// The store.
    public let store: any DefinitionStore

    /// Creates a lifecycle over a store.
    public init(store: any DefinitionStore) {
        self.store = store
    }

    /// What a publish did.
    public enum Outcome: Sendable {
        /// A new version was recorded.
        case published(PublishedVersion)
        /// The files are those of the latest version already; nothing was recorded.
        case unchanged(PublishedVersion)

        /// The version the store's definitions are now at.
        public var version: PublishedVersion {
            switch self {
            case .published(let version), .unchanged(let version): version
            }
        }
    }

    /// Which definitions a command means.
    public enum Selection: Sendable, Hashable, CustomStringConvertible {
        /// A published version by number.
        case version(Int)
        /// The latest published version.
        case latest
        /// The workspace's drafts.
        case workspace

        /// Reads `3`, `latest` or `workspace`; `nil` for anything else.
        public init?(_ text: String) {
            switch text {
            case "latest": self = .latest
            case "workspace": self = .workspace
            default:
                guard let number = Int(text), number >= 1 else { return nil }
                self = .version(number)
            }
        }

        public var description: String {
            switch self {
            case .version(let number): "version \(number)"
            case .latest: "the latest version"
            case .workspace: "the workspace"
            }
        }
    }

    /// Replaces the workspace with `files`, validates them and publishes them as the next version.
    ///
    /// - Parameter basedOn: the version the files were prepared from; `nil` takes the latest at
    ///   the time of the call. Another publish in between is a `Conflict`.
    /// - Throws: ``PublishError/invalid(_:)`` with every problem when the files do not compile
    ///   (nothing is published); ``PublishError/store(_:)`` for a conflict or a database failure.
    public func publish(_ files: [DefinitionFile], author: String, comment: String, at date: Date,
                        basedOn: Int? = nil) async throws(PublishError) -> Outcome
    {
        let latest: PublishedVersion?
        do {
            try await store.replaceDrafts(files)
            latest = try await store.latest()
        } catch {
            throw .store(error)
        }
        // The files given are published, not the workspace read back: another publisher may
        // have replaced the workspace in between.
        return try await record(files, author: author, comment: comment, at: date, basedOn: basedOn ?? latest?.number,
                                latest: latest, restores: nil)
    }

    /// Validates the workspace's drafts and publishes them as the next version.
    public func publishWorkspace(author: String, comment: String, at date: Date, basedOn: Int? = nil)
        async throws(PublishError) -> Outcome
    {
        let files: [DefinitionFile]
        let latest: PublishedVersion?
        do {
            files = try await store.drafts()
            latest = try await store.latest()
        } catch {
            throw .store(error)
        }
        return try await record(files, author: author, comment: comment, at: date, basedOn: basedOn ?? latest?.number,
                                latest: latest, restores: nil)
    }

    /// Publishes the files of an earlier version again, as the next version.
    public func rollback(to number: Int, author: String, comment: String, at date: Date) async throws(PublishError)
        -> Outcome
    {
        let files: [DefinitionFile]
        let latest: PublishedVersion?
        do {
            files = try await store.files(of: number)
            latest = try await store.latest()
        } catch {
            throw .store(error)
        }
        return try await record(files, author: author, comment: comment, at: date, basedOn: latest?.number, latest: latest,
                                restores: number)
    }

    private func record(_ files: [DefinitionFile], author: String, comment: String, at date: Date, basedOn: Int?,
                        latest: PublishedVersion?, restores: Int?) async throws(PublishError) -> Outcome
    {
        if case .failure(let failure) = CompiledDefinitions.compile(files) { throw .invalid(failure) }
        if let latest, latest.number == basedOn, latest.checksum == DefinitionChecksum.of(files) {
            return .unchanged(latest)
        }
        do {
            return .published(try await store.publish(Publication(files: files, author: author, comment: comment, at: date,
                                                                  basedOn: basedOn, restores: restores)))
        } catch {
            throw .store(error)
        }
    }

    /// The files of a selection, in path order.
    public func files(_ selection: Selection) async throws(StoreError) -> [DefinitionFile] {
        switch selection {
        case .version(let number): return try await store.files(of: number)
        case .workspace: return try await store.drafts()
        case .latest: return try await store.files(of: try await latestNumber())
        }
    }

    /// The number of the latest published version; `NotFound` when nothing is published.
    public func latestNumber() async throws(StoreError) -> Int {
        guard let latest = try await store.latest() else {
            throw StoreError(.notFound, "nothing is published yet; publish definitions with revenue definitions publish DIR")
        }
        return latest.number
    }

    /// Published version `version` (default: the latest), compiled, with its number.
    public func published(_ version: Int?) async throws(PublishError) -> (number: Int, definitions: CompiledDefinitions) {
        let number: Int
        if let version {
            number = version
        } else {
            do {
                number = try await latestNumber()
            } catch {
                throw .store(error)
            }
        }
        return (number, try await definitions(.version(number)))
    }

    /// The compiled definitions of a selection.
    public func definitions(_ selection: Selection) async throws(PublishError) -> CompiledDefinitions {
        let files: [DefinitionFile]
        do {
            files = try await self.files(selection)
        } catch {
            throw .store(error)
        }
        switch CompiledDefinitions.compile(files) {
        case .success(let definitions): return definitions
        case .failure(let failure): throw .invalid(failure)
        }
    }

    /// What changed from one selection to another: documents, products, prices, elements, rules
    /// and rate cards, old and new values side by side.
    public func diff(from old: Selection, to new: Selection) async throws(StoreError) -> [DefinitionChange] {
        let before = DefinitionLoader.load(files: try await files(old).map { ($0.path, $0.bytes) })
        let after = DefinitionLoader.load(files: try await files(new).map { ($0.path, $0.bytes) })
        return DefinitionDiff.changes(from: before.documents, to: after.documents)
    }
}

/// Why a publish did not happen.
public enum PublishError: Error, Sendable {
    /// The files do not compile; every problem is listed.
    case invalid(CatalogCompiler.Failure)
    /// The store refused (a conflict) or failed.
    case store(StoreError)
}
