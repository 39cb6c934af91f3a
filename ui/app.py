"""The Qt application: translations, error reporting, and the main window."""

from __future__ import annotations

import os
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from core.logs import log_exception
from core.logs import setup as setup_logging
from core.paths import app_paths, resources_dir
from core.settings import load_settings
from ui.startup_probe import install_if_asked

TRANSLATIONS = resources_dir() / "translations"


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load Prosa's and Qt's own translations for the locale (``PROSA_LANG`` overrides
    the system's); English needs none.  The translators are returned because Qt does
    not own them: they must outlive this call."""
    override = os.environ.get("PROSA_LANG")
    locale = QLocale(override) if override else (locale or QLocale.system())
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

    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Prosa")
    app.setOrganizationName("Prosa")
    app.setApplicationDisplayName("Prosa")
    app.setDesktopFileName("prosa")  # the .desktop entry: taskbar icon and grouping
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "prosa.svg")))
    translators = install_translators(app)
    paths = app_paths().ensure()
    setup_logging(paths)
    _install_excepthook()
    probe = install_if_asked(app)
    window = MainWindow(paths, load_settings(paths.settings_file), open_path=open_path)
    window.show()
    code = app.exec()
    del translators, probe
    return code
