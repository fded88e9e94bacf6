// Ledger entries of RandomnessTests (RT.*). See BudgetLedger.swift for how to add entries. An entry covering a
// family (several parameter values, or two tail frequencies) is read in the test with
// `StatisticalBudget.level(of:splitAcross:)`, the split count being the number of family members in the test, so
// each member runs at 1e-9 exactly as before the ledger existed.
//
// Methods: `.dkw` = DKW–Massart band; `.hoeffding` = the two-sided Chernoff–Hoeffding bound in Kullback–Leibler form
// (Hoeffding 1963, Thm 1: P(X/n ≥ â) ≤ exp(−n·KL(â ‖ p)), α/2 a side), Bonferroni over cells inside one check;
// `.exact("binomial tail")` = exact Bin(n, p) tails summed from the pmf.
//
// Σ of this file: 61 checks at 1e-9 each = 6.1e-8 (ziggurat 8e-9, discrete draws 2.1e-8, sorted subsets 1e-9,
// streams 1e-9, vector normals 7e-9 plus 8e-9 of mutant checks, lane-stream normals the same 7e-9 plus 8e-9).
//
// The vector-normal and lane-normal mutant checks (`.falsePass`, β) run each law test of NormalStreamLawChecks on
// two deliberately wrong generators; a deterministic design check in the test shows the bound guarantees rejection with probability
// ≥ 1 − β before the mutant is run.
import Verification

