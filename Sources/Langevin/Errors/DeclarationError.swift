/// A declared assumption of an assumption case that its own drift or potential contradicts, found by
/// `DeclarationCheck` before any run (PN-V14). Each case names the case, the declaration and, where a probe point
/// contradicts it, the point — so the refusal says what to fix.
public enum DeclarationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A declared constant (L, m or the LSI constant λ) is not a finite positive number.
    case invalidConstant(caseName: String, name: String, value: Double)
    /// m > L: impossible, since m·I ⪯ ∇²F ⪯ L·I.
    case strongConvexityAboveLipschitz(caseName: String, strongConvexity: Double, lipschitz: Double)
    /// The drift's Jacobian at `point` has operator norm `measured` > L.
    case lipschitzContradicted(caseName: String, declared: Double, measured: Double, point: [Double])
    /// The smallest eigenvalue of the Hessian −∇b at `point` is `measured` < m.
    case strongConvexityContradicted(caseName: String, declared: Double, measured: Double, point: [Double])
    /// b ≠ −∇F at `point`: coordinate `coordinate` of the drift is `drift`, −∂F/∂x by central differences is
    /// `minusGradient`.
    case driftNotMinusGradient(caseName: String, point: [Double], coordinate: Int, drift: Double, minusGradient: Double)
    /// The declared ∇F (the case's `gradient`) is not −b at `point`.
    case gradientNotMinusDrift(caseName: String, point: [Double], coordinate: Int, gradient: Double, drift: Double)
    /// The drift's dimension differs from the case's.
    case driftDimension(caseName: String, declared: Int, drift: Int)
    /// The drift (or the potential) is not finite at `point`.
    case nonFinite(caseName: String, what: String, point: [Double])
    /// A declared LSI constant λ > L: impossible (λ_LSI ≤ λ_Poincaré ≤ 1/Var_π(x₁) ≤ E_π ∂₁₁F ≤ L, PN-V14).
    case logSobolevAboveLipschitz(caseName: String, declared: Double, lipschitz: Double)
    /// m > 0 is declared but the LSI is declared unknown: Bakry–Émery gives an LSI with constant ≥ m.
    case logSobolevBelowBakryEmery(caseName: String, declared: String, strongConvexity: Double)

    public var description: String {
        switch self {
        case let .invalidConstant(name, constant, value):
            return "case \(name): the declared \(constant) = \(value) must be finite and > 0"
        case let .strongConvexityAboveLipschitz(name, m, l):
            return "case \(name): declared strong log-concavity m = \(shortNumber(m)) exceeds the declared Lipschitz constant "
                + "L = \(shortNumber(l)) (impossible: m·I ⪯ ∇²F ⪯ L·I)"
        case let .lipschitzContradicted(name, declared, measured, point):
            return "case \(name): declared Lipschitz constant L = \(shortNumber(declared)) is contradicted at x = \(pointText(point)): "
                + "‖∇b(x)‖ = \(shortNumber(measured)) by central differences"
        case let .strongConvexityContradicted(name, declared, measured, point):
            return "case \(name): declared strong log-concavity m = \(shortNumber(declared)) is contradicted at x = \(pointText(point)): "
                + "the smallest eigenvalue of ∇²F(x) = −∇b(x) is \(shortNumber(measured)) by central differences"
        case let .driftNotMinusGradient(name, point, j, drift, minus):
            return "case \(name): the drift is not −∇F at x = \(pointText(point)): b\(j + 1)(x) = \(shortNumber(drift)) but "
                + "−∂F/∂x\(j + 1) = \(shortNumber(minus)) by central differences (a sign error?)"
        case let .gradientNotMinusDrift(name, point, j, gradient, drift):
            return "case \(name): the declared gradient is not −b at x = \(pointText(point)): ∂F/∂x\(j + 1) = \(shortNumber(gradient)), "
                + "b\(j + 1)(x) = \(shortNumber(drift))"
        case let .driftDimension(name, declared, drift):
            return "case \(name): the drift has dimension \(drift), the case declares \(declared)"
        case let .nonFinite(name, what, point):
            return "case \(name): \(what) is not finite at x = \(pointText(point))"
        case let .logSobolevAboveLipschitz(name, declared, l):
            return "case \(name): declared log-Sobolev constant λ = \(shortNumber(declared)) exceeds L = \(shortNumber(l)) "
                + "(impossible: λ_LSI ≤ 1/Var_π(x₁) ≤ E_π ∂₁₁F ≤ L)"
        case let .logSobolevBelowBakryEmery(name, declared, m):
            return "case \(name): declares m = \(shortNumber(m)) > 0 but the log-Sobolev inequality as \(declared); Bakry–Émery "
                + "gives an LSI with constant ≥ m: declare .known(\(shortNumber(m))) or a larger proven constant"
        }
    }
}

/// A point, with at most 4 coordinates shown (messages stay one short line).
func pointText(_ x: [Double]) -> String {
    let shown = x.prefix(4).map(shortNumber).joined(separator: ", ")
    return "(" + shown + (x.count > 4 ? ", … (d = \(x.count))" : "") + ")"
}
