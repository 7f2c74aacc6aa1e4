/// Powers of ten as `UInt128`, `10^0` through `10^38`.
enum PowersOfTen {
    static let table: [UInt128] = {
        var values: [UInt128] = [1]
        for _ in 1...38 { values.append(values[values.count - 1] * 10) }
        return values
    }()

    @inline(__always)
    static func of(_ exponent: Int) -> UInt128 { table[exponent] }
}
