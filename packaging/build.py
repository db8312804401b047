"""Build the self-contained program for the computer this runs on, and measure it.

    pip install -e ".[package]"        # PyInstaller, in a virtual environment holding only the program
    python packaging/build.py          # → dist/joint-acceptance/ (+ dist/*.deb on Linux)

One folder, dist/joint-acceptance/, holding Python, the Qt modules the program uses, OR-Tools, the
bundled font, the translations and the demo dataset (packaging/joint-acceptance.spec). Then:
- Linux: a .deb (packaging/linux/): /opt/joint-acceptance, the command `joint-acceptance` on the PATH, a
  .desktop entry in 办公 (Office) with the icon in the hicolor sizes; Depends names the C library the
  bundle needs (the newest GLIBC_ symbol version any of its binaries asks for) and the X11/GL libraries
  Qt's xcb platform loads from the system.
- Windows: the Inno Setup installer from packaging/windows/joint-acceptance.iss when `iscc` is on the
  PATH, otherwise the command to run.
Finally it measures the bundle (size, `--help`, the window's start-up on the demo) and prints the
figures, also written to dist/figures.json. `--no-build` measures and packages an existing folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
NAME = "joint-acceptance"
DISPLAY_NAME = "联合验收排期"
MAINTAINER = "Joint Acceptance Scheduler maintainers <noreply@localhost>"
# What Qt's xcb platform plugin and the bundled Qt libraries load from the system rather than the bundle
# (PyInstaller leaves the C library, X11, GL and fontconfig to the system). Names as on Debian 10 and
# its derivatives (UOS 20, Kylin V10); "a | b" where Debian 13 renamed a package (the t64 transition).
DEB_DEPENDS = [
    "libx11-6", "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0", "libxcb-render-util0", "libxcb-shape0",
    "libxcb-shm0", "libxcb-sync1", "libxcb-xfixes0", "libxcb-xinerama0", "libxcb-xkb1", "libxkbcommon0",
    "libxkbcommon-x11-0", "libfontconfig1", "libfreetype6", "libgl1", "libegl1", "libdbus-1-3",
    "libglib2.0-0 | libglib2.0-0t64", "libcups2 | libcups2t64", "libwayland-client0", "libwayland-cursor0",
    "libwayland-egl1",
]
# The shared libraries those packages (and the C library) provide: the only ones a bundled binary may
# need without the bundle holding them (checked by missing_libraries after every build).
SYSTEM_SONAMES = re.compile(
    r"^(ld-linux(-x86-64|-aarch64)?|libc|libm|libdl|libpthread|librt|libutil|libresolv|libGL|libEGL|libOpenGL"
    r"|libGLX|libX11(-xcb)?|libxcb(-[a-z0-9-]+)?|libxkbcommon(-x11)?|libfontconfig|libfreetype|libdbus-1"
    r"|lib(glib|gio|gobject|gmodule|gthread)-2\.0|libcups|libwayland-(client|cursor|egl))\.so(\.\d+)*$")
# Plugins that load what the system may not have, and that Qt skips when it is missing.
OPTIONAL_PLUGINS = ("platformthemes/libqxdgdesktopportal",)
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(str(part) for part in command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


# --- the folder -------------------------------------------------------------------------------
def build_bundle(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit('PyInstaller is not installed: pip install -e ".[package]"')
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / "joint-acceptance.spec")])
    bundle = dist / NAME
    if os.name != "nt":
        strip_binaries(bundle / "_internal")
        (bundle / f"{NAME}-app").symlink_to(NAME)      # the window's entry point: the same program
    return bundle


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def elf_files(folder: Path):
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as file:
                if file.read(4) == b"\x7fELF":
                    yield path


def missing_libraries(folder: Path) -> dict[str, list[str]]:
    """Libraries some bundled binary needs that are neither in the bundle nor provided by the Depends."""
    bundled = {path.name for path in folder.rglob("*")}
    missing: dict[str, list[str]] = {}
    for path in elf_files(folder):
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
        for name in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic):
            if name not in bundled and not SYSTEM_SONAMES.match(name):
                missing.setdefault(name, []).append(str(path.relative_to(folder)))
    return missing


def strip_binaries(folder: Path) -> None:
    """Drop debug symbols where that is safe: PyInstaller's all-or-nothing strip breaks the libraries
    that auditwheel rewrote with patchelf (numpy's OpenBLAS: "ELF load command address/offset not
    page-aligned"). Those are the ones in a *.libs folder or with an $ORIGIN run path; the Python built
    with debug symbols (libpython: 23 MB → 5 MB) and plain extension modules are not."""
    if shutil.which("strip") is None:
        return
    for path in elf_files(folder):
        if any(part.endswith(".libs") for part in path.parts):
            continue
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
        if "$ORIGIN" in dynamic:
            continue
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)


def glibc_needed(folder: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle asks for (None on other systems)."""
    newest: tuple[int, ...] = ()
    for path in elf_files(folder):
        data = path.read_bytes()
        for found in re.findall(rb"GLIBC_(2\.\d+(?:\.\d+)?)\x00", data):
            newest = max(newest, tuple(int(part) for part in found.decode().split(".")))
    return ".".join(map(str, newest)) if newest else None


# --- Linux: the .deb --------------------------------------------------------------------------
def deb_architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def build_deb(bundle: Path, dist: Path, version: str, glibc: str | None) -> Path:
    architecture = deb_architecture()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "root"
        opt = root / "opt" / NAME
        shutil.copytree(bundle, opt, symlinks=True)
        launcher = root / "usr" / "bin" / NAME
        launcher.parent.mkdir(parents=True)
        launcher.symlink_to(f"/opt/{NAME}/{NAME}")
        applications = root / "usr" / "share" / "applications"
        applications.mkdir(parents=True)
        shutil.copy(PACKAGING / "linux" / f"{NAME}.desktop", applications / f"{NAME}.desktop")
        icons = ROOT / "resources" / "icons"
        for size in HICOLOR_SIZES:
            target = root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
            target.mkdir(parents=True)
            shutil.copy(icons / f"{NAME}-{size}.png", target / f"{NAME}.png")
        scalable = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
        scalable.mkdir(parents=True)
        shutil.copy(icons / f"{NAME}.svg", scalable / f"{NAME}.svg")
        docs = root / "usr" / "share" / "doc" / NAME
        docs.mkdir(parents=True)
        shutil.copy(ROOT / "resources" / "fonts" / "OFL.txt", docs / "OFL-JAS-Noto-Sans-SC.txt")

        control = root / "DEBIAN"
        control.mkdir()
        depends = ([f"libc6 (>= {glibc})"] if glibc else []) + DEB_DEPENDS
        installed_kb = folder_size(root) // 1024
        (control / "control").write_text(
            f"Package: {NAME}\nVersion: {version}\nArchitecture: {architecture}\nMaintainer: {MAINTAINER}\n"
            f"Installed-Size: {installed_kb}\nDepends: {', '.join(depends)}\n"
            f"Section: misc\nPriority: optional\n"
            f"Description: {DISPLAY_NAME} — joint acceptance scheduler\n"
            " Plans joint on-site completion-acceptance visits for a district administrative\n"
            " approval bureau, publishes them as iCal feeds and prints the owners' notices.\n"
            " Self-contained: Python, Qt and OR-Tools are bundled under /opt/joint-acceptance.\n",
            encoding="utf-8")
        for script in ("postinst", "postrm"):
            shutil.copy(PACKAGING / "linux" / script, control / script)
            (control / script).chmod(0o755)
        for path in [root, *root.rglob("*")]:     # dpkg wants no group/other write bits
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o022)
        deb = dist / f"{NAME}_{version}_{architecture}.deb"
        threads = []      # dpkg 1.21+ compresses on several cores when asked (Debian 10's dpkg cannot)
        if "--threads-max" in subprocess.run(["dpkg-deb", "--help"], capture_output=True, text=True).stdout:
            threads = [f"--threads-max={os.cpu_count() or 1}"]
        run(["dpkg-deb", "--root-owner-group", "-Zxz", *threads, "--build", str(root), str(deb)],
            stdout=subprocess.DEVNULL)
    return deb


