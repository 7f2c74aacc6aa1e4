import ArgumentParser
import Catalog
import Definitions
import Expressions
import Foundation
import Money
import Pricing
import Publishing
import Rating
import Storage

/// `revenue accounts`: the accounts, their hierarchy, assets and contract prices of a published
/// definitions version. Accounts and contracts are definitions documents (`Accounts`,
/// `ContractPrices`, `Assets`), so they are versioned, diffed and rolled back with the rest.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Show the accounts of a published definitions version: hierarchy, assets and contract prices.",
        discussion: """
            Accounts, contract prices and assets are kept as definitions documents (kinds Accounts, \
            ContractPrices and Assets): publish them with revenue definitions publish, see what \
            changed with revenue definitions diff.
            """,
        subcommands: [List.self, Show.self]
    )

    /// `revenue accounts list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts as a tree, with their segment and how many assets and contract prices each has.")

        @Option(name: .customLong("definitions-version"), help: "The published version to read (default: the latest).")
        var version: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (number, definitions) = try await AccountsText.published(version, database)
            let view = AccountsView(definitions)
            print("Definitions version \(number): \(view.accounts.count) account\(view.accounts.count == 1 ? "" : "s").\n")
            var rows: [[String]] = []
            func add(_ id: String, depth: Int) {
                guard let account = view.accounts[id] else { return }
                rows.append([String(repeating: "  ", count: depth) + account.id, account.name, account.segment ?? "",
                             "\(view.assets(of: id).count)", "\(view.ownPrices(of: id).count)"])
                for child in view.children(of: id) { add(child, depth: depth + 1) }
            }
            for root in view.roots { add(root, depth: 0) }
            print(TextTable.render(header: ["account", "name", "segment", "assets", "contract prices"], rows: rows),
                  terminator: "")
        }
    }

    /// `revenue accounts show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one account: its parents and children, its assets, and the contract prices that apply to it, inherited ones included."
        )

        @Argument(help: "The account id.")
        var id: String

        @Option(name: .customLong("definitions-version"), help: "The published version to read (default: the latest).")
        var version: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (number, definitions) = try await AccountsText.published(version, database)
            let view = AccountsView(definitions)
            guard let account = view.accounts[id] else {
                let near = view.accounts.keys.sorted().filter { $0.lowercased().contains(id.lowercased()) }.prefix(5)
                FileHandle.standardError.write(Data("error: NotFound: no account '\(id)' in definitions version \(number)\(near.isEmpty ? "" : "; similar: " + near.joined(separator: ", "))\n".utf8))
                throw ExitCode(1)
            }
            let chain = view.ancestors(of: id)
            print("\(account.id): \(account.name)\(account.segment.map { " (\($0))" } ?? "") — definitions version \(number)")
            if !chain.isEmpty { print("parents: \(chain.joined(separator: " → "))") }
            let children = view.children(of: id)
            if !children.isEmpty { print("children: \(children.joined(separator: ", "))") }
            let assets = view.assets(of: id)
            print("\nAssets (\(assets.count))")
            if !assets.isEmpty {
                print(TextTable.render(header: ["asset", "product", "contract", "currency", "in force"],
                                       rows: assets.map { [$0.id, $0.productId, $0.contractId ?? "", $0.currency.code, $0.window.description] }),
                      terminator: "")
            }
            let prices = view.prices(applyingTo: id)
            print("\nContract prices (\(prices.count))")
            if !prices.isEmpty {
                print(TextTable.render(header: ["id", "from", "applies to", "terms", "in force", "children", "automatic discounts"],
                                       rows: prices.map { price in
                                           [price.id, price.accountId ?? "contract \(price.contractId ?? "")", AccountsText.target(price.target),
                                            AccountsText.terms(price.terms), price.window.description,
                                            price.appliesToChildAccounts ? "inherit" : "not inherited",
                                            price.suppressAutomaticDiscounts ? "suppressed" : "apply"]
                                       }),
                      terminator: "")
            }
        }
    }
}

/// The accounts of a definitions set, indexed for the commands.
struct AccountsView {
    let accounts: [String: Account]
    private let childIds: [String: [String]]
    private let assetsByAccount: [String: [Asset]]
    private let contractPrices: [ContractPrice]

    init(_ definitions: CompiledDefinitions) {
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
    var roots: [String] {
        accounts.values.filter { $0.parentId.map { accounts[$0] == nil } ?? true }.map(\.id).sorted()
    }

    func children(of id: String) -> [String] { childIds[id] ?? [] }

    /// The parent, its parent, and so on; stops at a cycle.
    func ancestors(of id: String) -> [String] {
        var chain: [String] = []
        var next = accounts[id]?.parentId
        while let parent = next, !chain.contains(parent), parent != id {
            chain.append(parent)
            next = accounts[parent]?.parentId
        }
        return chain
    }

    func assets(of id: String) -> [Asset] { assetsByAccount[id] ?? [] }

    /// Contract prices recorded on the account itself.
    func ownPrices(of id: String) -> [ContractPrice] { contractPrices.filter { $0.accountId == id } }

    /// The account's own prices, then those of its ancestors that child accounts inherit, nearest
    /// first; and those of the contracts its assets were sold under.
    func prices(applyingTo id: String) -> [ContractPrice] {
        var prices = ownPrices(of: id)
        for ancestor in ancestors(of: id) {
            prices += ownPrices(of: ancestor).filter(\.appliesToChildAccounts)
        }
        let contracts = Set(assets(of: id).compactMap(\.contractId))
        prices += contractPrices.filter { price in price.accountId == nil && price.contractId.map(contracts.contains) == true }
        return prices
    }
}

/// Text of the accounts commands.
enum AccountsText {
    static func published(_ version: Int?, _ database: DatabaseOptions) async throws -> (Int, CompiledDefinitions) {
        let store = try await database.open()
        do {
            return try await DefinitionsLifecycle(store: store).published(version)
        } catch {
            try DefinitionsFailure.exit(error)
        }
    }

    static func target(_ target: ContractPrice.Target) -> String {
        switch target {
        case .product(let id): id
        case .filter(let expression): expression.description
        }
    }

    static func terms(_ terms: ContractPrice.Terms) -> String {
        switch terms {
        case .price(let money): "\(money.amount.formatted(minimumFractionDigits: money.currency.minorUnits)) \(money.currency.code)"
        case .discountPercent(let percent): "\(percent)% off"
        }
    }
}
