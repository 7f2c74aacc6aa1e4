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
