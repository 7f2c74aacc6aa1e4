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

    /// Whether `role` may call the route; asked on every request, so it allocates nothing.
    func admits(_ role: APIRole) -> Bool {
        switch self {
        case .read: true
        case .price, .writeQuotes: role == .admin || role == .analyst || role == .integrator
        case .editDefinitions: role == .admin || role == .analyst
        case .ingestUsage: role == .admin || role == .integrator || role == .operator
        case .rateUsage: role == .admin || role == .operator
        }
    }

    /// The roles allowed, for messages.
    var roles: [APIRole] { APIRole.allCases.filter(admits) }
}
