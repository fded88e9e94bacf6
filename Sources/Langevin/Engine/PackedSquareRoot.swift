#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

extension SIMD4 where Scalar == Double {
    /// √x lane by lane with packed square-root instructions (two `sqrtpd` on x86-64), where `squareRoot()` compiles to
    /// four scalar square roots, each with a branch to libm's `sqrt` for negative input (its errno path). IEEE 754
    /// square roots are correctly rounded, so every lane has the bits of `Double.squareRoot()` (a negative lane gives
    /// NaN); `PackedSquareRootTests` checks it. Other architectures use `squareRoot()`.
    @inline(__always)
    package func packedSquareRoot() -> SIMD4<Double> {
        #if arch(x86_64)
        return SIMD4(lowHalf: _mm_sqrt_pd(lowHalf), highHalf: _mm_sqrt_pd(highHalf))
        #else
        return squareRoot()
        #endif
    }
}
