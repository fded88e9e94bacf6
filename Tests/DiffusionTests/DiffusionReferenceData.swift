import DenseLinearAlgebra
import Foundation
import ReferenceLaws
import SchemeVocabulary

/// The committed diffusion-sampler references in data/reference/diffusion (made by
/// scripts/reference/diffusion/generate.sh with diffusers and an independent NumPy run; never by this package).
enum DiffusionReferenceData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/reference/diffusion")

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReferenceDataError.malformed(name)
        }
        return object
    }

    nonisolated(unsafe) static let inputs: [String: Any] = try! json("inputs.json")
    nonisolated(unsafe) static let samplers: [String: [String: Any]] = [
        "linear": try! json("samplers_linear.json"), "ldm": try! json("samplers_ldm.json"),
    ]

    static let caseNames = ["mixture2d", "mixture1d", "gaussian2d"]

    static func caseObject(_ name: String) -> [String: Any] {
        (inputs["cases"] as! [String: Any])[name] as! [String: Any]
    }

    /// The data law of a reference case.
    static func mixture(_ name: String) throws -> GaussianMixtureLaw {
        let c = caseObject(name)
        let covariances = try (c["covariances"] as! [[[Double]]]).map { try Matrix($0) }
        return try GaussianMixtureLaw(weights: c["weights"] as! [Double], means: c["means"] as! [[Double]],
                                      covariances: covariances)
    }

    static func starts(_ name: String) -> [Double] { (caseObject(name)["x_T"] as! [[Double]]).flatMap { $0 } }

    /// Noise `[update][row][coordinate]`, flattened.
    static func noise(_ name: String, key: String) -> [Double] {
        (caseObject(name)[key] as! [[[Double]]]).flatMap { $0.flatMap { $0 } }
    }

    static func schedule(_ name: String) -> NoiseSchedule { name == "linear" ? .linear : .ldm }

    static func scheduleAlphaBars(_ name: String) -> [Double] {
        ((inputs["schedules"] as! [String: Any])[name] as! [String: Any])["alpha_bar"] as! [Double]
    }

    static func configs(_ schedule: String) -> [[String: Any]] { samplers[schedule]!["configs"] as! [[String: Any]] }

    /// The sampler a reference configuration ran, in this package's vocabulary.
    static func sampler(of config: [String: Any]) -> DiffusionSampler {
        let name = config["name"] as! String, steps = config["steps"] as! Int
        if name.hasPrefix("ddpm") {
            return .ddpm(name.hasSuffix("fixed_small") ? .posterior : .forward, steps: steps)
        }
        if name.hasPrefix("ddim") { return .ddim(steps: steps) }
        if name.hasPrefix("dpmpp_2m") { return .dpmSolverPP2M(steps: steps) }
        if name.hasPrefix("heun") { return .heun(steps: steps) }
        if name.hasPrefix("dpm_solver_2") { return .dpmSolver2(steps: steps) }
        fatalError("unknown reference configuration \(name)")
    }
}

enum ReferenceDataError: Error { case malformed(String) }
