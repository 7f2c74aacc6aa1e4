import HTTPTypes
import Storage

/// Who is calling: the API key's public id and its role.
struct Caller: Sendable, Equatable {
    var keyId: String
    var role: APIRole
}

/// What a route does, and so which roles may call it. The table is in `docs/api.md`.
enum Permission: Sendable {
    /// Reading anything: every role.
    case read
    /// Pricing a quote without storing it.
    case price
    /// Changing definitions: drafts, validate, publish, rollback.
    case editDefinitions
    /// Creating and repricing stored quotes.
    case writeQuotes
    /// Sending usage records.
    case ingestUsage
    /// Rating stored usage.
    case rateUsage

    /// The roles allowed.
    var roles: Set<APIRole> {
        switch self {
        case .read: Set(APIRole.allCases)
        case .price: [.admin, .analyst, .integrator]
        case .editDefinitions: [.admin, .analyst]
        case .writeQuotes: [.admin, .analyst, .integrator]
        case .ingestUsage: [.admin, .integrator, .operator]
        case .rateUsage: [.admin, .operator]
        }
    }
}