extension StatisticalBudget {
    /// Budgeted checks of RandomnessTests (DiscreteDrawTests, SortedSubsetTests, StreamTests, VectorNormalStreamTests,
    /// LaneNormalStreamTests, ZigguratTests).
    static let randomnessTestEntries: [BudgetEntry] = {
        func entry(_ id: String, _ level: Double, _ method: BoundMethod, _ summary: String) -> BudgetEntry {
            BudgetEntry(id: id, kind: .falseFailure, level: level, method: method, summary: summary)
        }
        func mutant(_ id: String, _ level: Double, _ method: BoundMethod, _ summary: String) -> BudgetEntry {
            BudgetEntry(id: id, kind: .falsePass, level: level, method: method, summary: summary)
        }
        /// The law checks of `NormalStreamLawChecks` on one Gaussian stream: 4 null checks and 4 mutant checks.
        func normalStreamLaw(_ prefix: String, _ testClass: String, _ normals: String) -> [BudgetEntry] {
            let test = "RandomnessTests.\(testClass)."
            return [
                entry("\(prefix).chi-square-bins", 1e-9, .exact("McDiarmid bound on Pearson's statistic"),
                      test + "testEquiprobableBinsChiSquare: Pearson's X² of 10⁶ \(normals) on 64 equiprobable bins below "
                          + "its McDiarmid critical value"),
                entry("\(prefix).dkw", 1e-9, .dkw,
                      test + "testLawKolmogorovDKW: sup|Fₙ − Φ| of 2·10⁵ \(normals) within the DKW band"),
                entry("\(prefix).mean", 1e-9, .exact("normal law of the sample mean"),
                      test + "testMeanAndVariance: Σz/√n of 4·10⁶ \(normals) is N(0, 1), two-sided"),
                entry("\(prefix).variance", 1e-9, .exact("χ²(n) law, Laurent–Massart bounds"),
                      test + "testMeanAndVariance: Σz² of 4·10⁶ \(normals) is χ²(n), two-sided"),
                entry("\(prefix).tail-frequencies", 2e-9, .exact("binomial tail"),
                      test + "testTailFrequencies: #{|Z| > t} of 4·10⁶ \(normals) is Bin(n, 2Q(t)), t = 3.5, 4.5 (split "
                          + "across 2, two-sided)"),
                mutant("\(prefix).mutant.chi-square-bins", 2e-9, .exact("McDiarmid bound on Pearson's statistic"),
                       test + "testEquiprobableBinsChiSquare: mutants variance 1.2 and mean 0.1 rejected by the bins "
                           + "check (split across 2)"),
                mutant("\(prefix).mutant.dkw", 2e-9, .dkw,
                       test + "testLawKolmogorovDKW: mutants variance 1.2 and mean 0.1 rejected by the DKW check (split "
                           + "across 2)"),
                mutant("\(prefix).mutant.moments", 2e-9, .exact("normal law, Laurent–Massart bounds"),
                       test + "testMeanAndVariance: mutants mean 0.01 and variance 1.01 rejected by the moment checks "
                           + "(split across 2)"),
                mutant("\(prefix).mutant.tail-frequencies", 2e-9, .exact("binomial tail"),
                       test + "testTailFrequencies: mutants 'tail truncated at r' and variance 1.1 rejected by the "
                           + "tail-frequency checks (split across 2)"),
            ]
        }
        return normalStreamLaw("RT.vector-normal", "VectorNormalStreamTests", "vector normals")
            + normalStreamLaw("RT.lane-normal", "LaneNormalStreamTests", "lane-stream normals") + [
            entry("RT.bernoulli.successes", 3e-9, .hoeffding,
                  "RandomnessTests.DiscreteDrawTests.testBernoulliMean: successes in 10⁵ Bernoulli(p) draws, "
                      + "p = 0.3, 1e-3, 0.999 (split across 3)"),
            entry("RT.binomial.cells", 7e-9, .hoeffding,
                  "RandomnessTests.DiscreteDrawTests.testBinomialLaw: cell test (cells ≥ 0.002, Bonferroni over cells) of "
                      + "10⁵ Bin(n, p) draws for 7 parameter pairs (split across 7)"),
            entry("RT.exponential.dkw", 1e-9, .dkw,
                  "RandomnessTests.DiscreteDrawTests.testExponentialAndOpenUniformLaws: sup|Fₙ − (1 − e^(−x))| of 10⁵ "
                      + "Exp(1) draws within the DKW band"),
            entry("RT.open-uniform.dkw", 1e-9, .dkw,
                  "RandomnessTests.DiscreteDrawTests.testExponentialAndOpenUniformLaws: sup|Fₙ − x| of 10⁵ open "
                      + "uniforms within the DKW band"),
            entry("RT.poisson.cells", 6e-9, .hoeffding,
                  "RandomnessTests.DiscreteDrawTests.testPoissonLaw: cell test (cells ≥ 0.002, Bonferroni over cells) of "
                      + "10⁵ Poisson(λ) draws for 6 means around the inversion/PTRS switch (split across 6)"),
            entry("RT.sorted-subset.inclusion", 1e-9, .hoeffding,
                  "RandomnessTests.SortedSubsetTests.testInclusionFrequenciesAreMOverK: inclusion counts Bin(5·10⁴, 7/30) "
                      + "of the 30 indices (split across 30)"),
            entry("RT.streams.neighbour-bits", 1e-9, .hoeffding,
                  "RandomnessTests.StreamTests.testNeighbouringStreamsLookUnrelated: differing bits of the first "
                      + "outputs of streams 2i, 2i + 1 are Bin(320000, ½)"),
            entry("RT.uniform-integer.cells", 3e-9, .hoeffding,
                  "RandomnessTests.DiscreteDrawTests.testUniformIntegerLaw: 7 or 16 equal cells of 10⁵ uniform integers "
                      + "below 7, 2⁶³ + 1, 3·2⁶² + 5 (split across 3, then Bonferroni over cells)"),
            entry("RT.ziggurat.dkw", 1e-9, .dkw,
                  "RandomnessTests.ZigguratTests.testStandardNormalLawKolmogorovDKW: sup|Fₙ − Φ| of 2·10⁵ ziggurat "
                      + "normals within the DKW band"),
            entry("RT.ziggurat.tail-branch.dkw", 1e-9, .dkw,
                  "RandomnessTests.ZigguratTests.testTailBranchHasTheConditionalNormalTailLaw: law of |Z| from the "
                      + "forced tail branch vs N(0, 1) given |Z| > r (DKW, n = 10⁵)"),
            entry("RT.ziggurat.tail-branch.signs", 1e-9, .hoeffding,
                  "RandomnessTests.ZigguratTests.testTailBranchHasTheConditionalNormalTailLaw: negative signs of the "
                      + "forced tail branch are Bin(10⁵, ½)"),
            entry("RT.ziggurat.tail-frequencies", 2e-9, .exact("binomial tail"),
                  "RandomnessTests.ZigguratTests.testStandardNormalLawKolmogorovDKW: #{|Z| > t} of 2·10⁵ normals is "
                      + "Bin(n, 2Q(t)), t = 3.5, 5 (split across 2, two-sided)"),
            entry("RT.ziggurat.wedge.dkw", 3e-9, .dkw,
                  "RandomnessTests.ZigguratTests.testWedgeBranchHasTheWedgeLaw: accepted magnitudes of the forced wedge "
                      + "step of layers 1, 128, 255 vs density ∝ f(x) − f(x_i) (DKW, n = 5·10⁴; split across 3)"),
        ]
    }()
}
