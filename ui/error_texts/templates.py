"""Messages of the templates errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "template.builtin_damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa's built-in chat template file {path} is damaged (its header does"
        " not name the family {family}); reinstall Prosa.")),
    "template.builtin_unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa's built-in {family} chat template ({path}) could not be read; "
        "reinstall Prosa, or set a template of your own for this model.")),
    "template.compile_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template could not be compiled: {error}")),
    "template.empty": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The template is empty. To go back to the model's own template, remove "
        "the override instead.")),
    "template.failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template failed: {error}")),
    "template.failed_on_line": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template failed on line {line}: {error}")),
    "template.generated_too_much": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template generated more than {limit:,} characters of text "
        "(counting its macros and captured blocks) and was stopped. It may be "
        "broken or hostile; try another template.")),
    "template.model_unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file {path} cannot be read ({reason}), so its template "
        "cannot be saved.")),
    "template.number_too_big": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template tried to compute a number of more than {bits:,} bits"
        " and was stopped. It may be broken or hostile; try another template.")),
    "template.out_of_memory": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template ran out of memory.")),
    "template.out_of_memory_on_line": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template ran out of memory on line {line}.")),
    "template.output_too_big": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template produced more than {limit:,} characters and was "
        "stopped. It may be broken or hostile; try another template, or shorten"
        " the conversation.")),
    "template.overrides_damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved chat template overrides were damaged; the file was kept as "
        "{kept_as} and the models' own templates are in use.")),
    "template.overrides_unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved chat template overrides ({file}) were not in the expected "
        "format and were ignored.")),
    "template.range_too_big": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template asked for a range of more than {limit:,} items and "
        "was stopped. It may be broken or hostile; try another template.")),
    "template.reason.base_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template and nothing about it says it was "
        "instruction-tuned, so Prosa treats it as a base model that continues "
        "the text you write.")),
    "template.reason.broken": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa uses its built-in {family} template, because the chosen one "
        "could not be used: {cause}")),
    "template.reason.chat_chosen.architecture": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You chose chat mode for a model whose file has no chat template, so "
        "Prosa uses its built-in {family} template, chosen from the model's "
        "architecture ({detail}).")),
    "template.reason.chat_chosen.name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You chose chat mode for a model whose file has no chat template, so "
        "Prosa uses its built-in {family} template, chosen from the model's "
        "name ({detail}).")),
    "template.reason.chat_chosen.special_tokens": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You chose chat mode for a model whose file has no chat template, so "
        "Prosa uses its built-in {family} template, chosen from the model's "
        "special tokens ({detail}).")),
    "template.reason.chat_chosen.special_tokens_and_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You chose chat mode for a model whose file has no chat template, so "
        "Prosa uses its built-in {family} template, chosen from the model's "
        "special tokens and name ({detail}).")),
    "template.reason.chat_chosen.unknown": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You chose chat mode for a model whose file has no chat template, and "
        "nothing in it names its chat format, so Prosa uses its built-in "
        "{family} template, the most common format.")),
    "template.reason.completion_chosen": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You chose completion mode, so no chat template is used and the model "
        "continues the text you write.")),
    "template.reason.override": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You set a chat template of your own for this model.")),
    "template.reason.own": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file carries its own chat template, the format it was "
        "trained with.")),
    "template.reason.server": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server formats the prompt with its own chat template. Prosa shows "
        "the request it sends; the exact prompt and its tokens stay on the "
        "server.")),
    "template.reason.tool_use_for_tools": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Tools are enabled and the model file carries a tool_use template, "
        "which formats tool definitions and calls the way the model was "
        "trained.")),
    "template.reason.tool_use_only": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file carries only a tool_use template, so Prosa uses it, as "
        "it is still the turn format the model was trained on.")),
    "template.reason.tuned_eos.architecture": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its end-of-sequence token "
        "({token}) says it is instruction-tuned, so Prosa uses its built-in "
        "{family} template, chosen from the model's architecture ({detail}).")),
    "template.reason.tuned_eos.name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its end-of-sequence token "
        "({token}) says it is instruction-tuned, so Prosa uses its built-in "
        "{family} template, chosen from the model's name ({detail}).")),
    "template.reason.tuned_eos.special_tokens": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its end-of-sequence token "
        "({token}) says it is instruction-tuned, so Prosa uses its built-in "
        "{family} template, chosen from the model's special tokens ({detail}).")),
    "template.reason.tuned_eos.special_tokens_and_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its end-of-sequence token "
        "({token}) says it is instruction-tuned, so Prosa uses its built-in "
        "{family} template, chosen from the model's special tokens and name "
        "({detail}).")),
    "template.reason.tuned_eos.unknown": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its end-of-sequence token "
        "({token}) says it is instruction-tuned, and nothing in it names its "
        "chat format, so Prosa uses its built-in {family} template, the most "
        "common format.")),
    "template.reason.tuned_name.architecture": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its name ({word} in {name}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} "
        "template, chosen from the model's architecture ({detail}).")),
    "template.reason.tuned_name.name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its name ({word} in {name}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} "
        "template, chosen from the model's name ({detail}).")),
    "template.reason.tuned_name.special_tokens": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its name ({word} in {name}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} "
        "template, chosen from the model's special tokens ({detail}).")),
    "template.reason.tuned_name.special_tokens_and_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its name ({word} in {name}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} "
        "template, chosen from the model's special tokens and name ({detail}).")),
    "template.reason.tuned_name.unknown": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file has no chat template, but its name ({word} in {name}) "
        "says it is instruction-tuned, and nothing in it names its chat format,"
        " so Prosa uses its built-in {family} template, the most common format.")),
    "template.refused": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template refused this conversation: {reason}")),
    "template.render_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template could not be rendered: {error}")),
    "template.render_timeout": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template took longer than {seconds:g} s, so it was stopped. "
        "It may be broken or hostile; try another template.")),
    "template.renderer_crashed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template crashed the renderer, so it was stopped and will be "
        "restarted. It may be broken or hostile (often it used up all memory); "
        "try another template.")),
    "template.renderer_not_started": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The template renderer could not be started.")),
    "template.syntax": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template has a syntax error on line {line}: {error}")),
    "template.timeout": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template ran longer than {seconds:g} s and was stopped. It "
        "may be broken or hostile; try another template.")),
    "template.too_deep": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template nested too deeply (runaway recursion) and was "
        "stopped. It may be broken or hostile; try another template.")),
    "template.too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The template is {length:,} characters long; the limit is {limit:,}. "
        "Check that the right text was pasted.")),
    "template.unsafe": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template tried to do something unsafe and was stopped: "
        "{reason}. Do not use this template.")),
    "template.unsafe_on_line": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template tried to do something unsafe on line {line} and was "
        "stopped: {reason}. Do not use this template.")),
    "template.value_too_big": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat template tried to build a text of more than {limit:,} "
        "characters and was stopped. It may be broken or hostile; try another "
        "template.")),
}
