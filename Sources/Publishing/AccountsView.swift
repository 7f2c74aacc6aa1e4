public import Catalog
public import Rating
import Definitions
import Pricing

/// The accounts of a definitions set, indexed: the hierarchy, each account's assets, and the
/// contract prices that apply to it (`revenue accounts`, `GET /v1/accounts`).
public struct AccountsView: Sendable {
    /// Every account, by id.
    public let accounts: [String: Account]
    private let childIds: [String: [String]]
    private let assetsByAccount: [String: [Asset]]
    private let contractPrices: [ContractPrice]

    /// Indexes the accounts of `definitions`.
    public init(_ definitions: CompiledDefinitions) {
        accounts = definitions.pricing.catalog.accounts
        var children: [String: [String]] = [:]
        for account in accounts.values { if let parent = account.parentId { children[parent, default: []].append(account.id) } }
        childIds = children.mapValues { $0.sorted() }
        var assets: [String: [Asset]] = [:]
        for versions in definitions.rating.assets.values {
            for asset in versions { assets[asset.accountId, default: []].append(asset) }
        }
        assetsByAccount = assets.mapValues { $0.sorted { ($0.id, $0.window.from) < ($1.id, $1.window.from) } }
        contractPrices = definitions.pricing.catalog.contractPrices
    }

    /// Accounts without a parent (or whose parent is unknown), by id.
    public var roots: [String] {
        accounts.values.filter { $0.parentId.map { accounts[$0] == nil } ?? true }.map(\.id).sorted()
    }

    /// The account's children, by id.
    public func children(of id: String) -> [String] { childIds[id] ?? [] }

    /// The parent, its parent, and so on; stops at a cycle.
    public func ancestors(of id: String) -> [String] {
        var chain: [String] = []
        var next = accounts[id]?.parentId
        while let parent = next, !chain.contains(parent), parent != id {
            chain.append(parent)
            next = accounts[parent]?.parentId
        }
        return chain
    }

    /// The assets the account owns.
    public func assets(of id: String) -> [Asset] { assetsByAccount[id] ?? [] }

    /// Contract prices recorded on the account itself.
    public func ownPrices(of id: String) -> [ContractPrice] { contractPrices.filter { $0.accountId == id } }

    /// The account's own prices, then those of its ancestors that child accounts inherit, nearest
    /// first; and those of the contracts its assets were sold under.
    public func prices(applyingTo id: String) -> [ContractPrice] {
        var prices = ownPrices(of: id)
        for ancestor in ancestors(of: id) {
            prices += ownPrices(of: ancestor).filter(\.appliesToChildAccounts)
        }
        let contracts = Set(assets(of: id).compactMap(\.contractId))
        prices += contractPrices.filter { price in price.accountId == nil && price.contractId.map(contracts.contains) == true }
        return prices
    }
}
