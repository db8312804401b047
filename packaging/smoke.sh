#!/usr/bin/env bash
# Smoke test of a build (after `python packaging/build.py`; not part of every CI run):
#   bash packaging/smoke.sh [DIST]           DIST defaults to dist/
# Runs the bundle in an empty environment (env -i: no PYTHONPATH, no virtual environment, a new HOME),
# so it proves the folder needs nothing of this machine's Python:
#   --version, --help; demo, schedule, export (.ics checked), print notice (PDF checked with pdfinfo,
#   pdffonts, pdftotext); the auto-schedule's solver child process (the GUI's path, frozen);
#   the window on the offscreen platform: painted once, and up for 10 s without an error.
# Then, as root on Debian-like systems, the .deb: dpkg -i, `joint-acceptance --version` from the PATH,
# the menu entry and icons in place, the window starting from /opt; dpkg -r leaves nothing of the
# program behind, only the user's data.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST="$(cd "${1:-$ROOT/dist}" && pwd)"
BUNDLE="$DIST/joint-acceptance"
PROGRAM="$BUNDLE/joint-acceptance"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
TODAY=2026-11-30         # the demo's own week, so the figures below do not depend on the date
FAILURES=0

pass() { printf '  ok    %s\n' "$1"; }
fail() { printf '  FAIL  %s\n' "$1"; FAILURES=$((FAILURES + 1)); }
check() {                # check "what" command...: passes when the command succeeds
    local what="$1"; shift
    if "$@" >>"$WORK/log" 2>&1; then pass "$what"; else fail "$what (see below)"; tail -20 "$WORK/log"; fi
}
# An empty environment: what a desktop session on a clean machine would give the program.
CLEAN_ENV=(PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
           XDG_RUNTIME_DIR="$WORK/runtime")
clean() {
    env -i "${CLEAN_ENV[@]}" "$@"
}
mkdir -p "$WORK/home" "$WORK/runtime" && chmod 700 "$WORK/runtime"

[ -x "$PROGRAM" ] || { echo "no bundle at $BUNDLE: run python packaging/build.py first" >&2; exit 2; }
VERSION="$(python3 -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' \
    "$ROOT/pyproject.toml" 2>/dev/null || sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")"

# A strict enough reading of an .ics file without any iCalendar library: CRLF lines, BEGIN/END nested
# and balanced, a VCALENDAR around VEVENTs that each have a UID and a DTSTART.
ics_valid() {
    python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n"), "not a VCALENDAR"
assert b"\n" not in data.replace(b"\r\n", b""), "a line not ended by CRLF"
lines = data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]
stack, events, event = [], 0, set()
for line in lines:
    name, _, value = line.partition(":")
    name = name.split(";")[0]
    if name == "BEGIN":
        stack.append(value); event = set() if value == "VEVENT" else event
    elif name == "END":
        assert stack and stack.pop() == value, f"END:{value} without its BEGIN"
        if value == "VEVENT":
            assert {"UID", "DTSTART"} <= event, f"a VEVENT without UID or DTSTART: {event}"
            events += 1
    elif stack and stack[-1] == "VEVENT":
        event.add(name)
assert not stack, f"unclosed {stack}"
assert events > 0, "no VEVENT"
print(events, "events")
PY
}

echo "Bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
# Every library a bundled binary needs is in the bundle or on this system (run this on the target).
unresolved() {
    local libs="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib" found=0 file
    while IFS= read -r file; do
        case "$file" in */platformthemes/libqxdgdesktopportal*) continue ;; esac
        if LD_LIBRARY_PATH="$libs" ldd "$file" 2>/dev/null | grep -q "not found"; then
            echo "$file:"; LD_LIBRARY_PATH="$libs" ldd "$file" | grep "not found"; found=1
        fi
    done < <(find "$BUNDLE/_internal" -name "*.so*" -type f)
    return "$found"
}
check "every bundled library's dependencies resolve (ldd)" unresolved
clean "$PROGRAM" --version >"$WORK/version.txt" 2>&1 || true
check "--version in an empty environment" grep -qx "joint-acceptance $VERSION" "$WORK/version.txt"
clean "$PROGRAM" --help >"$WORK/help.txt" 2>&1 || true
check "--help" grep -q "usage: joint-acceptance" "$WORK/help.txt"

DB="$WORK/bureau.sqlite"
check "demo" clean "$PROGRAM" demo --db "$DB" --today "$TODAY"
check "schedule" clean "$PROGRAM" schedule --db "$DB" --today "$TODAY" --time-limit 20
clean "$PROGRAM" visit list --db "$DB" --json >"$WORK/visits.json" 2>>"$WORK/log" || true
check "schedule planned visits" python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); assert len(v) > 0, v' \
    "$WORK/visits.json"
check "export" clean "$PROGRAM" export "$WORK/feeds" --db "$DB"
check "export: shared feed is valid iCalendar" ics_valid "$WORK/feeds/joint-acceptance.ics"
check "export: one feed per department" bash -c "ls '$WORK/feeds/departments/'*.ics >/dev/null"
clean "$PROGRAM" --lang en export "$WORK/feeds" --db "$DB" >"$WORK/again.txt" 2>&1 || true
check "export again: nothing rewritten (the fingerprint reads the shipped ical_export.py)" \
    grep -q " 0 file(s) written" "$WORK/again.txt"
check "print notice" clean "$PROGRAM" print notice --from "$TODAY" --to 2026-12-31 --out "$WORK/notices.pdf" \
    --db "$DB"
