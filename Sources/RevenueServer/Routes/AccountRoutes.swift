import Catalog
import Definitions
import Expressions
import HTTPTypes
import Money
import Publishing
import Rating

/// `/v1/accounts`: the accounts of a published definitions version (accounts, contracts and
/// assets are definitions documents), their hierarchy, assets and the contract prices that apply.
enum AccountRoutes {
    static var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/accounts", .read) { call in
                let (number, view) = try await accounts(call)
                let limit = try call.pageLimit()
                let after = call.query("cursor") ?? ""
                let ids = view.accounts.keys.filter { $0 > after }.sorted().prefix(limit)
                return .json { out in out.object {
                    out.field("definitionsVersion", number)
                    out.key("items")
                    out.array(Array(ids)) { id in
                        guard let account = view.accounts[id] else { return }
                        out.object {
                            out.field("id", account.id)
                            out.field("name", account.name)
                            out.field("parent", account.parentId)
                            out.field("segment", account.segment)
                            out.key("children")
                            out.array(view.children(of: id)) { out.string($0) }
                            out.field("assets", view.assets(of: id).count)
                            out.field("contractPrices", view.ownPrices(of: id).count)
                        }
                    }
                    out.field("nextCursor", ids.count == limit ? ids.last : nil)
                } }
            },
            Endpoint(.get, "/v1/accounts/:id", .read) { call in
                let (number, view) = try await accounts(call)
                let id = try call.parameter("id")
                guard let account = view.accounts[id] else {
                    throw Problem.notFound("there is no account '\(id)' in definitions version \(number)", pointer: "/id")
                }
                return .json { out in out.object {
                    out.field("definitionsVersion", number)
                    out.field("id", account.id)
                    out.field("name", account.name)
                    out.field("parent", account.parentId)
                    out.field("segment", account.segment)
                    out.key("ancestors")
                    out.array(view.ancestors(of: id)) { out.string($0) }
                    out.key("children")
                    out.array(view.children(of: id)) { out.string($0) }
                    out.key("assets")
                    out.array(view.assets(of: id)) { asset in
                        out.object {
                            out.field("id", asset.id)
                            out.field("product", asset.productId)
                            out.field("contract", asset.contractId)
                            out.field("currency", asset.currency.code)
                            out.field("discountPercent", asset.discountPercent?.description)
                            window(asset.window, out)
                        }
                    }
                    out.key("contractPrices")
                    out.array(view.prices(applyingTo: id)) { price in write(price, out) }
                } }
            },
        ]
    }

    private static func accounts(_ call: Call) async throws -> (Int, AccountsView) {
        let version = try call.integer("version", in: 1...Int(Int32.max))
        let (number, definitions) = try await call.backend.definitions.published(version)
        return (number, AccountsView(definitions))
    }

    private static func window(_ window: EffectiveWindow, _ out: JSONWriter) {
        out.field("from", window.from.description)
        out.field("to", window.to?.description)
    }

    private static func write(_ price: ContractPrice, _ out: JSONWriter) {
        out.object {
            out.field("id", price.id)
            out.field("account", price.accountId)
            out.field("contract", price.contractId)
            switch price.target {
            case .product(let product): out.field("product", product)
            case .filter(let expression): out.field("filter", expression.description)
            }
            switch price.terms {
            case .price(let money):
                out.field("price", money.amount.formatted(minimumFractionDigits: money.currency.minorUnits))
                out.field("currency", money.currency.code)
            case .discountPercent(let percent):
                out.field("discountPercent", percent.description)
            }
            window(price.window, out)
            out.field("appliesToChildAccounts", price.appliesToChildAccounts)
            out.field("suppressAutomaticDiscounts", price.suppressAutomaticDiscounts)
        }
    }
}
