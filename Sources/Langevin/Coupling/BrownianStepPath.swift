import Randomness

/// One Brownian path per chain over one coarse step [0, η], queried at arbitrary times (PN-S05).
///
/// The path keeps the sorted points (t, W(t)) known so far, starting from (0, 0). A query at a new time s
///
/// * after the last known point t_last extends it by an independent increment:
///   W(s) = W(t_last) + √(s − t_last)·g;
/// * between known points t_a < s < t_b inserts a Brownian-bridge value:
///   W(s) = W(t_a) + (s − t_a)/(t_b − t_a)·(W(t_b) − W(t_a)) + √((s − t_a)(t_b − s)/(t_b − t_a))·g,
///
/// g ~ N(0, I_d) from the chain's Brownian stream (a `LaneNormalStream`). Each new point is drawn from its exact conditional law given
/// the known points (Markov property and the bridge law), so for ANY query order the known points are exactly
/// the values of one Brownian motion at those times: the union of all query times of the coupled schemes is
/// answered consistently. A query at a known time (within 1e-12·η) returns the stored value.
package final class BrownianPathStore {
    package let dimension: Int
    package let chains: Int
    /// Known points per chain (capacity per chain grows geometrically).
    var capacity: Int
    var counts: UnsafeMutablePointer<Int>
    var times: UnsafeMutablePointer<Double>
    var values: UnsafeMutablePointer<Double>
    /// The coarse step length (for the time-matching tolerance).
    package var horizon: Double = 1

    package init(dimension: Int, chains: Int, pointsPerChain: Int) {
        self.dimension = dimension
        self.chains = chains
        capacity = max(pointsPerChain, 4)
        counts = .allocate(capacity: chains)
        counts.initialize(repeating: 1, count: chains)
        times = .allocate(capacity: chains * capacity)
        times.initialize(repeating: 0, count: chains * capacity)
        values = .allocate(capacity: chains * capacity * dimension)
        values.initialize(repeating: 0, count: chains * capacity * dimension)
    }

    deinit { counts.deallocate(); times.deallocate(); values.deallocate() }

    /// Forgets every chain's points (a new coarse step of length `horizon` starts at W(0) = 0).
    package func reset(horizon: Double) {
        self.horizon = horizon
        counts.update(repeating: 1, count: chains)
        for c in 0..<chains {
            times[c * capacity] = 0
            (values + c * capacity * dimension).update(repeating: 0, count: dimension)
        }
    }

    /// Makes every chain's known points a copy of `other`'s (same dimension and chain count): a candidate of a coupled
    /// run starts each coarse step from the shared path's points and inserts its own.
    package func copyPoints(from other: BrownianPathStore) {
        precondition(other.dimension == dimension && other.chains == chains, "BrownianPathStore.copyPoints: shapes differ")
        horizon = other.horizon
        let d = dimension
        for c in 0..<chains {
            let n = other.counts[c]
            while n > capacity { grow() }
            counts[c] = n
            (times + c * capacity).update(from: other.times + c * other.capacity, count: n)
            (values + c * capacity * d).update(from: other.values + c * other.capacity * d, count: n * d)
        }
    }

    @inline(never)
    func grow() {
        let newCapacity = capacity * 2, d = dimension
        let newTimes = UnsafeMutablePointer<Double>.allocate(capacity: chains * newCapacity)
        let newValues = UnsafeMutablePointer<Double>.allocate(capacity: chains * newCapacity * d)
        for c in 0..<chains {
            (newTimes + c * newCapacity).initialize(from: times + c * capacity, count: capacity)
            (newValues + c * newCapacity * d).initialize(from: values + c * capacity * d, count: capacity * d)
        }
        times.deallocate(); values.deallocate()
        times = newTimes; values = newValues; capacity = newCapacity
    }

    /// W(s) of chain c into `into` (d values), adding the point if it is new.
    package func value(chain c: Int, at s: Double, generator g: inout LaneNormalStream,
                      into: UnsafeMutablePointer<Double>) {
        let d = dimension
        let n = counts[c]
        let tolerance = 1e-12 * horizon
        var t = times + c * capacity
        var w = values + c * capacity * d
        // position: first index with time ≥ s − tolerance
        var k = 0
        while k < n && t[k] < s - tolerance { k += 1 }
        if k < n && abs(t[k] - s) <= tolerance {
            into.update(from: w + k * d, count: d)
            return
        }
        if n == capacity {
            grow()
            t = times + c * capacity
            w = values + c * capacity * d
        }
        g.fill(into, count: d)
        if k == n {
            let scale = (s - t[n - 1]).squareRoot(), last = w + (n - 1) * d
            for j in 0..<d { into[j] = last[j] + scale * into[j] }
        } else {
            let ta = t[k - 1], tb = t[k], a = w + (k - 1) * d, b = w + k * d
            let weight = (s - ta) / (tb - ta)
            let scale = ((s - ta) * (tb - s) / (tb - ta)).squareRoot()
            for j in 0..<d { into[j] = a[j] + weight * (b[j] - a[j]) + scale * into[j] }
            // shift points k … n−1 up by one
            var m = n
            while m > k { t[m] = t[m - 1]; (w + m * d).update(from: w + (m - 1) * d, count: d); m -= 1 }
        }
        t[k] = s
        (w + k * d).update(from: into, count: d)
        counts[c] = n + 1
    }
}

