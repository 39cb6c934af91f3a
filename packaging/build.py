"""Build Prosa's installable artefacts: the one-folder app, a .deb and a portable .tar.gz.

    python packaging/build.py [--out DIR] [--only app|deb|tar ...]

Steps: stage what the frozen app cannot find by itself (version, licences, starter
model), run PyInstaller on ``packaging/prosa.spec``, then on Linux wrap the folder as a
Debian package (``dpkg-deb``, no root needed: files are recorded as owned by root) and
as a ``.tar.gz``.  Each artefact's path and size is printed at the end, one per line.

Windows (Inno Setup) and macOS (.app and .dmg) use the same spec; their steps are in
``packaging/windows`` and ``packaging/macos`` and run on those systems' CI runners.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from native import build as build_native  # noqa: E402  (packaging/native.py)

from core.about.licences import collect, write_bundled  # noqa: E402
from core.about.version import BUILD_INFO_FILE, pyproject_version  # noqa: E402
from core.models.library import STARTER_FILE, starter_model_path  # noqa: E402

#: Debian packages the bundled Qt needs from the system (X11/Wayland, GL, fonts); the
#: rest (Qt, Python, llama.cpp, OpenMP) is inside the package.
DEB_DEPENDS = (
    "libc6 (>= 2.31)", "libegl1", "libgl1", "libopengl0", "libxkbcommon0",
    "libxkbcommon-x11-0", "libfontconfig1", "libfreetype6", "libdbus-1-3",
    "libglib2.0-0t64 | libglib2.0-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
    "libxcb-shape0", "libxcb-xinerama0", "libxcb-randr0", "libxcb-render-util0",
    "libxcb-image0", "libxcb-xkb1", "libx11-xcb1", "libwayland-client0", "libwayland-cursor0",
    "libwayland-egl1", "fonts-dejavu-core | fonts-liberation2",
)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
INSTALL_PREFIX = "opt/prosa"


def log(text: str) -> None:
    print(f"==> {text}", file=sys.stderr, flush=True)


def stage(folder: Path, version: str) -> Path:
    """Files the frozen app reads from its install folder."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "models").mkdir(parents=True)
    stamp = Path(sys.prefix) / ".prosa-llama-build"
    info = {
        "version": version,
        "built_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "llama_cmake_args": stamp.read_text().strip() if stamp.is_file() else "",
        "platform": f"{platform.system()} {platform.machine()}",
    }
    (folder / BUILD_INFO_FILE).write_text(json.dumps(info, indent=1), encoding="utf-8")
    write_bundled(folder, collect())
    svg = ROOT / "resources" / "icons" / "prosa.svg"
    if sys.platform == "win32":  # the .exe's icon, and the installer's
        (folder / "prosa.ico").write_bytes(render_icons(svg, (256,), "ICO")[256])
    elif sys.platform == "darwin":
        mac_icon(svg, folder / "prosa.icns")
    starter = starter_model_path()
    if starter is None:
        raise SystemExit("build: the starter model is not installed (run ./prosa.sh setup)")
    target = folder / "models" / STARTER_FILE
    try:
        os.link(starter, target)  # no copy of 98 MB where a link will do
    except OSError:
        shutil.copy2(starter, target)
    return folder


def freeze(out: Path, staged: Path, version: str) -> Path:
    work = out / "work"
    dist = out / "dist"
    env = {**os.environ, "PROSA_STAGE": str(staged), "PROSA_VERSION": version}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work),
                    str(ROOT / "packaging" / "prosa.spec")], check=True, env=env, cwd=ROOT)
    app = dist / "prosa"
    if not (app / executable_name()).is_file():
        raise SystemExit(f"build: PyInstaller made no {app / executable_name()}")
    return app


def executable_name() -> str:
    return "prosa.exe" if sys.platform == "win32" else "prosa"


def render_icons(svg: Path, sizes: tuple[int, ...], kind: str = "PNG") -> dict[int, bytes]:
    """Renderings of the SVG icon (PNG, or ICO on Windows), by Qt's own SVG renderer."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    images: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 takes the format as str at run time, though its stubs say bytes.
        image.save(buffer, kind)  # type: ignore[call-overload]
        images[size] = bytes(buffer.data().data())
    del _app
    return images


def mac_icon(svg: Path, target: Path) -> None:
    """A macOS .icns from the SVG, through ``iconutil`` (part of macOS)."""
    iconset = target.with_suffix(".iconset")
    iconset.mkdir(parents=True, exist_ok=True)
    pngs = render_icons(svg, (16, 32, 64, 128, 256, 512, 1024))
    for size in (16, 32, 128, 256, 512):
        (iconset / f"icon_{size}x{size}.png").write_bytes(pngs[size])
        (iconset / f"icon_{size}x{size}@2x.png").write_bytes(pngs[size * 2])
    subprocess.run(["iconutil", "-c", "icns", str(iconset), "-o", str(target)], check=True)
    shutil.rmtree(iconset)


def windows_installer(app: Path, out: Path, staged: Path, version: str) -> Path:
    """Inno Setup's ``iscc`` turns the folder into one setup program."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        raise SystemExit("build: Inno Setup's iscc is not on PATH")
    subprocess.run([iscc, f"/DAppVersion={version}", f"/DSourceDir={app}",
                    f"/DOutputDir={out}", f"/DIconFile={staged / 'prosa.ico'}",
                    str(ROOT / "packaging" / "windows" / "prosa.iss")], check=True)
    return out / f"Prosa-{version}-setup.exe"


