"""The real program in a real terminal: tmux runs it, we read the pane.

What a person sees: the tree with unicode guides, colour escapes on the
terminal (and none with NO_COLOR), the layout's tabs expanded at 8 columns,
and no progress or error noise.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from conftest import CORPORA, ROOT

BITFIELDS = CORPORA / "c_cases" / "case_bitfields.bpfel.o"


@pytest.fixture
def tmux():
    exe = shutil.which("tmux")
    if not exe:
        pytest.skip("tmux is not installed: apt-get install tmux")
    name = f"btfkit-{uuid.uuid4().hex[:8]}"
    sock = f"btfkit-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    base = [exe, "-L", sock]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX")}
    env["TERM"] = "xterm-256color"
    subprocess.run(base + ["new-session", "-d", "-s", name, "-x", "100", "-y", "40", "bash", "--norc", "--noprofile"],
                   check=True, env=env)

    def run_in_pane(command: str, *, escapes: bool = False, timeout: float = 20.0) -> str:
        # the markers are split by quotes as typed, so only the shell's
        # output matches them exactly, however the typed line wraps (a
        # long checkout path makes it wrap)
        tag = uuid.uuid4().hex[:6]
        start_m, end_m = f"__start_{tag}__", f"__done_{tag}__"
        subprocess.run(base + ["send-keys", "-t", name, "clear", "Enter"], check=True)
        time.sleep(0.2)
        typed = f"echo __start_''{tag}__; {command}; echo __done_''{tag}__"
        subprocess.run(base + ["send-keys", "-t", name, typed, "Enter"], check=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            out = subprocess.run(base + ["capture-pane", "-p", "-t", name] + (["-e"] if escapes else []),
                                 capture_output=True, text=True, check=True).stdout
            lines = out.splitlines()
            plain = [re.sub(r"\x1b\[[0-9;]*m", "", ln).strip() for ln in lines]
            if end_m in plain and start_m in plain:
                start = plain.index(start_m) + 1
                end = plain.index(end_m)
                return "\n".join(lines[start:end]) + "\n"
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {command!r}; pane:\n{out}")

    try:
        yield run_in_pane
    finally:
        subprocess.run(base + ["kill-server"], capture_output=True)


def cmd(*args: str, env: str = "") -> str:
    py = shlex.quote(sys.executable)
    return f"cd {shlex.quote(str(ROOT))} && {env}{py} -m btfkit_cli.main " + " ".join(shlex.quote(a) for a in args)


def test_tree_in_a_terminal(tmux):
    seen = tmux(cmd("tree", str(BITFIELDS), "flags_mixed_base"))
    assert seen == """\
struct flags_mixed_base  size 16  id 5
├──    0:0   3 bits  char c:3
├──    0:3   9 bits  short s:9
├──    1:4  17 bits  int i:17
├──    3:5  33 bits  long long ll:33
├──    7:6   2 bits  unsigned char uc:2
└──    8:0    1 bit  _Bool b:1
"""
    coloured = tmux(cmd("tree", str(BITFIELDS), "flags_mixed_base"), escapes=True)
    assert "\x1b[" in coloured  # colour on a terminal
    plain = tmux(cmd("tree", str(BITFIELDS), "flags_mixed_base", env="NO_COLOR=1 "), escapes=True)
    assert "\x1b[" not in plain
    piped = tmux(cmd("tree", str(BITFIELDS), "flags_mixed_base") + " | cat", escapes=True)
    assert "\x1b[" not in piped and piped == seen


def test_layout_in_a_terminal(tmux):
    # what pahole prints, as a terminal shows it (tabs every 8 columns)
    import btfkit
    from btfkit.layout import format_pahole

    btf = btfkit.load(str(BITFIELDS))
    want = format_pahole(btf, btf.find("flags_then_fields")[0]).expandtabs(8)
    seen = tmux(cmd("layout", str(BITFIELDS), "flags_then_fields"))
    assert seen == want
    assert "        /* XXX 9 bits hole, try to pack */\n        /* XXX 4 bytes hole, try to pack */\n" in seen
    coloured = tmux(cmd("layout", str(BITFIELDS), "flags_then_fields"), escapes=True)
    # tmux re-encodes escapes cell by cell: look for red before the first hole
    first_hole = coloured.index("/* XXX 4 bits hole")
    assert "31m" in coloured[:first_hole]
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == seen
    if shutil.which("pahole"):
        ref = subprocess.run(["pahole", "-F", "btf", "-C", "flags_then_fields", str(BITFIELDS)],
                             capture_output=True, text=True).stdout
        assert seen == ref.expandtabs(8)
