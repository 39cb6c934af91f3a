"""Creating llama.cpp's ``Llama`` for a ``LoadModel``: load progress, the context's
sequences for beam search, flash attention and the KV cache's number format.

``Llama`` exposes none of these hooks; each is added for the duration of its
constructor only (see :func:`load_llama`), so nothing else sees the patched functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from core.engine.llama.backends import ensure_backends
from core.engine.options import FlashAttention, KVCacheType
from core.engine.protocol import Event, LoadModel, LoadProgress
from core.errors import EngineError, ModelFileError
from core.sampling.params import MAX_BEAMS
from core.system import default_threads

Emit = Callable[[Event], None]


def load_llama(request: LoadModel, n_ctx: int, emit: Emit) -> Any:
    """Create the ``Llama`` with a load-progress callback.

    ``Llama`` has no progress parameter, but builds its model parameters from
    ``llama_model_default_params``; swapping that function for the duration of the
    constructor adds the callback without copying the constructor.
    """
    import llama_cpp
    import llama_cpp.llama_cpp as low

    from core.engine.llama import log as llama_log

    last = [-1.0]

    @low.llama_progress_callback  # type: ignore[untyped-decorator]
    def on_progress(fraction: float, _user: Any) -> bool:
        if fraction - last[0] >= 0.02 or fraction >= 1.0:
            last[0] = fraction
            emit(LoadProgress(float(fraction)))
        return True

    original = low.llama_model_default_params
    original_context = low.llama_context_default_params

    def params_with_progress() -> Any:
        params = original()
        params.progress_callback = on_progress
        return params

    def context_for_beams() -> Any:
        # One KV sequence for the conversation plus one per beam; unified, so every
        # sequence can use the whole context and forked beams share the prompt's cells
        # (split per sequence, each would get only n_ctx / n_seq_max).
        params = original_context()
        params.n_seq_max = MAX_BEAMS + 1
        params.kv_unified = True
        return params

    if request.kv_cache_type.quantized and request.flash_attention is FlashAttention.OFF:
        raise EngineError("engine.kv_needs_flash_attention",
                          "A {format} KV cache needs flash attention: choose On or "
                          "Automatic, or the f16 cache.", format=request.kv_cache_type.value)
    import llama_cpp._internals as internals

    original_llama_context = internals.LlamaContext
    flash = _FLASH_TYPES[request.flash_attention]

    def context_with_flash(*, model: Any, params: Any, verbose: bool) -> Any:
        # ``Llama`` knows flash attention only as on or off; llama.cpp also decides
        # by itself ("auto": on where the backend supports it for this model).
        params.flash_attn_type = getattr(low, flash)
        return original_llama_context(model=model, params=params, verbose=verbose)

    kv_type = getattr(low, _KV_TYPES[request.kv_cache_type])
    ensure_backends()
    llama_log.clear()
    low.llama_model_default_params = params_with_progress
    low.llama_context_default_params = context_for_beams
    setattr(internals, "LlamaContext", context_with_flash)  # noqa: B010  (a class slot)
    try:
        llm = llama_cpp.Llama(
            model_path=request.model_path,
            n_ctx=n_ctx,
            n_gpu_layers=request.n_gpu_layers,
            n_threads=request.n_threads or default_threads(),
            type_k=kv_type,
            type_v=kv_type,
            verbose=False,
        )
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelFileError(
            "model.llama_refused", "llama.cpp could not load {file}: {reason}",
            details=f"{exc!r}\n{llama_log.recent(40)}",
            file=os.path.basename(request.model_path),
            reason=_reason(llama_log.recent()) or str(exc)) from exc
    finally:
        low.llama_model_default_params = original
        low.llama_context_default_params = original_context
        setattr(internals, "LlamaContext", original_llama_context)  # noqa: B010
    llm._prosa_progress_callback = on_progress  # type: ignore[attr-defined]  # keep it alive
    return llm


#: llama.cpp's names for the choices of ``core.engine.options``.
_FLASH_TYPES = {FlashAttention.AUTO: "LLAMA_FLASH_ATTN_TYPE_AUTO",
                FlashAttention.ON: "LLAMA_FLASH_ATTN_TYPE_ENABLED",
                FlashAttention.OFF: "LLAMA_FLASH_ATTN_TYPE_DISABLED"}
_KV_TYPES = {KVCacheType.F16: "GGML_TYPE_F16", KVCacheType.Q8_0: "GGML_TYPE_Q8_0",
             KVCacheType.Q4_0: "GGML_TYPE_Q4_0"}


def _reason(log: str) -> str:
    """The most telling line of llama.cpp's log (its last error)."""
    for line in reversed(log.splitlines()):
        if "error" in line.lower() or "failed" in line.lower():
            return line.strip()
    return ""


