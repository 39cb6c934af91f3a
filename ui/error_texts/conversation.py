"""Messages of the conversation errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "conversation.bad_sampling": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The sampling settings could not be saved: they must be plain numbers "
        "and text.")),
    "conversation.bad_thinking": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The thinking settings could not be saved: template options must be "
        "plain numbers, text and true or false.")),
    "conversation.bad_token_count": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A token count must be a whole number of at least 0, not {value}.")),
    "conversation.bring_back.no_history": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The recovered conversations could not be brought back: the history "
        "file {path} is gone.")),
    "conversation.busy": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Wait for the reply to finish, or stop it first.")),
    "conversation.candidates_not_reply": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Only replies have candidates.")),
    "conversation.context_full": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation needs {tokens:,} tokens, but the model's context "
        "holds {n_ctx:,}, {room:,} of them kept for the reply. Start a new "
        "chat, raise the context length, or let Prosa drop old messages (Engine"
        " tab, “When the conversation is too long”).")),
    "conversation.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved conversations ({path}) are damaged; restart Prosa to set the"
        " file aside and start a new one.")),
    "conversation.disk_full": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The disk holding {folder} is full, so the conversation could not be "
        "saved; free some space and try again.")),
    "conversation.edit_not_yours": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Only your own messages can be edited.")),
    "conversation.empty_message": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Type a message first.")),
    "conversation.gone": str(QT_TRANSLATE_NOOP(
        "Errors",
        "That conversation no longer exists.")),
    "conversation.import.duplicate_id": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Two messages share the id {id}.")),
    "conversation.import.field_missing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number} has no “{key}”.")),
    "conversation.import.field_not_finite": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number}: “{key}” must be a finite number.")),
    "conversation.import.field_not_number": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number}: “{key}” must be a number.")),
    "conversation.import.field_not_object": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number}: “{key}” must be an object.")),
    "conversation.import.field_not_text": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number}: “{key}” must be text.")),
    "conversation.import.field_not_whole_number": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number}: “{key}” must be a whole number.")),
    "conversation.import.field_too_large": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number}: “{key}” is too large a number.")),
    "conversation.import.loop": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The messages' parents form a loop, so this is not a conversation tree.")),
    "conversation.import.message_not_object": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number} must be an object.")),
    "conversation.import.messages_not_list": str(QT_TRANSLATE_NOOP(
        "Errors",
        "“messages” must be a list of messages.")),
    "conversation.import.missing_parent": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {id} answers message {parent}, which is not in the file.")),
    "conversation.import.negative_tokens": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number} has a negative token count.")),
    "conversation.import.newer": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This conversation was exported by a newer Prosa (format version "
        "{version}); update Prosa to import it.")),
    "conversation.import.no_messages": str(QT_TRANSLATE_NOOP(
        "Errors",
        "There are no messages to import.")),
    "conversation.import.no_messages_list": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This Prosa conversation file has no “messages” list.")),
    "conversation.import.no_settings": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This Prosa conversation file has no “conversation” settings.")),
    "conversation.import.no_version": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This Prosa conversation file has no valid “version”.")),
    "conversation.import.not_a_conversation": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A conversation to import must be a JSON object or a list of messages.")),
    "conversation.import.not_a_message": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number} must be an object with “role” and “content”.")),
    "conversation.import.not_text_part": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number} contains a part that is not text; Prosa imports text "
        "only.")),
    "conversation.import.nothing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Nothing to import: expected a Prosa conversation export, a list of "
        "messages, or an object with “messages”.")),
    "conversation.import.other_format": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This file is not a Prosa conversation (its format is “{format}”).")),
    "conversation.import.setting_not_boolean": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation's “{key}” must be true or false.")),
    "conversation.import.setting_not_finite": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation's “{key}” must be a finite number.")),
    "conversation.import.setting_not_number": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation's “{key}” must be a number.")),
    "conversation.import.setting_not_object": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation's “{key}” must be an object.")),
    "conversation.import.setting_not_text": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation's “{key}” must be text.")),
    "conversation.import.setting_too_large": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The conversation's “{key}” is too large a number.")),
    "conversation.import.unknown_policy": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Unknown context policy “{policy}” in the conversation settings.")),
    "conversation.import.unknown_role": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number} has the role “{role}”; Prosa keeps only system, user,"
        " assistant and tool messages.")),
    "conversation.import.unknown_status": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Message {number} has the status “{status}”; expected one of {allowed}.")),
    "conversation.io": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa could not read or write its saved conversations at {path}.")),
    "conversation.locked": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved conversations ({path}) are locked by another program, "
        "perhaps a second Prosa; close it and try again.")),
    "conversation.message_gone": str(QT_TRANSLATE_NOOP(
        "Errors",
        "That message no longer exists.")),
    "conversation.message_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "That message is too long ({length:,} characters; the limit is "
        "{limit:,}).")),
    "conversation.newer": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved conversations ({path}) were written by a newer version of "
        "Prosa; update Prosa to open them.")),
    "conversation.not_writable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa cannot write its saved conversations at {path}; check that the "
        "folder exists and that you may write to it.")),
    "conversation.parent_gone": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The message this one answers no longer exists in this conversation.")),
    "conversation.recovery.unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa could not read the damaged history file {path}, so nothing could"
        " be recovered from it.")),
    "conversation.regenerate_not_reply": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Only replies can be regenerated.")),
    "conversation.set_aside.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved conversations could not be read (the file is damaged), so a "
        "new, empty history was started; the old file was kept as {kept}.")),
    "conversation.set_aside.not_sqlite": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved conversations could not be read (the file is not an SQLite "
        "database), so a new, empty history was started; the old file was kept "
        "as {kept}.")),
    "conversation.still_too_long.drop_middle": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Even with older messages left out, the conversation needs {tokens:,} "
        "tokens and the context holds {budget:,}: the system prompt, the first "
        "exchange and the last message alone are too long. Shorten the message,"
        " choose another policy, or raise the context length.")),
    "conversation.still_too_long.drop_oldest": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Even with older messages left out, the conversation needs {tokens:,} "
        "tokens and the context holds {budget:,}: the system prompt and the "
        "last message alone are too long. Shorten the message, choose another "
        "policy, or raise the context length.")),
    "conversation.stored.unknown_policy": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A saved conversation has the context policy “{value}”, which Prosa "
        "does not know; another program may have changed the saved "
        "conversations.")),
    "conversation.stored.unknown_role": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A saved message has the role “{value}”, which Prosa does not know; "
        "another program may have changed the saved conversations.")),
    "conversation.stored.unknown_status": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A saved message has the status “{value}”, which Prosa does not know; "
        "another program may have changed the saved conversations.")),
    "conversation.title_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "That title is too long ({length} characters; the limit is {limit}).")),
    "conversation.token_unknown": str(QT_TRANSLATE_NOOP(
        "Errors",
        "That token is no longer known (probabilities are kept for replies made"
        " since the app started).")),
    "conversation.too_many_damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Too many damaged copies next to {path}.")),
    "conversation.tool_message_gone": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The message of that tool call no longer exists.")),
    "conversation.unknown_policy": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Unknown context policy “{value}”; expected one of {allowed}.")),
    "conversation.unknown_role": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Unknown message role “{value}”; expected one of {allowed}.")),
    "conversation.unknown_status": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Unknown message status “{value}”; expected one of {allowed}.")),
    "files.export_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Could not write {file}: {reason}")),
    "files.not_json": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} is not a JSON file Prosa can read.")),
    "files.unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Could not read {file}: {reason}")),
}
