// Langevin: the simulation machinery of the suite — batched drifts, the schemes (LMC, PLMC with finite K and
// K = ∞, RLMC, ULMC, PLMC-ULMC, the general scalar-coefficient fine chain and its PLMC coarse version),
// per-chain keyed random streams and Brownian path queries, the coupled runner, the assumption cases, and the
// ensemble engine (blocks of chains over threads, streamed moments, bit-identical for every thread count).
// Pure Swift: imports DenseLinearAlgebra and Randomness only (no GSL).
//
// Layout:
//   Errors/    SimulationError (typed errors for bad input and divergence)
//   Drift/     BatchDrift (the batched drift protocol) and the built-in drifts
//   Noise/     keyed per-chain streams, auxiliary draws, the StepNoise protocol and its stream-backed source
//   Schemes/   the schemes (value types) and their metadata
//   Engine/    workspaces, the ensemble engine, streamed statistics, configuration and result
//   Coupling/  the Brownian path with union/bridge queries and the coupled runner
//   Cases/     assumption cases and their registry
