// Ledger entries of RandomnessTests (RT.*). See BudgetLedger.swift for how to add entries. An entry covering a
// family (several parameter values, or two tail frequencies) is read in the test with
// `StatisticalBudget.level(of:splitAcross:)`, the split count being the number of family members in the test, so
// each member runs at 1e-9 exactly as before the ledger existed.
//
// Methods: `.dkw` = DKW–Massart band; `.hoeffding` = the two-sided Chernoff–Hoeffding bound in Kullback–Leibler form
// (Hoeffding 1963, Thm 1: P(X/n ≥ â) ≤ exp(−n·KL(â ‖ p)), α/2 a side), Bonferroni over cells inside one check;
// `.exact("binomial tail")` = exact Bin(n, p) tails summed from the pmf.
//
// Σ of this file: 31 checks at 1e-9 each = 3.1e-8 (ziggurat 8e-9, discrete draws 2.1e-8, sorted subsets 1e-9,
// streams 1e-9).
import Verification

extension StatisticalBudget {
    /// Budgeted checks of RandomnessTests (DiscreteDrawTests, SortedSubsetTests, StreamTests, ZigguratTests).
    static let randomnessTestEntries: [BudgetEntry] = {
        func entry(_ id: String, _ level: Double, _ method: BoundMethod, _ summary: String) -> BudgetEntry {
            BudgetEntry(id: id, kind: .falseFailure, level: level, method: method, summary: summary)
        }
        return [
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