# --- Windows: the Inno Setup installer ----------------------------------------------------------
def build_windows_installer(bundle: Path, dist: Path, version: str) -> Path | None:
    script = PACKAGING / "windows" / f"{NAME}.iss"
    command = ["iscc", f"/DAppVersion={version}", f"/DBundleDir={bundle}", f"/DOutputDir={dist}", str(script)]
    if shutil.which("iscc") is None:
        print("Inno Setup's iscc is not on the PATH; to make the installer run:\n  " + " ".join(command))
        return None
    run(command)
    return dist / f"{NAME}-{version}-setup.exe"


# --- measuring ----------------------------------------------------------------------------------
def clean_environment(home: Path) -> dict[str, str]:
    """What a desktop session gives the program, and nothing of this Python's (no PYTHONPATH)."""
    path = "/usr/bin:/bin" if os.name != "nt" else os.environ["PATH"]
    environment = {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                   "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share")}
    for key in ("SYSTEMROOT", "LOCALAPPDATA", "APPDATA", "USERPROFILE", "TEMP", "TMP"):
        if key in os.environ:
            environment[key] = os.environ[key] if key not in ("LOCALAPPDATA", "APPDATA") else str(home)
    return environment


def timed(command: list[str], environment: dict[str, str], timeout: float = 120) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=timeout)
    return time.perf_counter() - started


