// Langevin: schemes, Brownian coupling, assumption cases and the ensemble engine (no GSL).
