"""The window's menus and toolbar: every command in one place, with its shortcut.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
menus follow the desktop's conventions (File, Edit, View, Model, Help; Qt's standard key
sequences where every platform has one, and Ctrl+Q and F11 spelled out because some
desktops define none; Ctrl is ⌘ on macOS, where Preferences and About move to the
application menu through their menu roles).  Each command is a ``QAction`` kept as an
attribute, so the toolbar, context menus and tests use the same object, and the
keyboard-shortcuts dialog (``ui.desktop.shortcuts``) lists what the menus really hold.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar

from core.settings import ThemeChoice
from ui.icons import Icon, set_icon

Shortcut = QKeySequence.StandardKey | str | list[QKeySequence]


class WindowMenus(QMainWindow):
    """Builds the menu bar and the toolbar (see the module docstring); the commands
    themselves are the window's methods."""

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object] | None = None, *,
                shortcut: Shortcut | None = None, icon: Icon | None = None, tip: str = "",
                name: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif isinstance(shortcut, str):
            action.setShortcut(QKeySequence(shortcut))
        elif shortcut is not None:
            action.setShortcuts(shortcut)
        if icon is not None:
            set_icon(action, icon)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        if slot is not None:
            (action.toggled if checkable else action.triggered).connect(
                lambda *_args: slot())
        menu.addAction(action)
        self.addAction(action)  # its shortcut works even while the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._build_file_menu(bar.addMenu(self.tr("&File")))
        self._build_edit_menu(bar.addMenu(self.tr("&Edit")))
        self._build_view_menu(bar.addMenu(self.tr("&View")))
        self._build_model_menu(bar.addMenu(self.tr("&Model")))
        self._build_help_menu(bar.addMenu(self.tr("&Help")))

    def _build_file_menu(self, menu: QMenu) -> None:
        menu.setObjectName("fileMenu")
        self.new_chat_action = self._action(
            menu, self.tr("&New chat"), self.new_chat, shortcut=QKeySequence.StandardKey.New,
            icon=Icon.NEW_CHAT, tip=self.tr("Start a new conversation"), name="newChat")
        self.open_model_action = self._action(
            menu, self.tr("&Open GGUF file…"), self.choose_model_file,
            shortcut=QKeySequence.StandardKey.Open, icon=Icon.OPEN,
            tip=self.tr("Load a model file from this computer"), name="openModel")
        menu.addSeparator()
        self.import_action = self._action(
            menu, self.tr("&Import conversation…"), self.import_conversation,
            shortcut="Ctrl+Shift+O", icon=Icon.IMPORT,
            tip=self.tr("Add a conversation saved as JSON by Prosa or another chat app"),
            name="importConversation")
        self.export_markdown_action = self._action(
            menu, self.tr("&Export conversation as Markdown…"),
            lambda: self.export_current("md"), shortcut="Ctrl+Shift+E", icon=Icon.EXPORT,
            tip=self.tr("Save this conversation as a readable Markdown file"),
            name="exportMarkdown")
        self.export_json_action = self._action(
            menu, self.tr("Export conversation as &JSON…"), lambda: self.export_current("json"),
            tip=self.tr("Save this conversation with its branches, to import it again"),
            name="exportJson")
        menu.addSeparator()
        self.quit_action = self._action(
            menu, self.tr("&Quit"), self.close, shortcut="Ctrl+Q",
            icon=Icon.APP_EXIT, tip=self.tr("Close Prosa"), name="quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    def _build_edit_menu(self, menu: QMenu) -> None:
        menu.setObjectName("editMenu")
        self.copy_action = self._action(
            menu, self.tr("&Copy"), self.copy_selection, shortcut=QKeySequence.StandardKey.Copy,
            icon=Icon.COPY, tip=self.tr("Copy the selected text"), name="copy")
        self.copy_reply_action = self._action(
            menu, self.tr("Copy &last reply"), self.copy_last_reply, shortcut="Ctrl+Shift+C",
            tip=self.tr("Copy the model's last reply in this conversation"), name="copyReply")
        menu.addSeparator()
        self.find_action = self._action(
            menu, self.tr("&Find in conversation…"), self.find_in_conversation,
            shortcut=QKeySequence.StandardKey.Find, icon=Icon.FIND,
            tip=self.tr("Find text in the conversation shown"), name="find")
        self.search_all_action = self._action(
            menu, self.tr("&Search all conversations…"), self.search_all_conversations,
            shortcut="Ctrl+K", icon=Icon.SEARCH_ALL,
            tip=self.tr("Search the text of every conversation"), name="searchAll")
        menu.addSeparator()
        self.preferences_action = self._action(
            menu, self.tr("&Preferences…"), self.show_preferences, shortcut="Ctrl+,",
            icon=Icon.PREFERENCES, tip=self.tr("Language, theme, the Hub, folders and "
                                               "engine defaults"), name="preferences")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

    def _build_view_menu(self, menu: QMenu) -> None:
        menu.setObjectName("viewMenu")
        self.sidebar_action = self._action(
            menu, self.tr("&Conversations list"), self.toggle_sidebar, shortcut="Ctrl+B",
            tip=self.tr("Show or hide the list of conversations"), name="toggleSidebar",
            checkable=True)
        self.side_panel_action = self._action(
            menu, self.tr("&Settings panel"), self.toggle_side_panel, shortcut="Ctrl+Shift+B",
            tip=self.tr("Show or hide the system prompt, sampling and engine panel"),
            name="toggleSidePanel", checkable=True)
        menu.addSeparator()
        self.probabilities_action = self._action(
            menu, self.tr("&Token probabilities"), None, shortcut="Ctrl+Shift+T",
            icon=Icon.PROBABILITIES, checkable=True, name="probabilities", tip=self.tr(
                "Colour replies by how likely the model found each token (green: sure, "
                "red: surprising); click a token to see the alternatives it weighed"))
        menu.addSeparator()
        self.zoom_in_action = self._action(
            menu, self.tr("Zoom &in"), lambda: self.zoom_chat(1),
            shortcut=[QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            icon=Icon.ZOOM_IN, tip=self.tr("Larger text in the conversation"), name="zoomIn")
        self.zoom_out_action = self._action(
            menu, self.tr("Zoom &out"), lambda: self.zoom_chat(-1),
            shortcut=QKeySequence.StandardKey.ZoomOut, icon=Icon.ZOOM_OUT,
            tip=self.tr("Smaller text in the conversation"), name="zoomOut")
        self.zoom_reset_action = self._action(
            menu, self.tr("&Actual size"), lambda: self.zoom_chat(0), shortcut="Ctrl+0",
            tip=self.tr("The conversation's text at the system's size"), name="zoomReset")
        menu.addSeparator()
        theme_menu = menu.addMenu(self.tr("T&heme"))
        theme_menu.setObjectName("themeMenu")
        group = QActionGroup(self)
        self.theme_actions: dict[ThemeChoice, QAction] = {}
        for choice, text in ((ThemeChoice.SYSTEM, self.tr("Follow the system")),
                             (ThemeChoice.LIGHT, self.tr("Light")),
                             (ThemeChoice.DARK, self.tr("Dark"))):
            action = self._action(theme_menu, text, self._theme_setter(choice),
                                  name=f"theme-{choice.value}")
            action.setCheckable(True)
            group.addAction(action)
            self.theme_actions[choice] = action
        self.full_screen_action = self._action(
            menu, self.tr("&Full screen"), self.toggle_full_screen,
            shortcut="F11", icon=Icon.FULL_SCREEN,
            tip=self.tr("Use the whole screen for Prosa"), name="fullScreen", checkable=True)

    def _theme_setter(self, choice: ThemeChoice) -> Callable[[], None]:
        return lambda: self.set_theme(choice)

    def _build_model_menu(self, menu: QMenu) -> None:
        menu.setObjectName("modelMenu")
        self.models_action = self._action(
            menu, self.tr("&Models…"), self.show_models, shortcut="Ctrl+Shift+M",
            icon=Icon.MODEL, tip=self.tr("Your models, and new ones from the Hugging Face Hub"),
            name="models")
        menu.addAction(self.open_model_action)
        self.recent_menu = menu.addMenu(self.tr("&Recent models"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.remote_servers_action = self._action(
            menu, self.tr("Remote &servers…"), self.show_remote_servers,
            tip=self.tr("Servers that run models for Prosa (llama-server, vLLM, Ollama, "
                        "LM Studio): add them and choose their models in the model menu"),
            name="remoteServers")
        menu.addSeparator()
        self.reload_action = self._action(
            menu, self.tr("&Reload with engine settings"), self._reload_model,
            shortcut="Ctrl+R", icon=Icon.REGENERATE,
            tip=self.tr("Load the model again with the Engine tab's settings"), name="reload")
        self.unload_action = self._action(
            menu, self.tr("&Unload model"), self.unload_model, icon=Icon.UNLOAD,
            tip=self.tr("Free the memory the model uses"), name="unload")
        menu.addSeparator()
        self.engine_settings_action = self._action(
            menu, self.tr("&Engine settings…"), self.show_engine_settings, icon=Icon.ENGINE,
            tip=self.tr("Context length, GPU layers, threads and the chat template"),
            name="engineSettings")
        self.template_action = self._action(
            menu, self.tr("Edit chat &template…"), self.edit_template, icon=Icon.CODE,
            tip=self.tr("See and change how conversations are written for this model"),
            name="editTemplate")
        self.inspect_action = self._action(
            menu, self.tr("&Inspect prompt…"), self.inspect_draft, shortcut="Ctrl+I",
            icon=Icon.INSPECT, tip=self.tr("Show the exact prompt and tokens the model "
                                           "would read if you sent your message now"),
            name="inspectPrompt")

    def _build_help_menu(self, menu: QMenu) -> None:
        menu.setObjectName("helpMenu")
        self.learn_action = self._action(
            menu, self.tr("&Learn…"), self.open_learn, shortcut="Ctrl+F1",
            icon=Icon.LESSON, tip=self.tr("Short lessons on how a chat with a language "
                                          "model works, run on your model"), name="learn")
        menu.addSeparator()
        self.shortcuts_action = self._action(
            menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts,
            shortcut=[QKeySequence("Ctrl+/"), QKeySequence(QKeySequence.StandardKey.HelpContents)],
            icon=Icon.KEYBOARD, tip=self.tr("Every shortcut Prosa knows"), name="shortcuts")
        menu.addSeparator()
        self.log_folder_action = self._action(
            menu, self.tr("Open &log folder"), self.open_log_folder, icon=Icon.FOLDER,
            tip=self.tr("Show the folder with Prosa's logs"), name="logFolder")
        self.report_action = self._action(
            menu, self.tr("&Report a problem…"), self.report_problem, icon=Icon.BUG,
            tip=self.tr("Save the logs and a description of this computer in one file to "
                        "send with your report"), name="reportProblem")
        menu.addSeparator()
        self.about_action = self._action(
            menu, self.tr("&About Prosa"), self.show_about, icon=Icon.ABOUT,
            tip=self.tr("Version, licences and this computer"), name="about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_toolbar(self) -> QToolBar:
        """The toolbar: the model in use and the commands used while chatting."""
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        # Words beside the icons: a new user reads what the two buttons do.
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        label = QLabel(self.tr("Model:") + " ")
        label.setObjectName("modelPickerLabel")
        toolbar.addWidget(label)
        return toolbar

    # --- commands the window implements ---------------------------------------------------

    def new_chat(self) -> None:
        raise NotImplementedError

    def choose_model_file(self) -> None:
        raise NotImplementedError

    def import_conversation(self, path: str = "") -> None:
        raise NotImplementedError

    def export_current(self, kind: str) -> None:
        raise NotImplementedError

    def copy_selection(self) -> None:
        raise NotImplementedError

    def copy_last_reply(self) -> None:
        raise NotImplementedError

    def find_in_conversation(self) -> None:
        raise NotImplementedError

    def search_all_conversations(self) -> None:
        raise NotImplementedError

    def show_preferences(self) -> None:
        raise NotImplementedError

    def toggle_sidebar(self) -> None:
        raise NotImplementedError

    def toggle_side_panel(self) -> None:
        raise NotImplementedError

    def zoom_chat(self, step: int) -> None:
        raise NotImplementedError

    def set_theme(self, choice: ThemeChoice) -> None:
        raise NotImplementedError

    def toggle_full_screen(self) -> None:
        raise NotImplementedError

    def show_models(self, tab: int = 0) -> object:
        raise NotImplementedError

    def _fill_recent_menu(self) -> None:
        raise NotImplementedError

    def show_remote_servers(self) -> object:
        raise NotImplementedError

    def _reload_model(self) -> None:
        raise NotImplementedError

    def unload_model(self) -> None:
        raise NotImplementedError

    def show_engine_settings(self) -> None:
        raise NotImplementedError

    def edit_template(self) -> None:
        raise NotImplementedError

    def inspect_draft(self) -> None:
        raise NotImplementedError

    def open_learn(self) -> object:
        raise NotImplementedError

    def show_shortcuts(self) -> None:
        raise NotImplementedError

    def open_log_folder(self) -> None:
        raise NotImplementedError

    def report_problem(self) -> None:
        raise NotImplementedError

    def show_about(self) -> object:
        raise NotImplementedError


def strip_mnemonic(text: str) -> str:
    """A menu text without its ``&`` accelerator marks (``&&`` is a literal ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")

