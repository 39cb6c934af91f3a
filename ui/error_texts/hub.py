"""Messages of the hub errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "download.bad_input.file_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "“{file}” is not a valid file name in a Hub repository.")),
    "download.bad_input.no_files": str(QT_TRANSLATE_NOOP(
        "Errors",
        "No file to download was given.")),
    "download.changed.keeps_changing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} keeps changing on the Hub; try again later.")),
    "download.changed.restarted": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} changed on the Hub since this download began. Starting it again"
        " from the beginning.")),
    "download.damaged.git_hash": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The downloaded file is damaged (its git hash does not match the "
        "Hub's), so it was deleted. Press Retry to download {file} again.")),
    "download.damaged.sha256": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The downloaded file is damaged (its SHA-256 does not match the Hub's),"
        " so it was deleted. Press Retry to download {file} again.")),
    "download.damaged.size": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The downloaded file is damaged (its size does not match the Hub's), so"
        " it was deleted. Press Retry to download {file} again.")),
    "download.damaged.too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server sent more data than {file} has; press Retry.")),
    "download.disk_full": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The disk filled up while downloading {file} to {folder}. The {kept} "
        "downloaded so far are kept; free some space and press Resume.")),
    "download.duplicate": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} is already being downloaded in another job.")),
    "download.http.range": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server would not send {file} (HTTP 416, range not satisfiable), "
        "not even from the beginning; try again later.")),
    "download.http.wrong_part": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server sent the wrong part of {file}; try again later.")),
    "download.internal": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The download stopped because of an unexpected problem; press Retry to "
        "continue from where it stopped.")),
    "download.io.install": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Could not put {file} in place ({error}). If the model is loaded, "
        "unload it, then press Retry.")),
    "download.io.write": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Could not write {path}: {error}.")),
    "download.network.incomplete": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The connection kept closing before {file} was complete. Press Retry to"
        " continue from where it stopped.")),
    "download.no_space": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Not enough disk space: needs {needed}, {free} free on {folder}.")),
    "download.unfinished": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The download of {file} did not finish.")),
    "hub.auth.bad_token": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Your access token was not accepted by the Hub: check or replace it in "
        "Settings.")),
    "hub.auth.forbidden": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The Hub refused access to this repository: check that your access "
        "token can read it.")),
    "hub.auth.private": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{repo} is private or needs an access token: add a token in Settings "
        "(or check the name: without a token the Hub does not say whether a "
        "repository exists).")),
    "hub.bad_input.repo_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "“{repo}” is not a valid model name: names look like owner/model-name.")),
    "hub.gated.no_token": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{repo} is a gated model: open {page}, accept its licence, then add an "
        "access token from that account in Settings and try again.")),
    "hub.gated.not_granted": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{repo} is a gated model: open {page} and accept its licence with the "
        "account your token belongs to, then try again (approval can take a "
        "while).")),
    "hub.http": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The Hub refused the request (HTTP {status}).")),
    "hub.network.cut_off": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot reach {endpoint}: the connection was cut off.")),
    "hub.network.dns": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot reach {endpoint}: its name could not be resolved (are you "
        "connected to the internet?).")),
    "hub.network.other": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot reach {endpoint}: {error}.")),
    "hub.network.refused": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot reach {endpoint}: the connection was refused.")),
    "hub.network.timeout": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot reach {endpoint}: the connection timed out.")),
    "hub.network.tls": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot reach {endpoint}: a secure (TLS) connection could not be set "
        "up.")),
    "hub.not_found.file": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{repo} has no file named {file} (revision {revision}).")),
    "hub.not_found.other": str(QT_TRANSLATE_NOOP(
        "Errors",
        "No such model or file on the Hub (check the name).")),
    "hub.not_found.repo": str(QT_TRANSLATE_NOOP(
        "Errors",
        "No such model on the Hub: {repo} (check the name).")),
    "hub.not_found.revision": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{repo} has no branch, tag or commit named “{revision}”.")),
    "hub.offline.environment": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Offline mode is on for Hugging Face tools (the HF_HUB_OFFLINE "
        "environment variable is set): unset it and restart Prosa to reach the "
        "Hub.")),
    "hub.offline.setting": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Offline mode is on: Prosa makes no network requests. Turn it off in "
        "Settings to search the Hub and download models.")),
    "hub.rate_limited": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The Hub is limiting how many requests Prosa may make (HTTP 429); try "
        "again in a minute.")),
    "hub.server.failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The Hub had a problem on its side (HTTP {status}); try again later.")),
    "hub.server.inconsistent": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The Hub gave inconsistent information about {file}; try again later.")),
    "hub.server.unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The Hub sent an answer Prosa could not read; try again later.")),
    "hub.unexpected": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Talking to the Hub failed unexpectedly ({error}).")),
}
