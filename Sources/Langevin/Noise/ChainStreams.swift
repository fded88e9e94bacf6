import Randomness

/// Per-chain streams keyed by (seed, chain index, purpose) — Randomness's keyed split with stream =
/// chain·2⁸ + purpose (the layout of `StreamKey`): `Xoshiro256StarStar(seed:stream:)` for uniform and discrete draws,
/// `LaneNormalStream(seed:stream:)` for Gaussian noise (PN-S10).
///
/// A chain's streams depend only on (seed, chain, purpose) — never on the block, the thread, the number of chains or
/// which chains share SIMD lanes — which is what makes ensemble results bit-identical for every thread count. The
/// Brownian stream (`StreamPurpose.brownian`, a `LaneNormalStream`) feeds only Gaussian increments; flags, counts,
/// uniform times and subsets come from the auxiliary stream (`StreamPurpose.auxiliary`, a `Xoshiro256StarStar`), so
/// the Brownian path of a chain never shifts when a scheme draws more or fewer auxiliary variables. Chain indices must
/// be below 2⁵⁶ (`StreamKey.maximumChainIndex`).
///
/// A sampler of its own (for example a diffusion sampler's ensemble) gets each chain's Gaussian noise the same way:
/// keep one `normals(seed:chain:purpose:)` per chain (contiguously, e.g. `UnsafeMutablePointer<LaneNormalStream>`, or
/// in a `LaneNormalStreams` to draw for four chains at once) and call `fill(_:count:)` on the chain's stream for the
/// normals it needs, in bulk or a few at a time — the n-th normal of a chain depends only on its key and n.
public enum ChainStreams {
    /// The scalar generator of `chain` for `purpose` under the run seed `seed` (uniforms, discrete draws).
    @inline(__always)
    public static func generator(seed: UInt64, chain: Int, purpose: StreamPurpose) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed, stream: stream(chain: chain, purpose: purpose))
    }

    /// The Gaussian stream of `chain` for `purpose` under the run seed `seed` (PN-S10); the engine's Brownian
    /// increments are `normals(seed:chain:purpose: .brownian)`, stored in a `LaneNormalStreams` so that four chains
    /// draw at once.
    @inline(__always)
    public static func normals(seed: UInt64, chain: Int, purpose: StreamPurpose) -> LaneNormalStream {
        LaneNormalStream(seed: seed, stream: stream(chain: chain, purpose: purpose))
    }

    /// chain·2⁸ + purpose.
    @inline(__always)
    static func stream(chain: Int, purpose: StreamPurpose) -> UInt64 {
        UInt64(truncatingIfNeeded: chain) << 8 | UInt64(purpose.rawValue)
    }
}
