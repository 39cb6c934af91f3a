"""Messages of the models errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "fit.fits.gpu": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Needs about {needed} and {available} of graphics memory (VRAM) is "
        "free, so it fits comfortably.")),
    "fit.fits.ram": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Needs about {needed} and {available} of memory (RAM) is free, so it "
        "fits comfortably.")),
    "fit.tight.gpu": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Needs about {needed} of the {available} of graphics memory (VRAM) that"
        " is free: it should run, but close other programs or pick a smaller "
        "file.")),
    "fit.tight.ram": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Needs about {needed} of the {available} of memory (RAM) that is free: "
        "it should run, but close other programs or pick a smaller file.")),
    "fit.too_big.gpu": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Needs about {needed} but only {available} of graphics memory (VRAM) is"
        " free: pick a smaller file or a shorter context.")),
    "fit.too_big.ram": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Needs about {needed} but only {available} of memory (RAM) is free: "
        "pick a smaller file or a shorter context.")),
    "gguf.array_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt or truncated: array {key} claims {count} "
        "elements, more than the remaining {remaining} bytes can hold.")),
    "gguf.arrays_too_deep": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt or unsupported: metadata {key} nests arrays "
        "more than {most} levels deep.")),
    "gguf.bad_alignment": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: its general.alignment {alignment} is not a "
        "power of two.")),
    "gguf.bad_row": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: tensor {name} of type {type} has rows of "
        "{row} elements, not a multiple of its block size {block}.")),
    "gguf.big_endian": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is big-endian, which Prosa does not support; download "
        "the little-endian version of the model.")),
    "gguf.empty": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This file is empty, so it is not a GGUF model.")),
    "gguf.empty_key": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: metadata key {index} is empty.")),
    "gguf.header_too_big": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file's header is larger than {limit}, which Prosa does not "
        "support (the file is probably corrupt).")),
    "gguf.impossible_shape": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: tensor {name} has an impossible shape "
        "{shape}.")),
    "gguf.key_not_utf8": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: metadata key {index} at byte {pos} is not "
        "valid UTF-8.")),
    "gguf.misaligned": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: tensor {name} starts at offset {offset}, "
        "which is not a multiple of the alignment {alignment}.")),
    "gguf.no_architecture": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file does not say which model architecture it is "
        "(general.architecture is missing).")),
    "gguf.not_gguf": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This file is not a GGUF model (it does not start with 'GGUF').")),
    "gguf.out_of_memory": str(QT_TRANSLATE_NOOP(
        "Errors",
        "There was not enough memory to read this model file's header.")),
    "gguf.repeated_key": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: the metadata key {key} repeats.")),
    "gguf.repeated_tensor": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: the tensor name {name} repeats.")),
    "gguf.shrank": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is truncated: it ended at byte {pos}, in the middle of "
        "its header.")),
    "gguf.tensor_name_not_utf8": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: the name of tensor {index} at byte {pos} is"
        " not valid UTF-8.")),
    "gguf.text_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt or unsupported: a text at byte {pos} is "
        "{length} bytes long, more than the {limit} limit.")),
    "gguf.too_many_dimensions": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt: tensor {name} has {dims} dimensions (at "
        "most {most} are allowed).")),
    "gguf.too_many_elements": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt or unsupported: its metadata arrays hold "
        "more than {most} texts and sub-arrays in total.")),
    "gguf.too_many_entries": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt or truncated: it claims {count} metadata "
        "entries, more than its remaining {remaining} bytes can hold.")),
    "gguf.too_many_tensors": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt or truncated: it claims {count} tensors, "
        "more than its remaining {remaining} bytes can hold.")),
    "gguf.truncated_data": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is truncated: tensor data ends at byte {end} but the "
        "file has only {size} bytes.")),
    "gguf.truncated_header": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is truncated or corrupt: at byte {pos} its header needs"
        " {needed} bytes but only {remaining} remain.")),
    "gguf.unexpected": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa could not read this model file because of an unexpected problem.")),
    "gguf.unknown_tensor_type": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file uses tensor type {type_id} for {name}, which Prosa does"
        " not know (the file is corrupt or needs a newer Prosa).")),
    "gguf.unknown_value_type": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file is corrupt or too new: metadata {key} has unknown value"
        " type {value_type}.")),
    "gguf.version": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This GGUF file has format version {version}, but Prosa reads only "
        "versions {oldest} to {newest}.")),
    "gguf.version_1": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This model uses GGUF version 1, which is no longer supported; download"
        " a newer conversion of it.")),
    "library.assemble_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Could not prepare the bundled model {name}: {reason}.")),
    "library.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The list of added models was damaged; it was kept as {kept_as}.")),
    "library.file_gone": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The file is no longer there.")),
    "library.missing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{path} does not exist.")),
    "library.not_a_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{name} is not a .gguf model file or a folder.")),
    "library.not_assembled": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prepared on first use (joined from its package's parts).")),
    "library.not_deletable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Only models Prosa downloaded can be deleted here; files you added are "
        "used in place and stay where they are.")),
    "library.outside_models": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{path} is outside Prosa's model folder; not deleted.")),
    "library.split_incomplete": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Split model incomplete: {part} is missing.")),
    "library.unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot read the file: {reason}.")),
    "model.is_folder": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{path} is a folder, not a model file.")),
    "model.llama_refused": str(QT_TRANSLATE_NOOP(
        "Errors",
        "llama.cpp could not load {file}: {reason}")),
    "model.missing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file {path} does not exist.")),
    "model.not_a_file": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{path} is not a regular file, so it cannot be a model file.")),
    "model.not_allowed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa is not allowed to read {path}; check the file's permissions.")),
    "model.unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model file {path} could not be read ({reason}).")),
}
