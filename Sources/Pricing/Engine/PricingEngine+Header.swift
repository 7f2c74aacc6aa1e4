import Definitions
import Catalog
import Expressions
import Money

extension PricingEngine {
    /// Resolves the account, price book, custom header fields and procedures of a quote.
    func resolveHeader(_ quote: Quote) throws(PricingError) -> Header {
        let catalog = definitions.catalog
        let date = quote.pricingDate
        var segment = ""
        var ancestors: [String] = []
        if let accountId = quote.accountId {
            guard let account = catalog.accounts[accountId] else {
                throw PricingError(.unknownAccount, "account '\(accountId)' is not defined"
                                   + suggestion(accountId, among: Array(catalog.accounts.keys)))
            }
            segment = account.segment ?? ""
            ancestors = catalog.ancestors(of: accountId)
        }
        let bookId = try priceBookId(for: quote)
        guard let book = catalog.priceBook(bookId, on: date) else {
            throw PricingError(.unknownPriceBook, "price book '\(bookId)' has no version in force on \(date)"
                               + suggestion(bookId, among: Array(catalog.priceBooks.keys)))
        }
        guard book.isActive else { throw PricingError(.unknownPriceBook, "price book '\(bookId)' is inactive") }

        // Header fields: standard ones, then declared custom ones.
        let schema = definitions.schema
        // Copying a template is cheaper than building an array of a repeated value.
        var fields = headerFieldTemplate
        fields[slots.transactionId] = .string(quote.id)
        fields[slots.accountId] = .string(quote.accountId ?? "")
        fields[slots.channel] = .string(quote.channel ?? "")
        fields[slots.currency] = .string(quote.currency.code)
        fields[slots.pricingDate] = .date(date)
        fields[slots.priceBookId] = .string(book.id)
        fields[slots.segment] = .string(segment)
        var missing = Set<Int>()
        for (name, type) in schema.customHeaderFields {
            guard let slot = schema.line.fieldSlot(name) else { continue }
            if let value = quote.fields[name].map({ Self.coerce($0, to: type) }) {
                guard value.conforms(to: type) else {
                    throw PricingError(.invalidQuote, "header field '\(name)' is declared \(type) but the quote gives \(value)")
                }
                fields[slot] = value
            } else {
                fields[slot] = Self.placeholder(for: type)
                missing.insert(slot)
            }
        }
        for name in quote.fields.keys.sorted() where schema.customHeaderFields[name] == nil {
            throw PricingError(.unknownContextField, "header field '\(name)' is not declared by any procedure"
                               + suggestion(name, among: Array(schema.customHeaderFields.keys)))
        }

        let (plan, procedures) = try resolveProcedures(quote, headerFields: fields, missingSlots: missing)
        let single = procedures.count == 1 ? procedures.first : nil
        let elements = single?.elements ?? procedures.flatMap(\.elements)
        let slotsRead = single?.slotsRead ?? PricingProcedure.mask(elements.flatMap(\.slotsRead))
        let lineFieldCount = max(0, slotsRead.count - fields.count)
        let readsTransactionId = slotsRead.indices.contains(slots.transactionId) && slotsRead[slots.transactionId]
            || plan?.sections.contains { $0.options.contains { $0.rule.fieldsRead.contains("transactionId") } } == true
        return Header(quote: quote, readsTransactionId: readsTransactionId, priceBook: book, contractOwners: contractOwners(quote, ancestors: ancestors),
                      procedures: procedures, elements: elements, plan: plan,
                      shared: fields, lineFields: lineFieldCount == 0 ? [] : Array(lineFieldTemplate[..<lineFieldCount]),
                      slotsRead: slotsRead,
                      readsContractPrices: procedures.contains(where: \.readsContractPrices), missingSlots: missing)
    }

    /// The quote's contract, its account, then the account's ancestors nearest first (§1.7).
    private func contractOwners(_ quote: Quote, ancestors: [String]) -> [ContractPriceOwner] {
        var owners: [(WaterfallDetail.ContractOwner, ContractPriceIndex?, inherited: Bool)] = []
        if let contract = quote.contractId { owners.append((.contract(contract), contractsByContract[contract], false)) }
        if let account = quote.accountId { owners.append((.account(account), contractsByAccount[account], false)) }
        for ancestor in ancestors { owners.append((.account(ancestor), contractsByAccount[ancestor], true)) }
        return owners.compactMap { owner, index, inherited in
            guard let usable = index?.usable(on: quote.pricingDate, currency: quote.currency, inherited: inherited),
                  !usable.isEmpty else { return nil }
            return ContractPriceOwner(owner: owner, records: usable)
        }
    }

