"""What makes a KV snapshot valid, as one short digest.

A snapshot holds the attention keys and values of a token sequence.  Reading it back
gives the right answer only under the same model weights, the same context layout
(context size, KV number format, flash attention's V layout), the same place the
numbers were computed (GPU layers, CPU variant: their arithmetic differs in the last
bits) and the same llama.cpp (whose state format may change).  The chat template is
part of it too: the same tokens under another template are rare, but the issue that
asked for snapshots wants a template change to start afresh.  Anything else that
differs (the token prefix) is checked per snapshot, not here.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass

#: Bytes of the model file read for its fingerprint, at the start (the GGUF header:
#: names, shapes and number formats), the middle and the end (weights).
_HEAD = 4 << 20
_SAMPLE = 1 << 20


def model_fingerprint(path: str) -> str:
    """A digest of the model file's content, read in three places (about 6 MiB).

    Hashing a many-GB file would take seconds at every load; the header describes the
    tensors and the samples catch weights that changed under the same header (a
    re-quantized or fine-tuned file saved over the old one).  The size is part of it.
    """
    digest = hashlib.sha256()
    size = os.path.getsize(path)
    digest.update(str(size).encode())
    with open(path, "rb") as file:
        digest.update(file.read(_HEAD))
        for offset in (size // 2, max(size - _SAMPLE, 0)):
            file.seek(offset)
            digest.update(file.read(_SAMPLE))
    return digest.hexdigest()


@dataclass(frozen=True)
class SnapshotKey:
    model: str
    n_ctx: int
    kv_cache_type: str
    flash_attention: str
    n_gpu_layers: int
    template_sha256: str
    llama_version: str
    cpu_variant: str

    @property
    def digest(self) -> str:
        text = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:32]
