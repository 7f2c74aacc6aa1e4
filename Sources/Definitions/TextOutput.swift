public import Money

/// Text written piece by piece. One description then serves every output: a `String` for
/// tables and messages (``PlainText``), or the inside of a JSON string in a reply
/// (``JSONStringContent``), without building strings on the way.
public protocol TextOutput {
    /// Appends text as it reads.
    mutating func append(_ text: String)
    /// Appends a decimal's shortest exact text (`12.5`).
    mutating func append(_ value: ExactDecimal)
    /// Appends a whole number.
    mutating func append(_ value: Int)
}

/// A value that writes its text to any ``TextOutput``; its `description` is that text.
public protocol TextWritable: CustomStringConvertible {
    /// Appends the value's text to `out`.
    func write<Out: TextOutput>(to out: inout Out)
}

extension TextWritable {
    public var description: String {
        var text = PlainText()
        write(to: &text)
        return text.string
    }
}

/// Text collected into a `String`.
public struct PlainText: TextOutput {
    /// The text so far.
    public var string = ""

    /// Empty text.
    public init() {}

    public mutating func append(_ text: String) { string += text }
    public mutating func append(_ value: ExactDecimal) { string += value.description }
    public mutating func append(_ value: Int) { string += String(value) }
}

/// The inside of a JSON string in a ``ByteOutput``: text escaped, numbers as they are. The
/// quotes around it are the caller's to write.
public struct JSONStringContent: TextOutput {
    /// Where the text goes.
    public var output: ByteOutput

    /// Content written to `output`.
    public init(_ output: ByteOutput) {
        self.output = output
    }

    public mutating func append(_ text: String) { JSONString.appendEscaped(text, to: &output) }
    public mutating func append(_ value: ExactDecimal) { output.append(decimal: value) }
    public mutating func append(_ value: Int) { output.append(number: value) }
}
