import SchemeVocabulary
import XCTest

/// The vocabulary every layer uses: names (they appear in every report), validation, which mutation applies to which
/// scheme, and the theory declared as data (docs/theory.md §2, §4, §7; the claims read these values, so a wrong one
/// here shows up as a failed claim, and these tests pin the declared values themselves against the theory document).
final class SchemeVocabularyTests: XCTestCase {
    func testNamesAndLabels() {
        XCTAssertEqual(Scheme.lmc.description, "LMC")
        XCTAssertEqual(Scheme.plmc(.finite(4)).description, "PLMC(K=4)")
        XCTAssertEqual(Scheme.plmc(.infinite).description, "PLMC(K=∞)")
        XCTAssertEqual(Scheme.plmcULMC(friction: 1, .infinite).description, "PLMC-ULMC(γ=1.0, K=∞)")
        XCTAssertEqual(Scheme.rlmcULMC(friction: 2).description, "RLMC-ULMC(γ=2.0)")
        XCTAssertEqual(Scheme.plmc(.finite(16)).label(stepSize: 0.25), "PLMC(η=0.25, K=16)")
        XCTAssertEqual(Scheme.ulmc(friction: 1.5).label(stepSize: 0.3), "ULMC(η=0.3, γ=1.5)")
        let mutant = try? SchemeVariant(.plmc(.finite(4)), mutation: .correctionWeightOverK)
        XCTAssertEqual(mutant?.description, "PLMC(K=4) with correction weight η/K")
        XCTAssertEqual(mutant?.label(stepSize: 0.2), "PLMC(η=0.2, K=4) with correction weight η/K")
        XCTAssertEqual((try? SchemeVariant(.lmc, mutation: .replacedBy(.plmc(.infinite))))?.description,
                       "PLMC(K=∞) in place of LMC")
    }

    func testValidation() {
        XCTAssertThrowsError(try Scheme.plmc(.finite(0)).validate()) { XCTAssertEqual($0 as? SchemeError, .invalidMidpointCount(0)) }
        XCTAssertThrowsError(try Scheme.plmc(.finite(MidpointCount.maximumFinite + 1)).validate())
        XCTAssertNoThrow(try Scheme.plmc(.finite(MidpointCount.maximumFinite)).validate())
        XCTAssertThrowsError(try Scheme.ulmc(friction: .nan).validate())
        XCTAssertThrowsError(try Scheme.rlmcULMC(friction: 0).validate())
        XCTAssertThrowsError(try Scheme.plmcULMC(friction: -1, .infinite).validate())
        XCTAssertNoThrow(try Scheme.plmcULMC(friction: 2, .finite(3)).validate())
    }

    /// Midpoint mutations need midpoints, flag and index mutations a finite K, count-law mutations K = ∞, the dropped
    /// correction a kinetic Poisson-midpoint scheme; a replacement must be another scheme of the same kind.
    func testMutationApplicability() {
        let all: [Scheme] = [.lmc, .plmc(.finite(4)), .plmc(.infinite), .rlmc, .ulmc(friction: 1),
                             .plmcULMC(friction: 1, .finite(4)), .plmcULMC(friction: 1, .infinite), .rlmcULMC(friction: 1)]
        func applicable(_ m: SchemeMutation) -> [String] { all.filter { m.applies(to: $0) }.map(\.description) }
        XCTAssertEqual(applicable(.noiseSqrtEta).count, all.count)
        XCTAssertEqual(applicable(.independentMidpointNoise),
                       ["PLMC(K=4)", "PLMC(K=∞)", "RLMC", "PLMC-ULMC(γ=1.0, K=4)", "PLMC-ULMC(γ=1.0, K=∞)", "RLMC-ULMC(γ=1.0)"])
        XCTAssertEqual(applicable(.offByOneMidpointIndex), ["PLMC(K=4)"])
        XCTAssertEqual(applicable(.flagProbabilityOneOverKPlusOne), ["PLMC(K=4)"])
        XCTAssertEqual(applicable(.halvedPoissonRate), ["PLMC(K=∞)", "PLMC-ULMC(γ=1.0, K=∞)"])
        XCTAssertEqual(applicable(.droppedCorrection), ["PLMC-ULMC(γ=1.0, K=4)", "PLMC-ULMC(γ=1.0, K=∞)"])
        XCTAssertEqual(applicable(.replacedBy(.lmc)), ["PLMC(K=4)", "PLMC(K=∞)", "RLMC"])
        XCTAssertThrowsError(try SchemeVariant(.lmc, mutation: .independentMidpointNoise)) {
            guard case .mutationDoesNotApply = $0 as? SchemeError else { return XCTFail("\($0)") }
        }
    }

