import Definitions
import Expressions

extension PricingCompiler {
    mutating func readPlan(_ reader: ObjectReader, _ document: DefinitionDocument) {
        var sections: [ProcedurePlan.Section] = []
        for item in reader.objects("sections") {
            defer { item.finish() }
            guard let id = item.string("id") else { continue }
            let resolution = item.string("resolution", required: false) ?? "ruleBased"
            let fallback = item.string("defaultProcedure", required: false)
            if let fallback {
                planReferences.append((fallback, item.location(of: "defaultProcedure"), item.path(of: "defaultProcedure")))
            }
            var options: [ProcedurePlan.Option] = []
            switch resolution {
            case "default":
                if fallback == nil {
                    item.error("MissingField", "defaultProcedure", "a section with resolution 'default' needs defaultProcedure")
                }
                if item.has("options") {
                    item.error("InvalidValue", "options", "a section with resolution 'default' has no options")
                }
            case "ruleBased":
                for option in item.objects("options") {
                    defer { option.finish() }
                    if let parsed = readOption(option) { options.append(parsed) }
                }
            default:
                item.error("InvalidValue", "resolution", "\"\(resolution)\" is not one of \"default\", \"ruleBased\"")
            }
            sections.append(.init(id: id, defaultProcedureId: fallback, options: options))
        }
        plans[document.id, default: []].append(ProcedurePlan(id: document.id, version: document.version,
                                                              window: document.window, sections: sections,
                                                              location: document.location))
    }

    /// An option: `{procedure, priority, criteria: [header conditions], logic: ALL | ANY | "1 AND (2 OR 3)"}`.
    private mutating func readOption(_ reader: ObjectReader) -> ProcedurePlan.Option? {
        let procedure = reader.string("procedure")
        let priority = reader.integer("priority", required: false, in: 0...1_000_000) ?? 0
        let criteria = reader.strings("criteria", required: false)
        var valid = true
        for (index, criterion) in criteria.enumerated() {
            // Each criterion is compiled alone first, so errors point at it.
            do {
                _ = try Expression.compile(criterion.value, schema: schema.header, expecting: .boolean)
            } catch {
                let code = error.code == .unknownField ? "UnknownContextField" : "InvalidExpression"
                reader.context.error(code, at: criterion.node, path: "\(reader.path(of: "criteria"))[\(index)]", error.message)
                valid = false
            }
        }
        let logic = reader.string("logic", required: false) ?? "ALL"
        guard let procedure else { return nil }
        planReferences.append((procedure, reader.location(of: "procedure"), reader.path(of: "procedure")))
        guard valid else { return nil }
        let texts = criteria.map { "(\($0.value))" }
        let combined: String
        switch logic.uppercased() {
        case "ALL": combined = texts.isEmpty ? "true" : texts.joined(separator: " and ")
        case "ANY": combined = texts.isEmpty ? "false" : texts.joined(separator: " or ")
        default:
            guard let rewritten = Self.rewrite(logic: logic, criteria: texts, reader: reader) else { return nil }
            combined = rewritten
        }
        do {
            let rule = try Expression.compile(combined, schema: schema.header, expecting: .boolean)
            return .init(procedureId: procedure, priority: priority, rule: rule, criteria: criteria.map(\.value))
        } catch {
            reader.error("InvalidValue", "logic", "logic '\(logic)' is not a valid combination: \(error.message)")
            return nil
        }
    }

    /// Turns an index expression such as `1 AND (2 OR NOT 3)` into the criteria joined by
    /// `and`/`or`/`not`.
    private static func rewrite(logic: String, criteria: [String], reader: ObjectReader) -> String? {
        var output = ""
        var index = logic.startIndex
        while index < logic.endIndex {
            let character = logic[index]
            if character.isNumber {
                let digits = logic[index...].prefix { $0.isNumber }
                index = logic.index(index, offsetBy: digits.count)
                guard let number = Int(digits), number >= 1, number <= criteria.count else {
                    reader.error("InvalidValue", "logic", "logic '\(logic)' refers to criterion \(digits), but there are \(criteria.count)")
                    return nil
                }
                output += criteria[number - 1]
            } else if character.isLetter {
                let word = logic[index...].prefix { $0.isLetter }
                index = logic.index(index, offsetBy: word.count)
                switch word.uppercased() {
                case "AND": output += " and "
                case "OR": output += " or "
                case "NOT": output += " not "
                default:
                    reader.error("InvalidValue", "logic", "logic '\(logic)' may only use criterion numbers, AND, OR, NOT and parentheses, not '\(word)'")
                    return nil
                }
            } else if "() ".contains(character) {
                output.append(character)
                index = logic.index(after: index)
            } else {
                reader.error("InvalidValue", "logic", "logic '\(logic)' may only use criterion numbers, AND, OR, NOT and parentheses, not '\(character)'")
                return nil
            }
        }
        return output
    }
}
