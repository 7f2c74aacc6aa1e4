import Definitions
import Expressions
import Money

/// Cross-document checks and building the snapshot.
extension CatalogCompiler {
    func link() -> CatalogSnapshot {
        checkReferences()
        checkSellingModels()
        checkCycles(name: "BundleCycle", what: "bundle", edges: products.mapValues { versions in
            versions.flatMap { $0.components.map(\.productId) }
        }, location: { products[$0]?.first?.location })
        checkCycles(name: "AccountCycle", what: "account hierarchy", edges: accounts.mapValues { [$0.0.parentId].compactMap { $0 } },
                    location: { accounts[$0]?.1 })
        checkCycles(name: "FamilyCycle", what: "family hierarchy", edges: families.mapValues { [$0.0.parentId].compactMap { $0 } },
                    location: { families[$0]?.1 })
        return CatalogSnapshot(
            products: products.mapValues { $0.sorted { $0.window.from < $1.window.from } },
            unitsOfMeasure: unitsOfMeasure.mapValues(\.0), families: families.mapValues(\.0),
            priceBooks: priceBooks.mapValues { $0.sorted { $0.window.from < $1.window.from } },
            priceBookEntries: entries.mapValues { $0.sorted { $0.window.from < $1.window.from } },
            costs: costs.mapValues { $0.sorted { $0.window.from < $1.window.from } },
            exchangeRates: rates.mapValues { $0.map(\.0).sorted { $0.effectiveFrom < $1.effectiveFrom } },
            accounts: accounts.mapValues(\.0), contractPrices: contractPrices, channels: channels.mapValues(\.0),
            attributeTypes: attributeTypes.mapValues(\.0.expressionType),
            documents: documents.sorted { ($0.kind, $0.id, $0.version) < ($1.kind, $1.id, $1.version) })
    }

    /// Every reference names a definition that exists (a product in force during the referrer's window).
    private func checkReferences() {
        for reference in references {
            let known: [String]
            let exists: Bool
            switch reference.target {
            case .product:
                exists = products[reference.id]?.contains { $0.window.overlaps(reference.window) } ?? false
                known = Array(products.keys)
                if !exists, let versions = products[reference.id] {
                    let windows = versions.map(\.window.description).joined(separator: ", ")
                    diagnostics.error("DanglingReference", at: reference.location, path: reference.path,
                                      "product '\(reference.id)' is not available during \(reference.window); it is defined for \(windows)")
                    continue
                }
            case .family:
                exists = families[reference.id] != nil
                known = Array(families.keys)
            case .unitOfMeasure:
                exists = unitsOfMeasure[reference.id] != nil
                known = Array(unitsOfMeasure.keys)
            case .account:
                exists = accounts[reference.id] != nil
                known = Array(accounts.keys)
            case .priceBook:
                exists = priceBooks[reference.id] != nil
                known = Array(priceBooks.keys)
            }
            guard !exists else { continue }
            let hint = NameSuggestion.closest(to: reference.id, among: known.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error("DanglingReference", at: reference.location, path: reference.path,
                              "unknown \(reference.target.rawValue) '\(reference.id)'\(hint)")
        }
    }

    /// A price book entry prices a selling model its product supports.
    private func checkSellingModels() {
        for key in entries.keys.sorted(by: { ($0.priceBookId, $0.productId) < ($1.priceBookId, $1.productId) }) {
            guard let versions = products[key.productId], let first = entries[key]?.first else { continue }
            if !versions.contains(where: { $0.sellingModels.contains(key.sellingModel) }) {
                let supported = versions[0].sellingModels.map(\.rawValue).joined(separator: ", ")
                diagnostics.error("InvalidValue", at: first.location, path: "entries",
                                  "product '\(key.productId)' is not sold \(key.sellingModel.rawValue); it supports \(supported)")
            }
        }
    }

    /// Reports each cycle once, at the first node (by id) on it.
    private func checkCycles(name: String, what: String, edges: [String: [String]],
                             location: (String) -> DefinitionLocation?)
    {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []
        var reported = Set<Set<String>>()
        func visit(_ node: String) {
            marks[node] = .visiting
            stack.append(node)
            for next in edges[node] ?? [] where edges[next] != nil {
                switch marks[next] {
                case .visiting:
                    guard let start = stack.lastIndex(of: next) else { continue }
                    let cycle = Array(stack[start...])
                    if reported.insert(Set(cycle)).inserted, let first = cycle.min(), let at = location(first) {
                        let rotated = Array(cycle.drop { $0 != first } + cycle.prefix { $0 != first }) + [first]
                        diagnostics.error(name, at: at, path: first,
                                          "\(what) cycle: \(rotated.joined(separator: " → "))")
                    }
                case .done:
                    continue
                case nil:
                    visit(next)
                }
            }
            stack.removeLast()
            marks[node] = .done
        }
        for node in edges.keys.sorted() where marks[node] == nil { visit(node) }
    }
}
