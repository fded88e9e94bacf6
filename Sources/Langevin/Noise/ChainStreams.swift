import Randomness

/// Per-chain generators keyed by (seed, chain index, purpose) — Randomness's keyed split
/// `Xoshiro256StarStar(seed:stream:)` with stream = chain·2⁸ + purpose (the layout of `StreamKey`).
///
/// A chain's streams depend only on (seed, chain, purpose) — never on the block, the thread or the number of
/// chains — which is what makes ensemble results bit-identical for every thread count. The Brownian stream
/// (`StreamPurpose.brownian`) feeds only Gaussian increments; flags, counts, uniform times and subsets come
/// from the auxiliary stream (`StreamPurpose.auxiliary`), so the Brownian path of a chain never shifts when a
/// scheme draws more or fewer auxiliary variables. Chain indices must be below 2⁵⁶ (`StreamKey.maximumChainIndex`).
public enum ChainStreams {
    /// The generator of `chain` for `purpose` under the run seed `seed`.
    @inline(__always)
    public static func generator(seed: UInt64, chain: Int, purpose: StreamPurpose) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed, stream: UInt64(truncatingIfNeeded: chain) << 8 | UInt64(purpose.rawValue))
    }
}
