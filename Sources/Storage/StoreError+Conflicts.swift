extension StoreError {
    /// The error of a publish that lost a race, or was prepared from an older version.
    public static func publishConflict(latest: Int?, basedOn: Int?) -> StoreError {
        let now = latest.map { "version \($0) is the latest" } ?? "nothing is published"
        if let basedOn, basedOn > latest ?? 0 {
            return StoreError(.conflict, "this publish was prepared from version \(basedOn), which does not exist; \(now)")
        }
        let base = basedOn.map { "version \($0)" } ?? "an empty store"
        return StoreError(.conflict, "this publish was prepared from \(base), but \(now); another publish came first. Review the latest version (revenue definitions list) and publish again")
    }
}

extension StoreError {
    /// The error of a reprice that lost a race with another one.
    public static func revisionConflict(quote: String, latest: Int, adding: Int) -> StoreError {
        StoreError(.conflict, "quote '\(quote)' is at revision \(latest), so revision \(adding) cannot follow it; another reprice came first")
    }
}

extension StoreError {
    /// The error of recording a usage file that was recorded already.
    public static func usageFileRecorded(_ file: UsageFile) -> StoreError {
        StoreError(.conflict, "usage file \(file.path) (SHA-256 \(file.checksum.prefix(12))…) was recorded already")
    }
}
