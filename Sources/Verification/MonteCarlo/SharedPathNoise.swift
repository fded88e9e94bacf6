import Langevin
import Randomness

/// The noise source of the common-random-number ensemble (PN-V07): every scheme of a chain reads ONE Brownian
/// path per coarse step from the engine's `BrownianPathStore` (extensions by independent increments, Brownian-bridge
/// insertions between known points, so any union of query times is consistent with one Brownian motion, PN-S05).
///
/// Queries are relative to `offset` (the start of the current fine sub-step): W(offset + t) − W(offset). Auxiliary
/// draws (flags, counts, uniform times, subsets) come from the chain's auxiliary stream; `standardNormals` from the
/// chain's Brownian stream (schemes that need noise independent of the path, e.g. the independent-midpoint-noise
/// mutant). Same semantics as the engine's coupled runner (arXiv 2405.17068 §2; paper-notes §2.1, §4.7).
struct SharedPathNoise: StepNoise {
    let paths: BrownianPathStore
    let brownianStreams: UnsafeMutablePointer<Xoshiro256StarStar>
    let auxiliaryStreams: UnsafeMutablePointer<Xoshiro256StarStar>
    /// Start of the current fine sub-step within the coarse step.
    var offset: Double = 0
    let origin: UnsafeMutablePointer<Double>

    init(paths: BrownianPathStore, brownian: UnsafeMutablePointer<Xoshiro256StarStar>,
         auxiliary: UnsafeMutablePointer<Xoshiro256StarStar>) {
        self.paths = paths
        brownianStreams = brownian
        auxiliaryStreams = auxiliary
        origin = .allocate(capacity: paths.dimension)
        origin.initialize(repeating: 0, count: paths.dimension)
    }

    func deallocate() { origin.deallocate() }

    mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension d: Int,
                           into: UnsafeMutablePointer<Double>) {
        var g = brownianStreams[chain]
        if offset > 0 { paths.value(chain: chain, at: offset, generator: &g, into: origin) }
        for k in 0..<count {
            paths.value(chain: chain, at: offset + times[k], generator: &g, into: into + k * d)
            if offset > 0 { for j in 0..<d { into[k * d + j] -= origin[j] } }
        }
        brownianStreams[chain] = g
    }

    mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        brownianStreams[chain].fillStandardNormal(UnsafeMutableBufferPointer(start: into, count: count))
    }

    mutating func uniform(chain: Int) -> Double { auxiliaryStreams[chain].nextUniform() }

    mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>) {
        auxiliaryStreams[chain].sampleSortedSubsetUnchecked(size: size, population: n,
                                                            into: UnsafeMutableBufferPointer(start: into, count: size))
    }
}
