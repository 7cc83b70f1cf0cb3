"""The run fingerprint: what a store compares to tell whether an article was made by the same pipeline."""

from __future__ import annotations

from dateline import PIPELINE_VERSION
from dateline.config import load_config
from dateline.store.base import fingerprint, run_stamp


def test_default_gemm_leaves_the_fingerprint_as_before() -> None:
    config = load_config(env={}).with_(gemm="blis")
    versions, stamp = run_stamp(config)
    # the format stores written before the gemm setting carry: version;model;stage@v,...
    assert stamp == f"{PIPELINE_VERSION};{config.model};{','.join(versions)}"
    assert fingerprint("v1", "sm", ["actors@1"]) == "v1;sm;actors@1"


def test_numpy_gemm_is_part_of_the_fingerprint() -> None:
    blis = load_config(env={}).with_(gemm="blis")
    numpy = blis.with_(gemm="numpy")
    _, stamp_blis = run_stamp(blis)
    versions, stamp_numpy = run_stamp(numpy)
    assert stamp_numpy != stamp_blis
    assert stamp_numpy == f"{stamp_blis};gemm=numpy"
    assert versions == run_stamp(blis)[0]
    assert fingerprint("v1", "sm", ["actors@1"], "numpy") == "v1;sm;actors@1;gemm=numpy"