    /// Costs: one base evaluation plus K − 1 candidates flagged with probability 1/K (Poisson(1) for K = ∞), PN-P02;
    /// the mutants' costs follow from their flag and count laws.
    func testDeclaredCosts() throws {
        for k in [1, 2, 4, 16, 1000] {
            XCTAssertEqual(Scheme.plmc(.finite(k)).theory.evaluationsPerStep, 2 - 1 / Double(k), accuracy: 1e-15)
            XCTAssertEqual(Scheme.plmcULMC(friction: 1, .finite(k)).theory.evaluationsPerStep, 2 - 1 / Double(k), accuracy: 1e-15)
        }
        XCTAssertEqual(Scheme.plmc(.infinite).theory.evaluationsPerStep, 2)
        XCTAssertEqual(Scheme.lmc.theory.evaluationsPerStep, 1)
        XCTAssertEqual(Scheme.rlmc.theory.evaluationsPerStep, 2)
        XCTAssertEqual(Scheme.ulmc(friction: 1).theory.evaluationsPerStep, 1)
        XCTAssertEqual(Scheme.rlmcULMC(friction: 1).theory.evaluationsPerStep, 2)
        XCTAssertEqual(try SchemeVariant(.plmc(.finite(4)), mutation: .flagProbabilityOneOverKPlusOne).theory.evaluationsPerStep,
                       1 + 3.0 / 5, accuracy: 1e-15)
        XCTAssertEqual(try SchemeVariant(.plmc(.finite(4)), mutation: .countsIndexZeroMidpoint).theory.evaluationsPerStep, 2)
        XCTAssertEqual(try SchemeVariant(.plmc(.infinite), mutation: .halvedPoissonRate).theory.evaluationsPerStep, 1.5)
        XCTAssertEqual(try SchemeVariant(.plmc(.finite(8)), mutation: .fineChainAsCoarseStep).theory.evaluationsPerStep, 8)
        XCTAssertEqual(try SchemeVariant(.plmcULMC(friction: 1, .infinite), mutation: .droppedCorrection).theory.evaluationsPerStep, 1)
    }

    /// The orders of docs/theory.md §7 (C5, C6, C7, C8, C9, C12, C13): LMC first order; PLMC(K) first order against π
    /// and second against the fine chain, one-step KL fourth and path KL third order; PLMC(∞) second order; RLMC and
    /// the kinetic midpoint schemes third order in the stationary bias; no strong-order gain; independent midpoint
    /// noise first order.
    func testDeclaredOrders() throws {
        XCTAssertEqual(Scheme.lmc.theory.order(.stationaryBias), 1)
        XCTAssertEqual(Scheme.plmc(.infinite).theory.order(.stationaryBias), 2)
        XCTAssertEqual(Scheme.plmc(.finite(4)).theory.order(.stationaryBias), 1)
        XCTAssertEqual(Scheme.plmc(.finite(4)).theory.order(.biasAgainstFineChain), 2)
        XCTAssertEqual(Scheme.plmc(.finite(4)).theory.order(.oneStepKL), 4)
        XCTAssertEqual(Scheme.lmc.theory.order(.oneStepKL), 2)
        XCTAssertEqual(Scheme.plmc(.finite(4)).theory.order(.pathKL), 3)
        XCTAssertEqual(Scheme.lmc.theory.order(.pathKL), 1)
        XCTAssertEqual(Scheme.plmc(.finite(4)).theory.order(.strong), Scheme.lmc.theory.order(.strong))
        XCTAssertEqual(Scheme.rlmc.theory.order(.stationaryBias), 3)
        XCTAssertEqual(Scheme.ulmc(friction: 1).theory.order(.stationaryBias), 1)
        XCTAssertEqual(Scheme.plmcULMC(friction: 1, .infinite).theory.order(.stationaryBias), 3)
        XCTAssertEqual(Scheme.rlmcULMC(friction: 2).theory.order(.stationaryBias), 3)
        XCTAssertEqual(Scheme.plmc(.finite(1)).theory.orders, Scheme.lmc.theory.orders, "K = 1 is LMC")
        XCTAssertEqual(try SchemeVariant(.plmc(.infinite), mutation: .independentMidpointNoise).theory.order(.stationaryBias), 1)
        XCTAssertNil(try SchemeVariant(.plmc(.finite(4)), mutation: .correctionWeightOverK).theory.order(.stationaryBias),
                     "a mutant's orders are measured, not declared")
        XCTAssertEqual(try SchemeVariant(.lmc, mutation: .replacedBy(.plmc(.infinite))).theory.order(.stationaryBias), 2)
    }

    /// Printed thresholds (docs/theory.md §4.2): K ≤ 2 and LMC 2, K = 4 1.52, K = 10 1.32, K = 100 1.225, K = ∞ 1.215,
    /// RLMC 1.596; none for other K.
    func testDeclaredStabilityThresholds() {
        XCTAssertEqual(Scheme.lmc.theory.stabilityThreshold?.value, 2)
        XCTAssertEqual(Scheme.plmc(.finite(4)).theory.stabilityThreshold?.value, 1.52)
        XCTAssertEqual(Scheme.plmc(.infinite).theory.stabilityThreshold?.value, 1.215)
        XCTAssertEqual(Scheme.rlmc.theory.stabilityThreshold?.value, 1.596)
        XCTAssertNil(Scheme.plmc(.finite(7)).theory.stabilityThreshold)
        XCTAssertNil(Scheme.ulmc(friction: 1).theory.stabilityThreshold)
    }
}
