import ArgumentParser
import SchemeVocabulary
import Verification
import DenseLinearAlgebra
import Foundation
import Langevin
import ReferenceLaws

/// `langevin-verify simulate`: N independent chains from x = 0 (v = 0) for T steps on the Gaussian case
/// b(x) = −A(x − m); prints the empirical moments of the final states. The interface is fixed (README.md, `langevin-verify simulate`).
/// The same seed gives identical mean, covariance and drift calls for every `--threads`.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run an ensemble of chains on a Gaussian case and print the empirical moments of the final states.",
        discussion: """
        For ulmc and plmc-ulmc the moments are those of the joint state (x, v), ordered [x; v].
        Results are bit-identical for a given --seed whatever --threads is.
        """
    )

    @OptionGroup var options: SchemeAndCaseOptions

    @Option(help: "Number of independent chains (≥ 2).")
    var chains: Int

    @Option(help: "Number of steps per chain (≥ 1).")
    var steps: Int

    @Option(help: "Seed of the owned generator (xoshiro256**; per-chain streams are keyed by seed and chain).")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: all cores). Does not change the numbers.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print one JSON object {\"mean\", \"covariance\", \"drift_calls_per_step\", \"seconds\"}.")
    var json = false

    func validate() throws {
        try validating {
            try ToolLimits.checkCount(chains, option: "--chains", minimum: 2, maximum: ToolLimits.maximumChains,
                                      why: "a covariance needs two chains",
                                      beyond: "pool the moments of several runs with different --seed instead")
            try ToolLimits.checkCount(steps, option: "--steps", maximum: ToolLimits.maximumSteps,
                                      beyond: "the exact law after n steps is `exact --steps n`")
            try ToolLimits.checkThreads(threads)
        }
    }

    func run() throws {
        let resolved = try options.resolved()
        // Validate the case exactly as `exact` does (finite, symmetric, positive definite), and refuse a step
        // outside the scheme's mean-square stability region up front, naming the failed condition.
        let law = try LinearDrift(precision: resolved.precision, mean: resolved.mean)
        let stability = try ChainLaw.stabilityMargin(resolved.scheme, eta: resolved.eta, drift: law)
        guard stability.isStable else { throw ValidationError(stability.description) }
        // near a far-away mean a double resolves only |m|·ε: refuse when that is not far below the target's smallest
        // standard deviation, instead of returning a covariance made of rounding (the laws are translation-equivariant)
        let far = resolved.mean.map(abs).max() ?? 0
        let smallestDeviation = 1 / (law.eigenvalues.max() ?? 1).squareRoot()
        guard far * Double.ulpOfOne <= 1e-2 * smallestDeviation else {
            throw ValidationError("--mean is too far from 0 for the chains to resolve their noise: near |m| = "
                                  + "\(String(format: "%.3g", far)) a double resolves \(String(format: "%.3g", far * Double.ulpOfOne)), "
                                  + "not far below the target's smallest standard deviation \(String(format: "%.3g", smallestDeviation)); "
                                  + "shift the problem so that the mean is near 0")
        }
        let stateDimension = resolved.scheme.isUnderdamped ? 2 * law.dimension : law.dimension
        try ToolLimits.checkWork(Double(chains) * Double(steps) * Double(stateDimension)
                                 * resolved.scheme.theory.evaluationsPerStep,
                                 what: "simulate with \(chains) chains × \(steps) steps in dimension \(stateDimension)")
        let drift = try LinearBatchDrift(matrix: resolved.precision, mean: resolved.mean)
        // divergence is judged around the target mean (v-mean 0), relative to its scale: a stable chain around a
        // far-away mean is never called unstable
        let center = resolved.mean + (resolved.scheme.isUnderdamped ? [Double](repeating: 0, count: law.dimension) : [])
        let progress = EngineProgress()
        let configuration = EnsembleConfiguration(chains: chains, steps: steps, seed: seed, threads: threads,
                                                  explosionCenter: center, progress: progress)
        let label = "\(resolved.scheme.label(stepSize: resolved.eta)), \(chains) chains × \(steps) steps"
        Interruption.setStage("simulate (\(label))")
        let reporter = ProgressReporter { (progress.fraction, label) }
        reporter.begin()
        defer { reporter.end() }
        let result = try Simulation.run(SchemeVariant(resolved.scheme), stepSize: resolved.eta, drift: drift,
                                        configuration: configuration)
        reporter.end()
        try printLaw(mean: result.mean, covariance: result.covariance, json: json, extra: [
            ("drift_calls_per_step", JSON.number(result.driftCallsPerStep)),
            ("seconds", JSON.number(result.seconds)),
        ])
    }
}
