public import Definitions
public import Expressions

/// Chooses the procedures for a quote by its header (DOMAIN.md §1.5).
public struct ProcedurePlan: Sendable, Windowed {
    /// One stage of the plan; stages run in order, each feeding the next.
    public struct Section: Sendable {
        /// Id.
        public var id: String
        /// The procedure used when no option matches (`nil`: no match is an error).
        public var defaultProcedureId: String?
        /// Rule-based options.
        public var options: [Option]
    }

    /// A candidate procedure and when it applies.
    public struct Option: Sendable {
        /// The procedure.
        public var procedureId: String
        /// Lower wins.
        public var priority: Int
        /// Combined criteria over header fields (from `criteria` and `logic`).
        public var rule: Expression
        /// The criteria as written, for messages.
        public var criteria: [String]
    }

    /// Id.
    public var id: String
    /// Version.
    public var version: Int
    /// When it is in force.
    public var window: EffectiveWindow
    /// The sections, in order.
    public var sections: [Section]
    /// Where it is defined.
    public var location: DefinitionLocation
}
