"""Plenary: tuning for the process that serves it, set before anything else is imported."""

import gc
import os

# The analysis core works on small matrices (a map is 193 x 60) inside web requests, where
# BLAS thread pools cost more than they give and several app workers would fight over the
# cores. Set before anything imports numpy; an operator's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

# A map of 193 delegations x 60 provisions makes tens of thousands of small objects per
# request; with the default thresholds the collector runs many times inside one request and
# doubles its slowest times (bench/consensus_map.py). Collect young objects less often.
gc.set_threshold(100_000, 50, 100)
