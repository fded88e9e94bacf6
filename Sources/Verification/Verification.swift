// Verification: the claims of the paper (docs/theory.md §7), their checks and verdicts, and the statistics behind them.
//
// Layout:
//   Claims/      Claim, ClaimVerdict (outcome + numbers), Provenance, Assumption (matched against the Langevin
//                cases' DeclaredAssumptions), ClaimCase, ClaimRunOptions (tier, seed, threads), ClaimRegistry
//   Exact/       the exact claims C1, C3–C9, C11, C13, C14 (one file each; ExactClaims.swift lists them) and the
//                shared rate-check body ExactRateCheck (PN-P01 … PN-P14, PN-V06)
//   Laws/        law providers and the moment-parameterised schemes (correct PLMC and its mutants), one-step
//                flag-pattern mixtures (PN-V04)
//   Metrics/     stationary metrics (PN-V02), mixture KL by quadrature and Gauss–Hermite (PN-V03)
//   Rates/       RateFit, exact and Monte Carlo rate rules, the asymptotic range, the secant slope rule (PN-V01)
//   Statistics/  guaranteed-level half-widths and intervals, sample sizes, exact binomial bounds (docs/testing-policy.md §2.1)
//   MonteCarlo/  the Monte Carlo claims C2, C10, C12
// Checks return data (verdicts with their numbers); they never print.
