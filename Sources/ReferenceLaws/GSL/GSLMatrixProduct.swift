import CGSL

/// C = A·B through GSL's CBLAS `dgemm` (`gsl_blas_dgemm`), for row-major A (`rows × inner`), B (`inner × columns`) and
/// C (`rows × columns`): the machine's BLAS as GSL links it, the yardstick the score kernel's speed is reported
/// against (`langevin-verify bench --diffusion`). Throws `GSLError` when GSL reports one, and on mismatched sizes.
public enum GSLMatrixProduct {
    public static func multiply(_ a: [Double], rows: Int, inner: Int, by b: [Double], columns: Int,
                                into c: inout [Double]) throws(GSLError) {
        guard rows >= 1, inner >= 1, columns >= 1, a.count == rows * inner, b.count == inner * columns,
              c.count == rows * columns
        else {
            throw GSLError(code: Int32(GSL_EBADLEN), context: "gsl_blas_dgemm: sizes \(rows)×\(inner)·\(inner)×\(columns)",
                           reason: "buffer sizes do not match")
        }
        var left = a, right = b
        let status: Result<Void, GSLError> = left.withUnsafeMutableBufferPointer { pa in
            right.withUnsafeMutableBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    var va = gsl_matrix_view_array(pa.baseAddress, rows, inner)
                    var vb = gsl_matrix_view_array(pb.baseAddress, inner, columns)
                    var vc = gsl_matrix_view_array(pc.baseAddress, rows, columns)
                    return Result { () throws(GSLError) in
                        try GSL.check("gsl_blas_dgemm \(rows)×\(inner)·\(inner)×\(columns)") {
                            gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, &va.matrix, &vb.matrix, 0, &vc.matrix)
                        }
                    }
                }
            }
        }
        try status.get()
    }
}
