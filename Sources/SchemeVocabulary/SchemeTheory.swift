/// What an error is measured against, for a declared order p (error ∝ ηᵖ as η → 0).
public enum ErrorMeasure: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The stationary covariance bias ‖Σ(η) − Σ_π‖ on Gaussian targets (the position block for kinetic schemes);
    /// the bias of smooth bounded observables on other targets.
    case stationaryBias
    /// The same bias measured against the fine chain's stationary law at step η/K instead of against π (the
    /// quantity of the paper's theorems for finite K).
    case biasAgainstFineChain
    /// Finite-horizon error of expectations of smooth observables, against the continuous dynamics.
    case weak
    /// RMS pathwise distance to the fine chain under the synchronous coupling (same Brownian path).
    case strong
    /// KL divergence of one step from a fixed point to K fine steps of size η/K.
    case oneStepKL
    /// KL divergence over a fixed horizon to the fine chain (chain rule over the coarse grid).
    case pathKL

    public var description: String {
        switch self {
        case .stationaryBias: return "stationary bias"
        case .biasAgainstFineChain: return "stationary bias against the fine chain"
        case .weak: return "weak error"
        case .strong: return "strong error"
        case .oneStepKL: return "one-step KL to the fine chain"
        case .pathKL: return "path KL to the fine chain"
        }
    }
}

/// A declared mean-square stability threshold x* = η*λ_max on linear drift, as printed (value and half a unit of
/// its last printed digit).
public struct StabilityThreshold: Sendable, Equatable, Hashable {
    public let value: Double
    public let printedPrecision: Double

    public init(_ value: Double, printedPrecision: Double) {
        self.value = value
        self.printedPrecision = printedPrecision
    }
}

/// The theory of a scheme, as data: claims and tests read it, nothing types it twice.
public struct SchemeTheory: Sendable, Equatable {
    /// Expected drift (or score) evaluations per step.
    public let evaluationsPerStep: Double
    /// The declared order p per error measure (error ∝ ηᵖ); measures without a declared order are absent.
    public let orders: [ErrorMeasure: Double]
    /// The mean-square stability threshold on linear drift, where it is known in closed form or printed.
    public let stabilityThreshold: StabilityThreshold?
    /// Where the scheme and its properties come from (paper, section, equation).
    public let reference: String
    /// The proofs-note that derives the construction or its law.
    public let proofsNote: String

    public init(evaluationsPerStep: Double, orders: [ErrorMeasure: Double], stabilityThreshold: StabilityThreshold? = nil,
                reference: String, proofsNote: String) {
        self.evaluationsPerStep = evaluationsPerStep
        self.orders = orders
        self.stabilityThreshold = stabilityThreshold
        self.reference = reference
        self.proofsNote = proofsNote
    }

    /// The declared order for `measure`, or nil.
    public func order(_ measure: ErrorMeasure) -> Double? { orders[measure] }
}

extension Scheme {
    /// The theory of the correct scheme (docs/theory.md §2, §4, §7; the proofs-notes named in each).
    ///
    /// Orders: LMC is first order in every sense (bias η/2·I on Gaussians, docs/theory.md §4.1). PLMC with finite K
    /// is first order against π (it inherits the O(η/K) bias of its fine chain) and second order against the fine
    /// chain; its one-step KL to K fine steps is fourth order and the path KL over a fixed horizon third order
    /// (docs/theory.md §3.4, §4.4). PLMC with K = ∞ is second order against π. RLMC's stationary bias on Gaussians
    /// is third order (aσ² = 1 + x³/6 + …, docs/theory.md §4.2). None of the midpoint schemes gains strong order
    /// over LMC against the fine chain (docs/theory.md §4.7). Kinetic schemes: ULMC first order, PLMC-ULMC(∞) and
    /// RLMC-ULMC third order in the stationary position bias (docs/theory.md §4.5).
    public var theory: SchemeTheory {
        switch self {
        case .lmc:
            return SchemeTheory(
                evaluationsPerStep: 1,
                orders: [.stationaryBias: 1, .biasAgainstFineChain: 1, .weak: 1, .strong: 1, .oneStepKL: 2, .pathKL: 1],
                stabilityThreshold: StabilityThreshold(2, printedPrecision: 1e-9),
                reference: "Euler–Maruyama (unadjusted Langevin); the OLMC row of the general form in Kandasamy & "
                    + "Nagaraj, arXiv 2405.17068, §2",
                proofsNote: "PN-C02")
        case .plmc(let k):
            var orders: [ErrorMeasure: Double] = [.strong: 1]
            switch k {
            case .infinite:
                orders[.stationaryBias] = 2
                orders[.weak] = 2
            case .finite(1):
                orders.merge(Scheme.lmc.theory.orders) { _, lmc in lmc }
            case .finite:
                orders[.stationaryBias] = 1
                orders[.weak] = 1
                orders[.biasAgainstFineChain] = 2
                orders[.oneStepKL] = 4
                orders[.pathKL] = 3
            }
            return SchemeTheory(
                evaluationsPerStep: 1 + k.expectedMidpointEvaluations, orders: orders,
                stabilityThreshold: Scheme.printedPLMCThresholds[k],
                reference: "Kandasamy & Nagaraj, arXiv 2405.17068, §2 (Poisson midpoint method)",
                proofsNote: k == .infinite ? "PN-S02" : "PN-S01")
        case .rlmc:
            return SchemeTheory(
                evaluationsPerStep: 2, orders: [.stationaryBias: 3, .weak: 1, .strong: 1.5],
                stabilityThreshold: StabilityThreshold(1.596, printedPrecision: 0.0005),
                reference: "Shen & Lee, arXiv 1909.05503 (randomized midpoint method, overdamped form)",
                proofsNote: "PN-C06")
        case .ulmc:
            return SchemeTheory(
                evaluationsPerStep: 1, orders: [.stationaryBias: 1, .weak: 1, .strong: 1],
                reference: "kinetic Langevin with the force frozen over the step and the linear part exact: the ULMC row "
                    + "of the general form in Kandasamy & Nagaraj, arXiv 2405.17068, §2",
                proofsNote: "PN-S03")
        case .plmcULMC(_, let k):
            return SchemeTheory(
                evaluationsPerStep: 1 + k.expectedMidpointEvaluations,
                orders: [.stationaryBias: k == .infinite ? 3 : 1, .strong: 1],
                reference: "Kandasamy & Nagaraj, arXiv 2405.17068, §2 (the Poisson midpoint method on the ULMC fine chain)",
                proofsNote: "PN-S04")
        case .rlmcULMC:
            return SchemeTheory(
                evaluationsPerStep: 2, orders: [.stationaryBias: 3],
                reference: "Shen & Lee, arXiv 1909.05503, Algorithm 1 (randomized midpoint method, kinetic Langevin)",
                proofsNote: "PN-S08")
        }
    }

