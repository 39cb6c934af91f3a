"""The Qt application: translations, error reporting, and the main window."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import Problem
from core.logs import log_exception
from core.logs import setup as setup_logging
from core.paths import app_paths, resources_dir
from core.settings import LanguageChoice, load_settings
from ui.desktop.single_instance import InstanceServer, hand_off, server_name
from ui.format import language as ui_language
from ui.paint_threads import paint_on_gui_thread
from ui.startup_probe import install_if_asked
from ui.theme import apply_theme

TRANSLATIONS = resources_dir() / "translations"
#: The first-run tour waits until the window has settled on the screen.
TOUR_DELAY_MS = 800


#: The locale of each language choice (the system's is asked when it is the choice).
LOCALES = {LanguageChoice.ENGLISH: "en_US", LanguageChoice.PORTUGUESE_BR: "pt_BR"}


def install_translators(app: QApplication, locale: QLocale | None = None,
                        choice: LanguageChoice = LanguageChoice.SYSTEM) -> list[QTranslator]:
    """Load Prosa's and Qt's own translations: ``PROSA_LANG`` first, then the language
    chosen in Preferences, then the system's; English needs none.  That locale also
    becomes the default one, so numbers, sizes and dates (``ui.format``) are written the
    way the window's words are.  The translators are returned because Qt does not own
    them: they must outlive this call."""
    override = os.environ.get("PROSA_LANG") or LOCALES.get(choice)
    locale = QLocale(override) if override else (locale or QLocale.system())
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    for name, folder in (("prosa", TRANSLATIONS),
                         ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def _install_excepthook() -> None:
    """Show unexpected errors in a dialog and the log, never only in a console."""

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(text)
        log_exception(kind, value, tb, "the main thread")
        if QApplication.instance() is not None:
            box = QMessageBox(QMessageBox.Icon.Critical, "Prosa",
                              QApplication.translate("app", "Something went wrong: %1")
                              .replace("%1", str(value)))
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook


def run_gui(argv: list[str], open_path: str | None = None) -> int:
    """Open the window; ``open_path`` is a model file to load instead of the last one."""
    from ui.main_window import MainWindow

    paint_on_gui_thread()  # before anything paints: Qt reads it once
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Prosa")
    app.setOrganizationName("Prosa")
    app.setApplicationDisplayName("Prosa")
    app.setDesktopFileName("prosa")  # the .desktop entry: taskbar icon and grouping
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "prosa.svg")))
    paths = app_paths()
    settings = load_settings(paths.settings_file)
    translators = install_translators(app, choice=settings.language)
    # The default system prompt follows the window's language, unless the user wrote
    # their own: the model reads it, and answers in its language.
    settings = settings.in_language(ui_language())
    # Another Prosa already runs on these folders: it opens the file and comes forward.
    files = [str(Path(open_path).expanduser().absolute())] if open_path else []
    instance = InstanceServer(server_name(paths.data))
    if hand_off(instance.name, files):
        return 0
    instance.listen()
    notice = None
    try:
        paths = paths.with_models(settings.models_dir).ensure()
    except OSError as exc:  # a folder on a disk that is gone, or not writable
        paths = paths.ensure()
        notice = Problem.of("settings.models_dir_unusable", "The models folder {path} cannot "
                            "be used ({reason}); the default folder is used instead.",
                            path=settings.models_dir, reason=exc.strerror or str(exc))
    setup_logging(paths)
    _install_excepthook()
    apply_theme(app, settings.theme)
    probe = install_if_asked(app)
    conversation = open_path is not None and open_path.lower().endswith(".json")
    window = MainWindow(paths, settings, open_path=None if conversation else open_path)
    instance.received.connect(window.open_files)
    if conversation:
        window.open_files(files)
    if notice is not None:
        window.show_problem(notice)
    window.show()
    if not settings.tour_done:
        QTimer.singleShot(TOUR_DELAY_MS, window.start_tour)
    code = app.exec()
    instance.close()
    del translators, probe
    return code
