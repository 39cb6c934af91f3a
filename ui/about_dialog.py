"""Help → About: the version, what computes the replies, where files live, and the
licence notices of everything Prosa ships."""

from __future__ import annotations

import html

import PySide6
from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.about.licences import Notice, notices
from core.about.version import build_info, folders, runtime
from core.engine.backend_info import AMX_VARIANTS, BackendInfo
from core.paths import AppPaths, resources_dir
from core.system import cpu_info
from ui.format import decimal


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, backend: BackendInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Prosa"))
        self.paths = paths
        self.backend = backend
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_tab(), self.tr("Prosa"))
        self.system_text = QTextBrowser()
        self.system_text.setObjectName("systemInfo")
        self.system_text.setOpenLinks(False)
        self.system_text.setAccessibleName(self.tr("System details"))
        self.system_text.setHtml(self._system_html())
        self.tabs.addTab(self._system_tab(), self.tr("System"))
        self.tabs.addTab(self._licences_tab(), self.tr("Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(
            self.tr("Close this window"))
        self.copy_button = buttons.addButton(self.tr("Copy details"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(self.tr("Copy the version and system details, for a "
                                            "bug report"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(680, 520)

    # --- tabs ------------------------------------------------------------------------

    def _about_tab(self) -> QWidget:
        tab = QWidget()
        icon = QLabel()
        icon.setPixmap(QIcon(str(resources_dir() / "icons" / "prosa.svg")).pixmap(QSize(96, 96)))
        info = build_info()
        title = QLabel(f"<h2>Prosa {html.escape(info.version)}</h2>")
        title.setObjectName("aboutVersion")
        if info.frozen:
            how = self.tr("Installed app, built %1").replace("%1", info.built_at or "?")
        else:
            how = self.tr("Running from the source code")
        text = QLabel(self.tr(
            "Private, offline chat with language models that run on your own computer. "
            "Prosa formats every conversation with the model's own chat template and "
            "shows the exact prompt, the tokens and their probabilities."))
        text.setWordWrap(True)
        facts = QLabel(self._facts_html())
        facts.setObjectName("aboutFacts")
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QGridLayout(tab)
        layout.setHorizontalSpacing(18)
        layout.addWidget(icon, 0, 0, 4, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(title, 0, 1)
        layout.addWidget(QLabel(how), 1, 1)
        layout.addWidget(text, 2, 1)
        layout.addWidget(facts, 3, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(4, 1)
        return tab

    def _facts_html(self) -> str:
        backend = self.backend
        if backend is None:
            engine = self.tr("Load a model to see the build and backend in use.")
        elif backend.gpus:
            engine = self.tr("llama.cpp on %1").replace(
                "%1", ", ".join(d.description or d.name for d in backend.gpus))
        else:
            engine = self.tr("llama.cpp on the processor (%1)").replace(
                "%1", backend.cpu_variant or self.tr("built in"))
        facts = [
            (self.tr("Replies computed by"), engine),
            (self.tr("Conversations kept in"), str(self.paths.data)),
            (self.tr("Licence"), self.tr("MIT. Prosa ships Qt, llama.cpp, Python and other "
                                         "components under their own licences: see "
                                         "Licences.")),
        ]
        rows = "".join(f"<p><b>{html.escape(label)}</b><br>{html.escape(value)}</p>"
                       for label, value in facts)
        return rows

    def _system_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.system_text, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Open folder:")))
        names = self._folder_names()
        for key, folder in folders(self.paths).items():
            button = QPushButton(names[key])
            button.setObjectName(f"open_{key}")
            button.setToolTip(str(folder))
            button.clicked.connect(lambda _=False, f=folder: QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(f))))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _folder_names(self) -> dict[str, str]:
        return {"data": self.tr("Data"), "config": self.tr("Settings"),
                "cache": self.tr("Cache"), "logs": self.tr("Logs"), "models": self.tr("Models")}

    def _licences_tab(self) -> QWidget:
        self.notices = notices()
        self.licence_list = QListWidget()
        self.licence_list.setObjectName("licenceList")
        self.licence_list.setAccessibleName(self.tr("Components and their licences"))
        self.licence_list.setToolTip(self.tr("Select a component to read its licence"))
        kinds = {"app": self.tr("app"), "library": self.tr("library"),
                 "model": self.tr("model"), "runtime": self.tr("runtime"),
                 "python": self.tr("Python package")}
        for notice in self.notices:
            version = f" {notice.version}" if notice.version else ""
            item = QListWidgetItem(f"{notice.name}{version} — {notice.licence}"
                                   f" ({kinds.get(notice.kind, notice.kind)})")
            item.setData(Qt.ItemDataRole.UserRole, notice)
            self.licence_list.addItem(item)
        self.licence_text = QTextBrowser()
        self.licence_text.setObjectName("licenceText")
        self.licence_text.setOpenExternalLinks(False)
        self.licence_text.setAccessibleName(self.tr("Licence text"))
        self.licence_list.currentItemChanged.connect(self._show_notice)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.licence_list)
        splitter.addWidget(self.licence_text)
        splitter.setSizes([180, 320])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        intro = QLabel(self.tr("Prosa is built on the work of others. These are the "
                               "components it ships and their licences."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        if self.notices:
            self.licence_list.setCurrentRow(0)
        return tab

    def _show_notice(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        notice = item.data(Qt.ItemDataRole.UserRole)
        assert isinstance(notice, Notice)
        parts = []
        if notice.url:
            parts.append(notice.url)
        if notice.note:
            parts.append(notice.note)
        parts.append(notice.text or self.tr("(The package ships no licence text; its "
                                            "licence is %1.)").replace("%1", notice.licence))
        self.licence_text.setPlainText("\n\n".join(parts))

    # --- system details --------------------------------------------------------------

    def rows(self) -> list[tuple[str, str]]:
        """The system details as label/value pairs (shown, and copied for reports)."""
        info, run, cpu, backend = build_info(), runtime(), cpu_info(), self.backend
        rows = [(self.tr("Prosa"), info.version + (f" ({info.built_at})" if info.built_at
                                                   else ""))]
        if backend is None:
            rows.append((self.tr("llama.cpp"), self.tr("Load a model to see the build and "
                                                       "backend in use.")))
        else:
            rows.append((self.tr("llama.cpp"), self.tr("ggml %1, Python bindings %2")
                         .replace("%1", backend.ggml_version or "?")
                         .replace("%2", backend.bindings_version)))
            rows.append((self.tr("CPU backend"), self._variant_text(backend)))
            gpus = ", ".join(f"{d.description or d.name} ({decimal(d.memory_total / 2**30)} GiB)"
                             for d in backend.gpus)
            rows.append((self.tr("GPU"), gpus or self.tr("none in use (CPU only)")))
            rows.append((self.tr("llama.cpp features"), backend.system_info))
        if info.llama_cmake_args:
            rows.append((self.tr("llama.cpp build flags"), info.llama_cmake_args))
        rows.append((self.tr("Processor"), f"{cpu.name} ({cpu.architecture})"))
        rows.append((self.tr("CPU features"), " ".join(cpu.features) or self.tr("unknown")))
        rows.append((self.tr("Qt"), self.tr("%1 (PySide6 %2)").replace("%1", qVersion())
                     .replace("%2", PySide6.__version__)))
        rows.append((self.tr("Python"), run.python))
        rows.append((self.tr("System"), run.system))
        rows.append((self.tr("Installed in"), run.install_folder
                     + (self.tr(" (portable: data beside the app)") if run.portable else "")))
        names = self._folder_names()
        for key, folder in folders(self.paths).items():
            rows.append((self.tr("Folder: %1").replace("%1", names[key]), str(folder)))
        return rows

    def _variant_text(self, backend: BackendInfo) -> str:
        if not backend.dynamic:
            return self.tr("built in (this llama.cpp was compiled for one CPU type)")
        text = self.tr("%1, chosen for this processor from %2 variants").replace(
            "%1", backend.cpu_variant or "?").replace("%2", str(len(backend.cpu_variants)))
        avoided = [v for v in backend.cpu_avoided if v in AMX_VARIANTS]
        if avoided:
            text += self.tr("; %1 is skipped because llama.cpp's AMX code crashes on some "
                            "processors").replace("%1", ", ".join(avoided))
        return text

    def _system_html(self) -> str:
        cells = "".join(
            f"<tr><td style='padding-right:12px'><b>{html.escape(label)}</b></td>"
            f"<td>{html.escape(value)}</td></tr>" for label, value in self.rows())
        return f"<table>{cells}</table>"

    def details_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.rows())

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
