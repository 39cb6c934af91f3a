"""Downloads: one row per job with its progress bar, speed, time left and actions.

The manager's events arrive from its worker threads through a :class:`ui.tasks.Relay`
(the manager already throttles progress to about ten events a second per job).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.errors import Problem, ProsaError
from core.hub.downloads import (
    DownloadEvent,
    DownloadManager,
    JobAdded,
    JobDone,
    JobProgress,
    JobSnapshot,
    JobState,
    JobStateChanged,
)
from ui.error_texts import problem_text
from ui.format import duration, size
from ui.tasks import Relay
from ui.theme import tint


class JobRow(QFrame):
    def __init__(self, view: DownloadsView, job_id: int, repo_id: str,
                 filenames: tuple[str, ...]) -> None:
        super().__init__()
        self.setObjectName(f"downloadJob{job_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = view
        self.job_id = job_id
        self.state = JobState.QUEUED
        self.paths: tuple[str, ...] = ()
        name = filenames[0] if len(filenames) == 1 else self.tr("%1 (%2 parts)").replace(
            "%1", filenames[0]).replace("%2", str(len(filenames)))
        self.title = QLabel(f"<b>{name}</b> — {repo_id}")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.load_button = QPushButton(self.tr("Load"))
        for button, tip in (
            (self.pause_button, self.tr("Pause this download; it resumes where it stopped")),
            (self.resume_button, self.tr("Go on with this download from where it stopped")),
            (self.cancel_button, self.tr("Stop this download and delete its "
                                         "unfinished files")),
            (self.load_button, self.tr("Load the downloaded model to chat with it")),
        ):
            button.setToolTip(tip)
        buttons = QHBoxLayout()
        buttons.addWidget(self.detail, 1)
        for button in (self.pause_button, self.resume_button, self.cancel_button,
                       self.load_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.pause_button.clicked.connect(lambda: view.act(view.manager.pause, job_id))
        self.resume_button.clicked.connect(lambda: view.act(view.manager.resume, job_id))
        self.cancel_button.clicked.connect(lambda: view.act(view.manager.cancel, job_id))
        self.load_button.clicked.connect(self._load)
        self.set_state(JobState.QUEUED)

    @Slot()
    def _load(self) -> None:
        if self.paths:
            self.view.loadRequested.emit(self.paths[0])

    def set_progress(self, done: int, total: int, speed: float, eta: float | None) -> None:
        self.bar.setValue(int(1000 * done / total) if total else 0)
        self.detail.setText(self.tr("%1 of %2 · %3/s · %4 left")
                            .replace("%1", size(done))
                            .replace("%2", size(total))
                            .replace("%3", size(speed))
                            .replace("%4", duration(eta)))

    def set_state(self, state: JobState, problem: Problem | None = None) -> None:
        """``problem`` says why a job failed, or what the user should know meanwhile."""
        self.state = state
        message = problem_text(problem) if problem is not None else ""
        labels = {
            JobState.QUEUED: self.tr("Waiting…"),
            JobState.PAUSED: self.tr("Paused"),
            JobState.VERIFYING: self.tr("Checking the SHA-256…"),
            JobState.DONE: self.tr("Downloaded and verified"),
            JobState.CANCELLED: self.tr("Cancelled"),
        }
        if state is JobState.FAILED:
            self.detail.setText(message)
            tint(self.detail, "error")
        else:
            tint(self.detail, None)
            if state in labels:
                self.detail.setText(labels[state] + (f" — {message}" if message else ""))
        if state is JobState.DONE:
            self.bar.setValue(1000)
        self.pause_button.setVisible(state in (JobState.QUEUED, JobState.DOWNLOADING))
        self.resume_button.setVisible(state in (JobState.PAUSED, JobState.FAILED))
        self.resume_button.setText(self.tr("Retry") if state is JobState.FAILED
                                   else self.tr("Resume"))
        self.cancel_button.setVisible(state not in (JobState.DONE, JobState.CANCELLED))
        self.load_button.setVisible(state is JobState.DONE)


class DownloadsView(QWidget):
    #: A finished download should be loaded (path of its first file).
    loadRequested = Signal(str)
    #: A download finished and was verified (for the library).
    finished = Signal(str)

    def __init__(self, manager: DownloadManager, events: Relay[DownloadEvent],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("downloadsView")
        self.manager = manager
        self.rows: dict[int, JobRow] = {}
        self.empty = QLabel(self.tr("No downloads. Find models in the “Hugging Face Hub” "
                                    "tab."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._list = QVBoxLayout()
        self._list.addStretch(1)
        inner = QWidget()
        inner.setLayout(self._list)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        events.arrived.connect(self._on_event)
        for snapshot in manager.jobs():
            self._add_snapshot(snapshot)

    def _add_snapshot(self, snapshot: JobSnapshot) -> None:
        row = self._row(snapshot.job_id, snapshot.repo_id, snapshot.filenames)
        if snapshot.total:
            row.set_progress(snapshot.done, snapshot.total, 0.0, None)
        row.set_state(snapshot.state, snapshot.problem)
        row.paths = tuple(str(p) for p in snapshot.paths)

    def _row(self, job_id: int, repo_id: str, filenames: tuple[str, ...]) -> JobRow:
        if job_id not in self.rows:
            row = JobRow(self, job_id, repo_id, filenames)
            self.rows[job_id] = row
            self._list.insertWidget(0, row)
            self.empty.setVisible(False)
        return self.rows[job_id]

    @Slot(object)
    def _on_event(self, event: object) -> None:
        if isinstance(event, JobAdded):
            self._row(event.job_id, event.repo_id, event.filenames).set_state(event.state)
        elif isinstance(event, JobProgress) and event.job_id in self.rows:
            self.rows[event.job_id].set_progress(event.done, event.total, event.speed,
                                                 event.eta)
        elif isinstance(event, JobStateChanged) and event.job_id in self.rows:
            self.rows[event.job_id].set_state(event.state, event.problem)
        elif isinstance(event, JobDone) and event.job_id in self.rows:
            row = self.rows[event.job_id]
            row.paths = tuple(str(p) for p in event.paths)
            row.set_state(JobState.DONE)
            self.finished.emit(str(event.path))

    def act(self, action: Callable[[int], None], job_id: int) -> None:
        try:
            action(job_id)
        except ProsaError as exc:
            QMessageBox.warning(self, self.tr("Downloads"), problem_text(exc))