check "print notice: a PDF with pages" bash -c "pdfinfo '$WORK/notices.pdf' | grep -Eq '^Pages: +[1-9]'"
check "print notice: the bundled font is embedded" bash -c "pdffonts '$WORK/notices.pdf' | grep -q JASNotoSansSC"
check "print notice: Chinese text extracts" bash -c "pdftotext '$WORK/notices.pdf' - | grep -q '联合验收'"
bad_input_exits_2() {   # an unknown project: exit status 2, one line on stderr, no file
    local status=0
    clean "$PROGRAM" print notice NO-SUCH --out "$WORK/x.pdf" --db "$DB" 2>"$WORK/bad.txt" || status=$?
    cat "$WORK/bad.txt"
    [ "$status" -eq 2 ] && [ "$(wc -l <"$WORK/bad.txt")" -eq 1 ] && [ ! -e "$WORK/x.pdf" ]
}
check "bad input: exit 2 with one message" bad_input_exits_2

# The GUI's auto-schedule runs CP-SAT in a child process of this executable (multiprocessing, spawn).
check "demo for the solver child process" clean "$PROGRAM" demo --db "$WORK/child.sqlite" --today "$TODAY"
clean JOINT_ACCEPTANCE_SELF_TEST=schedule "$PROGRAM" --db "$WORK/child.sqlite" --today "$TODAY" \
    >"$WORK/child.txt" 2>&1 || true
check "solver child process (frozen multiprocessing)" grep -q "solver child process ok" "$WORK/child.txt"
cat "$WORK/child.txt"

# The window: painted once (JOINT_ACCEPTANCE_STARTUP_CHECK quits then), and up for 10 s.
check "window: shown and painted, first run loads the demo into the user data folder" \
    clean JOINT_ACCEPTANCE_STARTUP_CHECK=1 timeout 120 "$PROGRAM"
check "window: the demo database is in the user data folder" \
    test -f "$WORK/home/.local/share/joint-acceptance/joint-acceptance.sqlite"
gui_stays_up() {       # gui_stays_up PROGRAM: runs 10 s without exiting or printing a traceback
    # exec, not the function `clean`: a backgrounded function is a subshell, so $! would be the shell and
    # killing it would leave the window running.
    ( exec env -i "${CLEAN_ENV[@]}" "$1" --db "$DB" ) >"$WORK/gui.txt" 2>&1 &
    local pid=$!
    sleep 10
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"; wait "$pid" 2>/dev/null || true
        ! grep -q Traceback "$WORK/gui.txt"
    else
        cat "$WORK/gui.txt"; return 1
    fi
}
check "window (joint-acceptance-app) stays up 10 s" gui_stays_up "$BUNDLE/joint-acceptance-app"
if command -v Xvfb >/dev/null; then     # the real X11 platform plugin, with the system's xcb libraries
    Xvfb :47 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB=$!
    sleep 2
    check "window on X11 (xcb, under Xvfb)" env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 DISPLAY=:47 \
        XDG_RUNTIME_DIR="$WORK/runtime" JOINT_ACCEPTANCE_STARTUP_CHECK=1 timeout 120 "$PROGRAM" --db "$DB"
    kill "$XVFB"; wait "$XVFB" 2>/dev/null || true
fi

# --- the .deb ----------------------------------------------------------------------------------
DEB="$(ls "$DIST"/joint-acceptance_*.deb 2>/dev/null | head -1 || true)"
if [ -z "$DEB" ]; then
    echo "no .deb in $DIST: skipped the package checks"
elif [ "$(id -u)" != 0 ] || ! command -v dpkg >/dev/null; then
    echo "not root on a dpkg system: skipped the package checks of $DEB"
else
    echo "Package: $DEB ($(du -h "$DEB" | cut -f1))"
    check "dpkg -i" dpkg -i "$DEB"
    check "joint-acceptance on the PATH is /usr/bin/joint-acceptance" \
        clean bash -c '[ "$(command -v joint-acceptance)" = /usr/bin/joint-acceptance ]'
    clean joint-acceptance --version >"$WORK/installed-version.txt" 2>&1 || true
    check "installed: joint-acceptance --version" grep -qx "joint-acceptance $VERSION" "$WORK/installed-version.txt"
    check "installed: the menu entry (办公/Office, Chinese name)" \
        grep -q '^Name\[zh_CN\]=联合验收排期$' /usr/share/applications/joint-acceptance.desktop
    check "installed: the menu entry is in Office" \
        grep -q '^Categories=Office;' /usr/share/applications/joint-acceptance.desktop
    if command -v desktop-file-validate >/dev/null; then
        check "installed: desktop-file-validate" desktop-file-validate /usr/share/applications/joint-acceptance.desktop
    fi
    check "installed: icons 16…256 and scalable" bash -c \
        'for s in 16 22 24 32 48 64 128 256; do test -f /usr/share/icons/hicolor/${s}x${s}/apps/joint-acceptance.png || exit 1; done;
         test -f /usr/share/icons/hicolor/scalable/apps/joint-acceptance.svg'
    check "installed: the window starts from the menu entry's command" \
        clean JOINT_ACCEPTANCE_STARTUP_CHECK=1 timeout 120 /opt/joint-acceptance/joint-acceptance-app --db "$DB"
    check "dpkg -r" dpkg -r joint-acceptance
    check "removed: nothing under /opt/joint-acceptance" test ! -e /opt/joint-acceptance
    check "removed: no command, menu entry or icon" bash -c \
        '! ls /usr/bin/joint-acceptance /usr/share/applications/joint-acceptance.desktop \
              /usr/share/icons/hicolor/*/apps/joint-acceptance.* /usr/share/doc/joint-acceptance 2>/dev/null | grep -q .'
    check "removed: the user's data stays" test -f "$WORK/home/.local/share/joint-acceptance/joint-acceptance.sqlite"
fi

if [ "$FAILURES" -gt 0 ]; then
    echo "smoke test: $FAILURES check(s) failed"; exit 1
fi
echo "smoke test: all checks passed"
