/// Where definitions live: a workspace of drafts, and the immutable versions published from it.
///
/// Every adapter passes the same conformance suite (`StorageTests`). Calls are atomic: a call
/// that throws has changed nothing.
public protocol DefinitionStore: Sendable {
    /// The draft files of the workspace, in path order.
    func drafts() async throws(StoreError) -> [DefinitionFile]
    /// Replaces the whole workspace with `files`.
    func replaceDrafts(_ files: [DefinitionFile]) async throws(StoreError)
    /// Adds or replaces one draft file.
    func putDraft(_ file: DefinitionFile) async throws(StoreError)
    /// Removes one draft file; `NotFound` when there is none at `path`.
    func deleteDraft(path: String) async throws(StoreError)

    /// Records a new version with the next number. `Conflict` when `basedOn` is not the latest
    /// version (another publish came first); nothing is written then.
    func publish(_ publication: Publication) async throws(StoreError) -> PublishedVersion
    /// Every version, newest first.
    func versions() async throws(StoreError) -> [PublishedVersion]
    /// One version, or `nil`.
    func version(_ number: Int) async throws(StoreError) -> PublishedVersion?
    /// The files of a version, in path order; `NotFound` for an unknown version.
    func files(of version: Int) async throws(StoreError) -> [DefinitionFile]
}

extension DefinitionStore {
    /// The latest version, or `nil` before the first publish.
    public func latest() async throws(StoreError) -> PublishedVersion? {
        try await versions().first
    }
}
