import SchemeVocabulary

/// Runs diffusion samplers on a noise-prediction model: every chain from x_T at the sampler's first grid time to x₀
/// (docs/theory.md §8; PN-D02 … PN-D04). The sampler's coefficients come from its `SamplerPlan` (the one definition the
/// exact laws read too); this engine draws the noise, evaluates the model in batches and counts network evaluations.
public enum DiffusionSampling {
    /// The outputs of `configuration.chains` chains of `variant` on `schedule` with `model`. Throws for an invalid
    /// sampler, schedule, configuration (counts above the limits, starts or replayed noise of the wrong size, a model
    /// whose dimension differs from the starts') and when a chain's state becomes non-finite (`.diverged`).
    public static func run<Model: NoisePredictor>(_ variant: SamplerVariant, schedule: NoiseSchedule, model: Model,
                                                  configuration: DiffusionRunConfiguration)
        throws(DiffusionError) -> DiffusionRunResult {
        let clock = ContinuousClock()
        let begin = clock.now
        let plan = try variant.plan(schedule: schedule)
        let ensemble = try DiffusionEnsemble(model: model, configuration: configuration, variant: variant, plan: plan)
        try ensemble.run()
        let seconds = (clock.now - begin) / .seconds(1)
        return ensemble.result(seconds: seconds)
    }

    /// The same for an explicit plan, e.g. PLMC with a block schedule (`SamplerVariant.plmcPlan(_:blocks:schedule:)`);
    /// `variant` names the run in errors and carries the PLMC-only mutation, if any. Throws as `run(_:schedule:…)`.
    public static func run<Model: NoisePredictor>(plan: SamplerPlan, variant: SamplerVariant, model: Model,
                                                  configuration: DiffusionRunConfiguration)
        throws(DiffusionError) -> DiffusionRunResult {
        let clock = ContinuousClock()
        let begin = clock.now
        let ensemble = try DiffusionEnsemble(model: model, configuration: configuration, variant: variant, plan: plan)
        try ensemble.run()
        let seconds = (clock.now - begin) / .seconds(1)
        return ensemble.result(seconds: seconds)
    }
}
