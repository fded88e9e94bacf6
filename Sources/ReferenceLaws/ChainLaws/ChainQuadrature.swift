import CGSL

/// A composite Gauss–Legendre rule on [0, 1]: `panels` equal sub-intervals, `nodesPerPanel` Gauss–Legendre
/// nodes each (nodes and weights from GSL `gsl_integration_glfixed_table_alloc` / `_point`). Used only for the
/// K = ∞ underdamped law (PLMC-ULMC with Poisson midpoints, PN-C09) and RLMC-ULMC (one uniform midpoint, PN-C13),
/// whose integrands are entire functions of the midpoint time, so the rule converges geometrically in the number
/// of nodes. The double integral
/// over the triangle 0 ≤ u′ ≤ u ≤ 1 is done as an outer rule on [0, 1] and the same rule mapped to [0, u].
///
/// `.standard` uses max(4, ⌈γη/2⌉) panels (at most `maximumPanels`) of 20 nodes; the test suite checks it against the
/// rule with twice the panels and twice the nodes (agreement to ~1e-14 relative).
///
/// Verified by: UnderdampedLawTests.testPoissonQuadratureIsConverged and the mpmath tanh-sinh references.
public struct ChainQuadrature: Sendable, Equatable {
    /// Number of equal panels; 0 means "choose from γη" (max(4, ⌈γη/2⌉), at most `maximumPanels`).
    public let panels: Int
    public let nodesPerPanel: Int

    public static let maximumPanels = 512

    /// The default rule: 20 nodes per panel, panels chosen from γη.
    public static let standard = ChainQuadrature(uncheckedPanels: 0, nodesPerPanel: 20)

    /// Throws unless 1 ≤ panels ≤ `maximumPanels` and 2 ≤ nodesPerPanel ≤ 200.
    public init(panels: Int, nodesPerPanel: Int) throws(ChainLawError) {
        guard panels >= 1, panels <= Self.maximumPanels else {
            throw .unsupported("quadrature panels = \(panels): must be in 1…\(Self.maximumPanels)")
        }
        guard nodesPerPanel >= 2, nodesPerPanel <= 200 else {
            throw .unsupported("quadrature nodes per panel = \(nodesPerPanel): must be in 2…200")
        }
        self.init(uncheckedPanels: panels, nodesPerPanel: nodesPerPanel)
    }

    private init(uncheckedPanels panels: Int, nodesPerPanel: Int) {
        self.panels = panels
        self.nodesPerPanel = nodesPerPanel
    }

    /// The panel count used for a given γη.
    func panelCount(gammaEta: Double) -> Int {
        if panels > 0 { return panels }
        let wanted = (gammaEta / 2).rounded(.up)
        return Int(Swift.min(Double(Self.maximumPanels), Swift.max(4, wanted.isFinite ? wanted : 4)))
    }

    /// Nodes and weights of the composite rule on [0, 1] (weights sum to 1).
    func rule(panels count: Int) throws(ChainLawError) -> (nodes: [Double], weights: [Double]) {
        guard let table = gsl_integration_glfixed_table_alloc(nodesPerPanel) else {
            throw .numerical("gsl_integration_glfixed_table_alloc(\(nodesPerPanel)) returned NULL")
        }
        defer { gsl_integration_glfixed_table_free(table) }
        var nodes: [Double] = []
        var weights: [Double] = []
        nodes.reserveCapacity(count * nodesPerPanel)
        weights.reserveCapacity(count * nodesPerPanel)
        let width = 1.0 / Double(count)
        for panel in 0..<count {
            let a = Double(panel) * width
            let b = panel == count - 1 ? 1.0 : Double(panel + 1) * width
            for i in 0..<nodesPerPanel {
                var x = 0.0
                var w = 0.0
                do {
                    try GSL.check("gsl_integration_glfixed_point(\(i))") {
                        gsl_integration_glfixed_point(a, b, i, &x, &w, table)
                    }
                } catch {
                    throw .numerical(error.description)
                }
                nodes.append(x)
                weights.append(w)
            }
        }
        return (nodes, weights)
    }
}
