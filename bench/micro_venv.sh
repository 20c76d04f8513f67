#!/usr/bin/env bash
# Creates the Python venv of the microstructure benchmarks (idempotent):
# TauFactor 2 (with a CPU build of torch), scipy + pyamg (the independent
# reference solve), tifffile (reads the TIFFs ionpath writes).
#   bash bench/micro_venv.sh            # venv in /work/venvs/micro
#   MICRO_VENV=/some/dir bash bench/micro_venv.sh
# Never a CI dependency.
set -euo pipefail
VENV="${MICRO_VENV:-/work/venvs/micro}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
missing=()
"$PY" -c "import numpy" 2>/dev/null || missing+=(numpy)
"$PY" -c "import scipy" 2>/dev/null || missing+=(scipy)
"$PY" -c "import pyamg" 2>/dev/null || missing+=(pyamg)
"$PY" -c "import tifffile" 2>/dev/null || missing+=(tifffile)
"$PY" -c "import psutil" 2>/dev/null || missing+=(psutil)
"$PY" -c "import imagecodecs" 2>/dev/null || missing+=(imagecodecs)
"$PY" -c "import taufactor" 2>/dev/null || missing+=(taufactor matplotlib ipython)
if [ ${#missing[@]} -gt 0 ]; then
  "$VENV/bin/pip" install --quiet "${missing[@]}"
fi
"$PY" -c "import taufactor, torch, scipy, pyamg, tifffile; print('taufactor', getattr(taufactor, '__version__', '?'), 'torch', torch.__version__, 'scipy', scipy.__version__, 'pyamg', pyamg.__version__)"
