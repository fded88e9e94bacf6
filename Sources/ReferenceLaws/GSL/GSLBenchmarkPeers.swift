// GSL's own implementations of two operations the engine performs — a dense matrix product and standard normal
// draws — as external reference points for `langevin-verify bench`. Nothing in the suite's results uses them.
import CGSL

/// External speed references from GSL, for benchmarks only.
public enum GSLBenchmarkPeers {
    /// C = A·B with A (m×k), B (k×n) and C (m×n) row-major, by GSL's CBLAS `cblas_dgemm` (libgslcblas, the reference
    /// BLAS GSL links). Sizes must be positive and the buffers that large (not checked: a benchmark primitive).
    public static func multiply(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
                                rows m: Int, inner k: Int, columns n: Int) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b,
                    Int32(n), 0, c, Int32(n))
    }

    /// GSL's MT19937 generator with its Gaussian samplers (`gsl_ran_gaussian_ziggurat`, Marsaglia–Tsang with 128
    /// layers, and `gsl_ran_gaussian`, the polar Box–Muller method) and uniforms (`gsl_rng_uniform`).
    public final class Generator {
        private let rng: UnsafeMutablePointer<gsl_rng>

        /// `gsl_rng_alloc(gsl_rng_mt19937)` seeded by `gsl_rng_set(seed)`; nil if GSL cannot allocate it.
        public init?(seed: UInt) {
            guard let rng = gsl_rng_alloc(cgsl_rng_mt19937()) else { return nil }
            gsl_rng_set(rng, seed)
            self.rng = rng
        }

        deinit { gsl_rng_free(rng) }

        /// The next raw output of the generator (`gsl_rng_get`).
        public func next() -> UInt { gsl_rng_get(rng) }

        /// `count` N(0, 1) draws by `gsl_ran_gaussian_ziggurat`.
        public func fillZiggurat(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
            for i in 0..<count { buffer[i] = gsl_ran_gaussian_ziggurat(rng, 1) }
        }

        /// `count` N(0, 1) draws by `gsl_ran_gaussian` (polar Box–Muller).
        public func fillPolar(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
            for i in 0..<count { buffer[i] = gsl_ran_gaussian(rng, 1) }
        }

        /// `count` uniforms on [0, 1) by `gsl_rng_uniform`.
        public func fillUniform(_ buffer: UnsafeMutablePointer<Double>, count: Int) {
            for i in 0..<count { buffer[i] = gsl_rng_uniform(rng) }
        }
    }
}