/// The noise source of the coupled runner: Brownian queries are answered from the shared per-chain path
/// (relative to `offset`: W(offset + t) − W(offset)), auxiliary draws from the chain's auxiliary stream.
/// Public so that other drivers of coupled ensembles (the Monte Carlo claims' common-random-number runs) read the
/// same path with the same semantics.
package struct CoupledNoise: StepNoise {
    let paths: BrownianPathStore
    let brownianStreams: UnsafeMutablePointer<LaneNormalStream>
    let auxiliaryStreams: UnsafeMutablePointer<Xoshiro256StarStar>
    /// Start of the current (fine) sub-step within the coarse step.
    package var offset: Double = 0
    let origin: UnsafeMutablePointer<Double>

    /// Paths and streams are per chain.
    package static var chainsAreIndependent: Bool { true }

    package init(paths: BrownianPathStore, brownian: UnsafeMutablePointer<LaneNormalStream>,
                auxiliary: UnsafeMutablePointer<Xoshiro256StarStar>) {
        self.paths = paths
        brownianStreams = brownian
        auxiliaryStreams = auxiliary
        origin = .allocate(capacity: paths.dimension)
        origin.initialize(repeating: 0, count: paths.dimension)
    }

    package func deallocate() { origin.deallocate() }

    package mutating func brownian(chain: Int, times: UnsafePointer<Double>, count: Int, dimension d: Int,
                           into: UnsafeMutablePointer<Double>) {
        var g = brownianStreams[chain]
        if offset > 0 { paths.value(chain: chain, at: offset, generator: &g, into: origin) }
        for k in 0..<count {
            paths.value(chain: chain, at: offset + times[k], generator: &g, into: into + k * d)
            if offset > 0 { for j in 0..<d { into[k * d + j] -= origin[j] } }
        }
        brownianStreams[chain] = g
    }

    package mutating func standardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        brownianStreams[chain].fill(into, count: count)
    }
    package mutating func uniform(chain: Int) -> Double { auxiliaryStreams[chain].nextUniform() }
    package mutating func auxiliaryStandardNormals(chain: Int, count: Int, into: UnsafeMutablePointer<Double>) {
        auxiliaryStreams[chain].fillStandardNormal(UnsafeMutableBufferPointer(start: into, count: count))
    }
    package mutating func sortedSubset(chain: Int, size: Int, from n: Int, into: UnsafeMutablePointer<Int>) {
        auxiliaryStreams[chain].sampleSortedSubsetUnchecked(size: size, population: n,
                                                            into: UnsafeMutableBufferPointer(start: into, count: size))
    }
}
