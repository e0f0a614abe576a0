"""Helpers shared by run-peers.py and run-io.py: shell calls, the Python interpreters used for the asyncio and
uvloop peers, and the machine line every result table starts with."""

import os
import platform
import re
import shutil
import subprocess
import sys

PYENV_ROOT = os.path.expanduser("~/.pyenv/versions")
SYSTEM_PYTHON = "/usr/bin/python3"


def sh(cmd, **kw):
    return subprocess.run(cmd, text=True, capture_output=True, **kw)


def compile_c_peer(source, output, libraries=(), hint=""):
    """cc -O2 one peer; exits with the compiler's message (and `hint`) if it fails."""
    os.makedirs(os.path.dirname(output), exist_ok=True)
    result = sh(["cc", "-O2", "-o", output, source] + list(libraries))
    if result.returncode != 0:
        sys.exit(f"cc {os.path.basename(source)} failed{hint}:\n{result.stderr}")


def dotnet_build_release(project, label):
    """dotnet build -c Release of one project; exits with the build's output if it fails."""
    print(f"building {label} (Release) ...", file=sys.stderr, flush=True)
    result = sh(["dotnet", "build", project, "-c", "Release", "-nologo", "-v", "q"])
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


def newest_pyenv_python():
    if not os.path.isdir(PYENV_ROOT):
        return shutil.which("python3")
    versions = [v for v in os.listdir(PYENV_ROOT) if re.fullmatch(r"3\.\d+\.\d+", v)]
    if not versions:
        return shutil.which("python3")
    newest = max(versions, key=lambda v: tuple(int(p) for p in v.split(".")))
    return os.path.join(PYENV_ROOT, newest, "bin", "python3")


def ensure_uvloop():
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    if sh([SYSTEM_PYTHON, "-c", "import uvloop"]).returncode == 0:
        return True
    print("uvloop missing: apt-get install -y python3-uvloop", file=sys.stderr)
    if os.geteuid() == 0:
        subprocess.run("apt-get update -qq && apt-get install -y -qq python3-uvloop", shell=True,
                       stdout=subprocess.DEVNULL)
    return sh([SYSTEM_PYTHON, "-c", "import uvloop"]).returncode == 0


def machine_line():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for row in f:
                if row.startswith("model name"):
                    model = row.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    dotnet = sh(["dotnet", "--version"]).stdout.strip()
    return f"machine: nproc={os.cpu_count()} cpu=\"{model}\" dotnet={dotnet} kernel={platform.release()}"


def load_average():
    """The 1-minute load average: on a shared 2-core machine it says how much the figures are disturbed."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def publish(text, markdown_path):
    """Prints a run's report and, when asked, writes it to a Markdown file as well."""
    print(text)
    if markdown_path:
        with open(markdown_path, "w") as f:
            f.write(text)
