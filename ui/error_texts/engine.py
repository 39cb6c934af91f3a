"""Messages of the engine errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "engine.bad_event": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine sent a message that could not be read.")),
    "engine.batch_too_big": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Too many sequences for one batch.")),
    "engine.constraint_unsupported": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Replies of models of the {family} family cannot follow a schema or "
        "grammar yet.")),
    "engine.constraint_with_beams": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Beam search cannot follow a schema, a grammar or a required tool call;"
        " choose greedy decoding or sampling.")),
    "engine.constraint_with_tool_choice": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A reply cannot both follow a schema or grammar and be a required tool "
        "call.")),
    "engine.context_full.no_room": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model's context has no room left for the reply.")),
    "engine.context_full.prompt": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation does not fit in the model's context.")),
    "engine.context_full.reply": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The reply reached the end of the model's context.")),
    "engine.count_unavailable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine cannot count the prompt's tokens now: it is loading, busy, "
        "or (a server) counts none before a reply.")),
    "engine.decode_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "llama.cpp could not evaluate the tokens (code {status}).")),
    "engine.died.aborted": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The native inference code aborted ({signal}). Your conversation is "
        "safe; the next message starts a fresh engine.")),
    "engine.died.crashed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine process crashed ({signal}) in the native inference code. "
        "Your conversation is safe; the next message starts a fresh engine.")),
    "engine.died.disk": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine process stopped ({signal}): the model file could not be "
        "read from disk. Your conversation is safe; the next message starts a "
        "fresh engine.")),
    "engine.died.exit": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine process exited with status {status}. Your conversation is "
        "safe; the next message starts a fresh engine.")),
    "engine.died.killed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine process was killed ({signal}), often by the system when "
        "memory runs out. Your conversation is safe; the next message starts a "
        "fresh engine.")),
    "engine.died.signal": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine process was stopped by {signal}. Your conversation is safe;"
        " the next message starts a fresh engine.")),
    "engine.died.unresponsive": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine process stopped responding. Your conversation is safe; the "
        "next message starts a fresh engine.")),
    "engine.failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine failed: {error}")),
    "engine.grammar_invalid": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The grammar is not valid: {reason}")),
    "engine.grammar_refused": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The reply cannot go on with this token and still follow its grammar or"
        " schema.")),
    "engine.grammar_stuck": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The grammar allows no token at this point of the reply, not even its "
        "end; check the grammar's rules.")),
    "engine.kv_needs_flash_attention": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A {format} KV cache needs flash attention: choose On or Automatic, or "
        "the f16 cache.")),
    "engine.no_logits": str(QT_TRANSLATE_NOOP(
        "Errors",
        "llama.cpp has no logits for output {index}.")),
    "engine.no_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "No model is loaded. Pick a model first.")),
    "engine.no_result": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The reply ended without a result.")),
    "engine.no_tools": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A tool call was required, but no tool was offered.")),
    "engine.schema_unsupported": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The JSON schema uses {feature}, which Prosa cannot enforce while the "
        "model writes.")),
    "engine.scripted": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Replies come from a test script, not from a model.")),
    "engine.stuck": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine did not stop within {seconds} s (a runaway chat template or"
        " a stuck model), so it was restarted. Your conversation is safe; the "
        "next message starts a fresh engine.")),
    "engine.timeout": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine did not answer within {seconds} s.")),
    "engine.too_many_beams": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This model was loaded for at most {most} beams; beam width {width} "
        "needs more.")),
    "engine.tool_call_ignored": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model wrote a tool call although tools were not to be called in "
        "this reply; it was not run, and its text is kept.")),
    "engine.tool_choice_unsupported": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa cannot require a tool call from models of the {family} family; "
        "choose Auto, or a model that writes calls as Hermes, Llama 3 or "
        "Mistral models do.")),
    "engine.tools_unsupported": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This model's chat template does not show tools to the model. Choose a "
        "template with tools (such as the built-in ChatML with tools) to let it"
        " call them.")),
    "engine.unknown_token": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The reply to continue holds a token the model does not have.")),
    "engine.unknown_tool": str(QT_TRANSLATE_NOOP(
        "Errors",
        "No tool named {name} was offered.")),
    "engine.unreachable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine process is not reachable.")),
}
