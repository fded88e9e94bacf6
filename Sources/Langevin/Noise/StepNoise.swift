import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The randomness a scheme consumes during one step, per chain (chain indices are block-local,
/// 0 ..< block count). Schemes take their randomness ONLY through this protocol, so it can be
/// injected: the engine uses `StreamNoise` (per-chain keyed streams), the coupled runner a shared
/// Brownian path, and tests a scripted source.
///
/// Two separate kinds of draws:
/// * Brownian (`brownian`, `standardNormals`): the chain's Brownian stream.
/// * auxiliary (`uniform`, `draw` (binomial/Poisson counts by table inversion), `sortedSubset`): the chain's auxiliary stream, so the
///   Brownian path never shifts when a scheme draws more or fewer auxiliary variables.
package protocol StepNoise {
    /// W(t₁), …, W(t_m) of a standard d-dimensional Brownian motion started at W(0) = 0 at the start of
    /// the current step, for strictly increasing times 0 < t₁ < … < t_m; row k of `into` (m × d) is W(t_{k+1}).
    /// (PN-S05.)
    mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension: Int,
                           into: UnsafeMutablePointer<Double>)
    /// `count` iid N(0, 1) draws from the chain's Brownian stream (schemes whose noise is not a Brownian
    /// path query: ULMC pairs, the scalar-coefficient chains).
    mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>)
    /// `count` iid N(0, 1) draws from the AUXILIARY stream (for deliberately independent noise, e.g. the
    /// independent-midpoint negative control; never used for the Brownian path).
    mutating func auxiliaryStandardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>)
    /// U[0, 1) from the auxiliary stream.
    mutating func uniform(chain: Int) -> Double
    /// A draw from the discrete law with CDF table `cumulative[0 ..< count]` (see `DiscreteCDF`), by inversion
    /// of one auxiliary uniform (default implementation provided).
    mutating func draw(chain: Int, cumulative: UnsafePointer<Double>, count: Int) -> Int
    /// A uniformly random `size`-subset of 0 ..< n, sorted ascending, from the auxiliary stream.
    mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>)
    /// True when every draw for chain c comes from state owned by chain c alone (per-chain streams), so a
    /// scheme may visit the chains of a block in any order, e.g. grouped by midpoint count, and still get
    /// the same numbers for every chain. Default false (sources that serve draws in call order).
    static var chainsAreIndependent: Bool { get }
    /// `count` N(0, 1) draws from each of four chains' Brownian streams, interleaved by lane: `into[4n + l]` is the
    /// n-th draw of chain `lanes[l]`; every lane is used (distinct chains). Schemes call this only when
    /// `fillsLaneGroups` is true, and then `brownian(chain:…)` is by definition W built from the chain's next
    /// standard normals as independent increments (PN-S05), so a scheme may build W itself from these draws and get
    /// the numbers `brownian(chain:…)` would give. The default implementation answers lane by lane.
    mutating func standardNormals(lanes: SIMD4<Int>, count: Int, into: UnsafeMutablePointer<Double>)
    /// True when `standardNormals(lanes:…)` is the fast path and `brownian(chain:…)` builds W from the chain's next
    /// standard normals (the engine's lane-grouped streams). Default false.
    static var fillsLaneGroups: Bool { get }
}

extension StepNoise {
    package static var chainsAreIndependent: Bool { false }
    package static var fillsLaneGroups: Bool { false }

    /// Lane by lane through `standardNormals(chain:…)` (see the requirement).
    package mutating func standardNormals(lanes: SIMD4<Int>, count: Int, into: UnsafeMutablePointer<Double>) {
        for l in 0..<4 {
            for n in 0..<count { standardNormals(chain: lanes[l], count: 1, into: into + 4 * n + l) }
        }
    }
}

/// The engine's noise source: per-chain streams keyed by (seed, chain, purpose), stored for the chains of one
/// block — the Brownian streams in `brownianStreams` (`LaneNormalStream`s, four chains per SIMD fill, PN-S10) and the
/// auxiliary streams `auxiliaryStreams[c]` (xoshiro256**).
///
/// `brownian` builds W at the query times from independent Gaussian increments,
/// W(t_k) = W(t_{k−1}) + √(t_k − t_{k−1})·g_k, g_k iid N(0, I_d) (PN-S05): m·d Gaussians for m query times, drawn
/// in one fill of the chain's stream; `standardNormals(lanes:…)` draws four chains' Gaussians in one SIMD fill (the
/// same numbers chain by chain, PN-S10).
package struct StreamNoise: StepNoise {
    package let brownianStreams: LaneNormalStreams
    package let auxiliaryStreams: UnsafeMutablePointer<Xoshiro256StarStar>

    package static var chainsAreIndependent: Bool { true }
    package static var fillsLaneGroups: Bool { true }

    package init(brownianStreams: LaneNormalStreams, auxiliaryStreams: UnsafeMutablePointer<Xoshiro256StarStar>) {
        self.brownianStreams = brownianStreams
        self.auxiliaryStreams = auxiliaryStreams
    }

    @inline(__always)
    package mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        brownianStreams.fill(chain: chain, into, count: count)
    }

    @inline(__always)
    package mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension d: Int,
                                  into: UnsafeMutablePointer<Double>) {
        // m·d Gaussians in one fill, then the cumulative sums in a second pass.
        brownianStreams.fill(chain: chain, into, count: count * d)
        brownianFromIncrements(times: times, count: count, dimension: d, values: into)
    }

    @inline(__always)
    package mutating func standardNormals(lanes: SIMD4<Int>, count: Int, into: UnsafeMutablePointer<Double>) {
        brownianStreams.fill(lanes: lanes, into, count: count)
    }

    @inline(__always)
    package mutating func uniform(chain: Int) -> Double { auxiliaryStreams[chain].nextUniform() }

    package mutating func auxiliaryStandardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        auxiliaryStreams[chain].fillStandardNormal(UnsafeMutableBufferPointer(start: into, count: count))
    }

    @inline(__always)
    package mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>) {
        auxiliaryStreams[chain].sampleSortedSubsetUnchecked(size: size, population: n,
                                                             into: UnsafeMutableBufferPointer(start: into, count: size))
    }
}

extension StepNoise {
    /// Default: Marsaglia's polar method on auxiliary uniforms (exact in law).
    package mutating func auxiliaryStandardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        var k = 0
        while k < count {
            let u = 2 * uniform(chain: chain) - 1, v = 2 * uniform(chain: chain) - 1
            let s = u * u + v * v
            guard s > 0 && s < 1 else { continue }
            let f = (-2 * log(s) / s).squareRoot()
            into[k] = u * f
            if k + 1 < count { into[k + 1] = v * f }
            k += 2
        }
    }
}

/// Turns rows of iid N(0, I_d) draws into W(t₁), …, W(t_m) in place:
/// W(t_k) = W(t_{k−1}) + √(t_k − t_{k−1}) · g_k with W(t₀ = 0) = 0.
@inline(__always)
package func brownianFromIncrements(times: UnsafePointer<Double>, count: Int, dimension d: Int,
                                   values: UnsafeMutablePointer<Double>) {
    var previousTime = 0.0
    for k in 0..<count {
        let scale = (times[k] - previousTime).squareRoot()
        previousTime = times[k]
        let row = values + k * d
        if k == 0 {
            for j in 0..<d { row[j] *= scale }
        } else {
            let prior = row - d
            for j in 0..<d { row[j] = prior[j] + scale * row[j] }
        }
    }
}
