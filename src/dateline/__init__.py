"""dateline: conflict and diplomacy news turned into a sourced, structured, queryable record."""

import os

__version__ = "0.1.0"
# Bumped whenever a stage changes what it outputs; stored on every article.
PIPELINE_VERSION = f"dateline-{__version__}"

# dateline runs in parallel by processes (``--engine processes|dask``), and the matrices of spaCy's
# small models are too small for a BLAS thread pool to pay: with ``gemm = "numpy"`` and OpenBLAS's
# threads the spaCy pass over 300 te3silver articles took 16.3 CPU s (9.8 s wall) on 2 cores, with one
# thread 8.8 s (8.8 s wall).
# Only a default: a value set in the environment wins; it takes effect when dateline is imported
# before numpy (as the command line and its worker processes do).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Threads in a process that runs spaCy cost CPU even when they sleep: spaCy's parser takes and gives
# back the GIL around many small C++ calls per token, and glibc's mutexes use atomic instructions
# only once a process has a second thread.  A pool worker that had written one Parquet shard (pyarrow
# starts a jemalloc background thread and a CPU pool thread) took 2.90 CPU s for a spaCy pass that
# took 2.40 s with these two defaults, which keep pyarrow to the calling thread (docs/SCALE.md).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("JE_ARROW_MALLOC_CONF", "background_thread:false")