    /// The thresholds x* of PLMC printed in docs/theory.md §4.2 (derived there; PN-P14): K ≤ 2: 2, K = 4: 1.52,
    /// K = 10: 1.32, K = 100: 1.225, K = ∞: 1.215. Other K have no printed value (the law code computes x*).
    static let printedPLMCThresholds: [MidpointCount: StabilityThreshold] = [
        .finite(1): StabilityThreshold(2, printedPrecision: 1e-9),
        .finite(2): StabilityThreshold(2, printedPrecision: 1e-9),
        .finite(4): StabilityThreshold(1.52, printedPrecision: 0.005),
        .finite(10): StabilityThreshold(1.32, printedPrecision: 0.005),
        .finite(100): StabilityThreshold(1.225, printedPrecision: 0.0005),
        .infinite: StabilityThreshold(1.215, printedPrecision: 0.0005),
    ]
}

extension SchemeVariant {
    /// The theory of the variant: the scheme's, with what the mutation changes where that is declared — the cost of
    /// the flag and count mutants (PN-P02), the first-order bias of independent midpoint noise (PN-P13), and the
    /// theory of the law put in the scheme's place.
    public var theory: SchemeTheory {
        let base = scheme.theory
        guard let mutation else { return base }
        switch mutation {
        case .replacedBy(let other):
            return other.theory
        case .replacedByFineChain:
            return Scheme.lmc.theory
        case .independentMidpointNoise, .independentEndpointNoise:
            guard case .plmc(.infinite) = scheme else { return base.withoutOrders }
            return SchemeTheory(evaluationsPerStep: base.evaluationsPerStep, orders: [.stationaryBias: 1],
                                reference: base.reference + "; independent midpoint noise: docs/theory.md §7 C13",
                                proofsNote: "PN-P13")
        case .flagProbabilityOneOverKPlusOne:
            guard case .plmc(.finite(let k)) = scheme else { return base.withoutOrders }
            return base.withoutOrders.costing(1 + Double(k - 1) / Double(k + 1))
        case .countsIndexZeroMidpoint:
            return base.withoutOrders.costing(base.evaluationsPerStep + 1 / (scheme.midpointCount?.value ?? 1))
        case .halvedPoissonRate:
            return base.withoutOrders.costing(1.5)
        case .fineChainAsCoarseStep:
            return base.withoutOrders.costing(scheme.midpointCount?.value ?? 1)
        case .droppedCorrection:
            return base.withoutOrders.costing(scheme.fineChain.theory.evaluationsPerStep)
        case .correctionWeightOverK, .midpointAtStartPoint, .noiseSqrtEta, .offByOneMidpointIndex,
             .midpointAtBlockStartTime, .scoreSignFlipped, .noiseVarianceDoubled, .independentCheapPathNoise:
            return base.withoutOrders
        }
    }
}

extension SchemeTheory {
    /// The same theory with no declared orders (a mutant's orders are not claimed; checks measure them).
    var withoutOrders: SchemeTheory {
        SchemeTheory(evaluationsPerStep: evaluationsPerStep, orders: [:], stabilityThreshold: nil, reference: reference,
                     proofsNote: proofsNote)
    }

    /// The same theory with another expected cost per step.
    func costing(_ evaluations: Double) -> SchemeTheory {
        SchemeTheory(evaluationsPerStep: evaluations, orders: orders, stabilityThreshold: stabilityThreshold,
                     reference: reference, proofsNote: proofsNote)
    }
}
