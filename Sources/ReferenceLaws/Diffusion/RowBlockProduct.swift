/// C = A·B for a row-major `rows × d` block A and a row-major `d × d` matrix B: the score kernel's only O(d²) work per
/// state. Register-blocked (4 rows × 4 columns of C per pass over k), with a scalar edge for the remaining rows and
/// columns.
///
/// Every entry is accumulated in the same order whatever its position: c = 0, then c += a_{ik}·b_{kj} for k = 0 … d − 1
/// (one rounded product and one rounded sum per term, no fused multiply-add). So a row of C does not depend on which
/// other rows share its block, and batched results are identical for any split of the chains into blocks or threads.
package enum RowBlockProduct {
    package static func multiply(_ a: UnsafePointer<Double>, rows: Int, by b: UnsafePointer<Double>, size d: Int,
                         into c: UnsafeMutablePointer<Double>) {
        let fullRows = rows & ~3, fullColumns = d & ~3
        var i = 0
        while i < fullRows {
            var j = 0
            while j < fullColumns {
                block4x4(a + i * d, b + j, d, c + i * d + j)
                j += 4
            }
            for r in i..<(i + 4) { edgeColumns(a + r * d, b, d, from: fullColumns, into: c + r * d) }
            i += 4
        }
        while i < rows {
            edgeColumns(a + i * d, b, d, from: 0, into: c + i * d)
            i += 1
        }
    }

    /// Four rows × four columns: c[r][0..<4] = Σₖ a[r][k] · b[k][0..<4].
    @inline(__always)
    private static func block4x4(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int,
                                 _ c: UnsafeMutablePointer<Double>) {
        var c0 = SIMD4<Double>(), c1 = SIMD4<Double>(), c2 = SIMD4<Double>(), c3 = SIMD4<Double>()
        let a1 = a + d, a2 = a + 2 * d, a3 = a + 3 * d
        var row = UnsafeRawPointer(b)
        let stride = d * MemoryLayout<Double>.stride
        for k in 0..<d {
            let bk = row.loadUnaligned(as: SIMD4<Double>.self)
            c0 += a[k] * bk
            c1 += a1[k] * bk
            c2 += a2[k] * bk
            c3 += a3[k] * bk
            row += stride
        }
        UnsafeMutableRawPointer(c).storeBytes(of: c0, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(c + d).storeBytes(of: c1, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(c + 2 * d).storeBytes(of: c2, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(c + 3 * d).storeBytes(of: c3, as: SIMD4<Double>.self)
    }

    /// One row, columns `from ..< d`, scalar, in the same accumulation order as `block4x4`.
    @inline(__always)
    private static func edgeColumns(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int, from start: Int,
                                    into c: UnsafeMutablePointer<Double>) {
        var j = start
        while j < d {
            var sum = 0.0
            for k in 0..<d { sum += a[k] * b[k * d + j] }
            c[j] = sum
            j += 1
        }
    }
}