def evict_from_page_cache(folder: Path) -> bool:
    """Make the next start read the bundle from disk, as after a reboot (Linux: posix_fadvise).

    Only the bundle's own files: the system's libraries stay cached, as they are on a desktop in use.
    """
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)
    return True


def measure(bundle: Path, deb: Path | None, glibc: str | None) -> dict:
    """Sizes, and wall-clock times of the bundle in an empty environment: cold (the bundle's files
    evicted from the page cache) and warm (median of five)."""
    program = str(bundle / (NAME + (".exe" if os.name == "nt" else "")))
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        environment = clean_environment(home)
        window = {**environment, "JOINT_ACCEPTANCE_STARTUP_CHECK": "1"}   # quits once painted
        demo = home / "demo.sqlite"
        timed([program, "demo", "--db", str(demo)], environment)
        cold = evict_from_page_cache(bundle)
        help_cold = timed([program, "--help"], environment)
        help_warm = [timed([program, "--help"], environment) for _ in range(5)]
        evict_from_page_cache(bundle)
        window_cold = timed([program, "--db", str(demo)], window)
        window_warm = [timed([program, "--db", str(demo)], window) for _ in range(5)]
        # A clerk's very first start: no database yet, so it loads the demo into the user data folder.
        first_start = timed([program], window)
    return {
        "bundle_mb": round(folder_size(bundle) / 1e6, 1),
        "deb_mb": round(deb.stat().st_size / 1e6, 1) if deb else None,
        "help_s_cold" if cold else "help_s_first": round(help_cold, 2),
        "help_s_warm_median": round(statistics.median(help_warm), 2),
        "window_on_the_demo_s_cold" if cold else "window_on_the_demo_s_first": round(window_cold, 2),
        "window_on_the_demo_s_warm_median": round(statistics.median(window_warm), 2),
        "window_first_start_loading_the_demo_s": round(first_start, 2),
        "glibc_needed": glibc,
        "python": sys.version.split()[0],
        "pyside6": __import__("PySide6").__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--no-build", action="store_true", help="package and measure an existing dist/joint-acceptance")
    parser.add_argument("--no-deb", action="store_true", help="Linux: do not make the .deb")
    args = parser.parse_args(argv)

    version = project_version()
    started = time.perf_counter()
    bundle = args.dist / NAME if args.no_build else build_bundle(args.dist, args.work)
    build_seconds = time.perf_counter() - started
    glibc = None
    if sys.platform.startswith("linux"):
        glibc = glibc_needed(bundle)
        missing = {name: users for name, users in missing_libraries(bundle).items()
                   if not all(any(plugin in user for plugin in OPTIONAL_PLUGINS) for user in users)}
        if missing:
            for name, users in sorted(missing.items()):
                print(f"missing: {name}, needed by {', '.join(users[:3])}", file=sys.stderr)
            sys.exit("the bundle needs libraries that are neither bundled nor in the .deb's Depends")
    deb = None
    started = time.perf_counter()
    if sys.platform.startswith("linux") and not args.no_deb:
        deb = build_deb(bundle, args.dist, version, glibc)
    elif sys.platform == "win32":
        build_windows_installer(bundle, args.dist, version)
    package_seconds = time.perf_counter() - started
    figures = {"version": version, "build_s": round(build_seconds, 1), "package_s": round(package_seconds, 1),
               **measure(bundle, deb, glibc)}
    (args.dist / "figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\n{bundle}  ({figures['bundle_mb']} MB unpacked)" + (f"\n{deb}  ({figures['deb_mb']} MB)" if deb else ""))
    for key, value in figures.items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
