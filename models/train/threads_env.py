"""Thread settings that must be in place BEFORE numpy/torch load OpenBLAS (import this first).

Why: torch's OpenMP pool (torch.set_num_threads(2)) and OpenBLAS's own pthread pool both default to
one thread per core; on a 2-core machine that is 4 busy threads fighting for 2 cores, and when the
machine is shared we measured up to 5x slowdowns (bench_throughput.py). With OpenBLAS pinned to 1
thread, torch's 2 threads parallelize the elementwise work and never oversubscribe; measured
throughput is as good as the other non-oversubscribed settings, and results are deterministic for
a fixed setting. An explicit OPENBLAS_NUM_THREADS in the environment wins.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
