import os

# The analysis core works on small matrices (a map is 193 x 60) inside web requests, where
# BLAS thread pools cost more than they give and several app workers would fight over the
# cores. Set before anything imports numpy; an operator's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
