import ArgumentParser
import Foundation
import Catalog
import Definitions
import Pricing
import Rating

/// `revenue validate DIR`: load, check and compile a definitions tree.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a definitions directory and report every problem, compiler-style.",
        discussion: """
            Reads every .yaml, .yml and .json file below DIR. Prints each problem as \
            file:line:column: error: path: message, with the source line and a caret. \
            Exits 1 if there is any error, 0 with a summary otherwise.
            """
    )

    @Argument(help: "The definitions directory.")
    var directory: String

    func run() async throws {
        let (definitions, rating) = try DefinitionsLoading.loadAll(directory)
        print(DiagnosticPrinter.summary(definitions, rating: rating, directory: directory), terminator: "")
    }
}

/// Loads definitions for a command, printing every problem and exiting 1 on failure.
enum DefinitionsLoading {
    /// The pricing definitions of a directory (rating documents are accepted, not compiled).
    static func load(_ directory: String) throws -> PricingDefinitions {
        try loadAll(directory, rating: false).pricing
    }

    /// The rating definitions of a directory, over its catalog.
    static func loadRating(_ directory: String) throws -> RatingDefinitions {
        guard let rating = try loadAll(directory, rating: true).rating else { throw ExitCode(1) }
        return rating
    }

    /// Pricing and rating definitions, from one read of the directory.
    static func loadAll(_ directory: String) throws -> (PricingDefinitions, RatingDefinitions) {
        let all = try loadAll(directory, rating: true)
        guard let rating = all.rating else { throw ExitCode(1) }
        return (all.pricing, rating)
    }

    private static func loadAll(_ directory: String, rating: Bool) throws
        -> (pricing: PricingDefinitions, rating: RatingDefinitions?)
    {
        let loaded: LoadedDefinitions
        do {
            loaded = try DefinitionLoader.load(directory: directory)
        } catch {
            fail(DiagnosticPrinter.render(.noDefinitions(directory, error.message)))
        }
        let pricing: PricingDefinitions
        switch PricingCompiler.compile(loaded, otherKinds: RatingCompiler.kinds) {
        case .success(let definitions): pricing = definitions
        case .failure(let failure): fail(DiagnosticPrinter.render(failure))
        }
        guard rating else { return (pricing, nil) }
        switch RatingCompiler.compile(loaded, catalog: pricing.catalog) {
        case .success(let definitions): return (pricing, definitions)
        case .failure(let failure): fail(DiagnosticPrinter.render(failure))
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }
}