    /// The quote's price book, or its channel's default.
    private func priceBookId(for quote: Quote) throws(PricingError) -> String {
        if let id = quote.priceBookId { return id }
        if let channelId = quote.channel {
            guard let channel = definitions.catalog.channels[channelId] else {
                throw PricingError(.invalidQuote, "channel '\(channelId)' is not defined"
                                   + suggestion(channelId, among: Array(definitions.catalog.channels.keys)))
            }
            if let book = channel.defaultPriceBookId { return book }
        }
        let books = definitions.catalog.priceBooks.keys.sorted()
        if books.count == 1, let only = books.first { return only }
        throw PricingError(.unknownPriceBook, "the quote names no price book and its channel has no default")
    }

    /// The procedures to run: the quote's named procedure, or the plan's sections in order.
    private func resolveProcedures(_ quote: Quote, headerFields: [ExpressionValue], missingSlots: Set<Int>)
        throws(PricingError)
        -> (ProcedurePlan?, [PricingProcedure])
    {
        let date = quote.pricingDate
        if let id = quote.procedureId {
            return (nil, [try procedure(id, on: date, for: "the quote")])
        }
        let plan: ProcedurePlan
        if let id = quote.planId {
            guard let found = definitions.plan(id, on: date) else {
                throw PricingError(.noProcedureResolved, "plan '\(id)' has no version in force on \(date)"
                                   + suggestion(id, among: Array(definitions.plans.keys)))
            }
            plan = found
        } else {
            let inForce = definitions.plans.keys.sorted().compactMap { definitions.plan($0, on: date) }
            guard inForce.count == 1, let only = inForce.first else {
                throw PricingError(.noProcedureResolved, inForce.isEmpty
                    ? "no procedure plan is in force on \(date) and the quote names no procedure"
                    : "\(inForce.count) plans are in force on \(date) (\(inForce.map(\.id).joined(separator: ", "))); name one with 'plan'")
            }
            plan = only
        }
        let headerContext = ExpressionContext(shared: headerFields, fields: [])
        let missingNames = Set(missingSlots.map { definitions.schema.line.fieldNames[$0] })
        var procedures: [PricingProcedure] = []
        for section in plan.sections {
            var best = LowestPriority()
            for (position, option) in section.options.enumerated() {
                if let name = option.rule.fieldsRead.intersection(missingNames).sorted().first {
                    throw PricingError(.missingContextField, "plan '\(plan.id)' section '\(section.id)' reads header field '\(name)', which the quote does not give")
                }
                let matches: Bool
                do {
                    matches = try option.rule.evaluateBoolean(headerContext)
                } catch {
                    throw PricingError(.expressionFailed, "plan '\(plan.id)' section '\(section.id)' option '\(option.procedureId)': \(error.message)")
                }
                if matches { best.offer(position, priority: option.priority) }
            }
            if best.isAmbiguous {
                throw PricingError(.ambiguousProcedureResolution,
                                   "plan '\(plan.id)' section '\(section.id)': options \(best.all.map { "'\(section.options[$0].procedureId)'" }.joined(separator: " and ")) match with the same priority \(best.priority)")
            }
            let chosen: String
            if let winner = best.winner {
                chosen = section.options[winner].procedureId
            } else if let fallback = section.defaultProcedureId {
                chosen = fallback
            } else {
                throw PricingError(.noProcedureResolved,
                                   "plan '\(plan.id)' section '\(section.id)': no option matches channel '\(quote.channel ?? "")' and the section has no default procedure")
            }
            procedures.append(try procedure(chosen, on: date, for: "plan '\(plan.id)' section '\(section.id)'"))
        }
        return (plan, procedures)
    }

    private func procedure(_ id: String, on date: CivilDate, for owner: String) throws(PricingError) -> PricingProcedure {
        guard let found = definitions.procedure(id, on: date) else {
            throw PricingError(.noProcedureResolved, "\(owner) names procedure '\(id)', which has no version in force on \(date)"
                               + suggestion(id, among: Array(definitions.procedures.keys)))
        }
        return found
    }

    /// Text read from a quote becomes a date where a date field is declared.
    static func coerce(_ value: ExpressionValue, to type: ExpressionType) -> ExpressionValue {
        if type == .date, case .string(let text) = value, let date = try? CivilDate(text) { return .date(date) }
        return value
    }

    static func placeholder(for type: ExpressionType) -> ExpressionValue {
        switch type {
        case .number: .number(.zero)
        case .string: .string("")
        case .boolean: .boolean(false)
        case .date: .date(.earliest)
        case .list: .list([])
        }
    }

    func suggestion(_ name: String, among candidates: [String]) -> String {
        NameSuggestion.closest(to: name, among: candidates.sorted()).map { "; did you mean '\($0)'?" } ?? ""
    }
}