def mac_disk_image(out: Path, version: str) -> Path:
    image = out / f"Prosa-{version}.dmg"
    subprocess.run([str(ROOT / "packaging" / "macos" / "make_dmg.sh"),
                    str(out / "dist" / "Prosa.app"), str(image)], check=True)
    return image


def deb_architecture() -> str:
    done = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=False)
    if done.returncode == 0 and done.stdout.strip():
        return done.stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def debian_package(app: Path, out: Path, version: str) -> Path:
    """``/opt/prosa`` with a ``prosa`` command, a menu entry, icons and the ``.gguf`` type."""
    root = out / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(app, root / INSTALL_PREFIX, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    # Relative, so the launcher also works from a package unpacked anywhere.
    (bin_dir / "prosa").symlink_to(Path("../..") / INSTALL_PREFIX / "prosa")
    share = root / "usr" / "share"
    linux = ROOT / "resources" / "linux"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(linux / "prosa.desktop", share / "applications" / "prosa.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(linux / "prosa-gguf.xml", share / "mime" / "packages" / "prosa.xml")
    svg = ROOT / "resources" / "icons" / "prosa.svg"
    for size, png in render_icons(svg, ICON_SIZES).items():
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / "prosa.png").write_bytes(png)
    (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(svg, share / "icons" / "hicolor" / "scalable" / "apps" / "prosa.svg")
    doc = share / "doc" / "prosa"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Prosa is under the MIT licence. It bundles Qt (LGPL-3.0), llama.cpp (MIT), Python\n"
        "(PSF-2.0), the SmolLM2 model (Apache-2.0) and Python packages under their own\n"
        f"licences; every notice is in /{INSTALL_PREFIX}/_internal/licences.json and in\n"
        "Prosa's Help > About > Licences.\n", encoding="utf-8")
    installed_kb = sum(p.stat().st_size for p in root.rglob("*")
                       if p.is_file() and not p.is_symlink()) // 1024
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: prosa\nVersion: {version}\nSection: utils\nPriority: optional\n"
        f"Architecture: {deb_architecture()}\nInstalled-Size: {installed_kb}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        "Maintainer: The Prosa authors <prosa@localhost>\n"
        "Description: private, offline chat with local language models\n"
        " Prosa chats with GGUF language models on your own computer through llama.cpp,\n"
        " formats conversations with each model's own chat template, and shows the exact\n"
        " prompt, tokens and probabilities. A small starter model is included, so it\n"
        " works without a network from the first launch.\n", encoding="utf-8")
    package = out / f"prosa_{version}_{deb_architecture()}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(root),
                    str(package)], check=True, capture_output=True)
    shutil.rmtree(root)
    return package


def tarball(app: Path, out: Path, version: str) -> Path:
    """The same folder as a portable archive (``touch portable`` beside the binary keeps
    the data beside it too)."""
    name = f"prosa-{version}-{platform.system().lower()}-{platform.machine()}"
    archive = out / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname=name)
    return archive


def human(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "package"),
                        help="output folder (default: build/package)")
    parser.add_argument("--only", action="append",
                        choices=("app", "deb", "tar", "installer"),
                        help="build only these (repeatable; default: all this system can)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only or ("app", "deb", "tar", "installer"))
    version = pyproject_version(ROOT / "pyproject.toml")
    started = time.monotonic()
    log("Staging version, licences and the starter model")
    staged = stage(out / "stage", version)
    log("Compiling the probability helper")
    if build_native() is None:
        log("No C compiler: the app will compute token probabilities with numpy")
    log("Freezing the app with PyInstaller")
    app = freeze(out, staged, version)
    artefacts = [app]
    linux = sys.platform.startswith("linux")
    if "deb" in wanted and linux and shutil.which("dpkg-deb"):
        log("Building the Debian package")
        artefacts.append(debian_package(app, out, version))
    if "tar" in wanted and linux:
        log("Building the portable archive")
        artefacts.append(tarball(app, out, version))
    if "installer" in wanted and sys.platform == "win32":
        log("Building the Windows installer")
        artefacts.append(windows_installer(app, out, staged, version))
    if "installer" in wanted and sys.platform == "darwin":
        log("Building the macOS disk image")
        artefacts.append(mac_disk_image(out, version))
    log(f"Done in {time.monotonic() - started:.0f} s")
    for artefact in artefacts:
        size = (sum(p.stat().st_size for p in artefact.rglob("*")
                    if p.is_file() and not p.is_symlink())
                if artefact.is_dir() else artefact.stat().st_size)
        print(f"{artefact}\t{human(size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
