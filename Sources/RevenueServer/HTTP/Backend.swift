import HTTPTypes
import Foundation
import Logging
import Publishing
import Storage

/// What every route works with: the store, the compiled definitions, the keys, the metrics and
/// the limits. One per server.
struct Backend: Sendable {
    let store: any Store
    let definitions: DefinitionsCache
    let keys: KeyRing
    let metrics: ServerMetrics
    let configuration: ServerConfiguration
    /// The time now; a parameter so that tests can fix it.
    let now: @Sendable () -> Date
}
