"""Compile Prosa's one C helper, ``core/engine/llama/native/step_probs.c``.

    python packaging/native.py [--out FILE] [--force]

``./prosa.sh setup`` runs it (it recompiles only when the source is newer than the
library), and ``packaging/build.py`` runs it before freezing, so the installer always
ships a current one (a failed compile stops the package build there).  Without a C
compiler, or when the compile fails, this script says so and exits 0: set-up goes on,
and the app computes token probabilities with numpy, the same numbers, a little slower.

Flags are portable (no ``-march``): the source asks for AVX-512, AVX2 and plain x86-64
copies of its vector loops itself, and the CPU's own is picked when the library loads.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.engine.llama.native import SOURCE, library_path  # noqa: E402

#: -fopenmp-simd: the source's ``omp simd`` reductions vectorize (no OpenMP runtime).
FLAGS = ("-O3", "-fopenmp-simd", "-fPIC", "-shared", "-Wall")
#: The C library's maths (``exp`` and ``log`` of a step's probabilities).
LIBRARIES = ("-lm",)


def compiler() -> list[str] | None:
    """The C compiler to use: ``$CC``, else ``cc``, ``gcc`` or ``clang`` on the path."""
    if os.environ.get("CC"):
        return shlex.split(os.environ["CC"])
    for name in ("cc", "gcc", "clang"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def build(target: Path | None = None, force: bool = False) -> Path | None:
    """Compile the helper to ``target`` (default: beside its source) unless it is up to
    date; return its path, or ``None`` when there is no compiler.  A failed compile
    raises ``subprocess.CalledProcessError``: the source is ours, so that is a bug."""
    target = target or library_path()
    if not force and target.is_file() and target.stat().st_mtime >= SOURCE.stat().st_mtime:
        return target
    cc = compiler()
    if cc is None:
        return None
    partial = target.with_name(target.name + ".partial")
    subprocess.run([*cc, *FLAGS, "-o", str(partial), str(SOURCE), *LIBRARIES], check=True)
    partial.replace(target)  # never a half-written library where the app loads it
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="library path (default: beside the source)")
    parser.add_argument("--force", action="store_true", help="compile even if up to date")
    args = parser.parse_args(argv)
    try:
        built = build(args.out, args.force)
    except subprocess.CalledProcessError as exc:
        # Set-up goes on (the app works without the helper); the tests say it is missing.
        print(f"prosa: compiling the probability helper failed ({exc}); token "
              "probabilities will use numpy", file=sys.stderr)
        return 0
    if built is None:
        print("prosa: no C compiler found; token probabilities will use numpy",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
