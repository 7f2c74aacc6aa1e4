import Definitions
import Catalog
import Expressions
import Money

/// The contract prices of one owner (an account or a contract), indexed so that a line finds its
/// product's records with one lookup and only filter records are evaluated.
struct ContractPriceIndex: Sendable {
    /// Records for one product.
    private(set) var byProduct: [String: [ContractPrice]] = [:]
    /// Records with an `appliesTo` filter.
    private(set) var filters: [ContractPrice] = []

    mutating func add(_ record: ContractPrice) {
        switch record.target {
        case .product(let id): byProduct[id, default: []].append(record)
        case .filter: filters.append(record)
        }
    }

    /// Indexes records by a key (the account or the contract), skipping records without one.
    static func grouped(_ records: [ContractPrice], by key: (ContractPrice) -> String?) -> [String: ContractPriceIndex] {
        var result: [String: ContractPriceIndex] = [:]
        for record in records {
            if let owner = key(record) { result[owner, default: ContractPriceIndex()].add(record) }
        }
        return result
    }

    /// Keeps the records a quote can use: in force on `date`, in the quote currency when they set
    /// a price, and inherited by child accounts when the owner is an ancestor.
    func usable(on date: CivilDate, currency: Currency, inherited: Bool) -> ContractPriceIndex {
        func keeps(_ record: ContractPrice) -> Bool {
            guard record.window.contains(date), !inherited || record.appliesToChildAccounts else { return false }
            if case .price(let money) = record.terms { return money.currency == currency }
            return true
        }
        var result = ContractPriceIndex()
        for records in byProduct.values { for record in records where keeps(record) { result.add(record) } }
        for record in filters where keeps(record) { result.add(record) }
        return result
    }

    var isEmpty: Bool { byProduct.isEmpty && filters.isEmpty }
}

/// One owner whose contract prices a quote can use, in precedence order (§1.7).
struct ContractPriceOwner: Sendable {
    let owner: WaterfallDetail.ContractOwner
    let records: ContractPriceIndex
}

/// The contract price that wins for one product on one quote, shared by the lines of that product.
final class ContractWinner {
    let result: Result<(ContractPrice, WaterfallDetail.ContractOwner)?, PricingError>

    init(_ result: Result<(ContractPrice, WaterfallDetail.ContractOwner)?, PricingError>) {
        self.result = result
    }
}
