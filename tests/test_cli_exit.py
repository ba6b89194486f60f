"""The program's own run ends with os._exit() after flushing the standard
streams (btfkit_cli.main._exit_now: the interpreter's teardown was 3-8 ms
of a small command).  Nothing written may be lost and the exit status must
be the command's, whatever the output: a file, a pipe closed early, stderr."""

from __future__ import annotations

import io
import subprocess
import sys

from btfkit_cli.main import main


def _program(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "btfkit", *args], capture_output=True, **kw)


def test_big_output_is_whole(frozen_vmlinux, tmp_path):
    """Megabytes through a block-buffered stdout (a file) and a pipe: the
    same bytes as main() writes in this process."""
    out = io.StringIO()
    assert main(["dump", str(frozen_vmlinux), "--format", "raw"], out, io.StringIO()) == 0
    want = out.getvalue().encode()
    assert len(want) > 1 << 20
    piped = _program("dump", str(frozen_vmlinux), "--format", "raw")
    assert piped.returncode == 0 and piped.stdout == want and piped.stderr == b""
    target = tmp_path / "raw.txt"
    with open(target, "wb") as f:
        rc = subprocess.run([sys.executable, "-m", "btfkit", "dump", str(frozen_vmlinux), "--format", "raw"],
                            stdout=f).returncode
    assert rc == 0 and target.read_bytes() == want


def test_statuses_and_stderr(tmp_path):
    missing = tmp_path / "missing.btf"
    bad = _program("dump", str(missing))
    assert bad.returncode == 1 and bad.stdout == b""
    assert bad.stderr.decode().splitlines() == [f"btfkit: error: {missing}: no such file"]
    usage = _program("no-such-command")
    assert usage.returncode == 2 and usage.stderr.startswith(b"btfkit: ")


def test_reader_gone(frozen_vmlinux):
    """`btfkit dump | head -1`: the reader closes the pipe; exit 0, nothing on stderr."""
    run = subprocess.run(f"{sys.executable} -m btfkit dump {frozen_vmlinux} --format raw | head -n 1; "
                         "echo status ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                         capture_output=True, text=True)
    lines = run.stdout.splitlines()
    assert lines[0].startswith("[1] ") and lines[-1] == "status 0", run.stdout
    assert run.stderr == ""


def test_views_to_a_file(frozen_vmlinux, tmp_path):
    """Each view's whole text through a block-buffered stdout."""
    for args in (["info", str(frozen_vmlinux)], ["find", str(frozen_vmlinux), "task_*"],
                 ["tree", str(frozen_vmlinux), "task_struct"], ["layout", str(frozen_vmlinux), "sk_buff"]):
        out = io.StringIO()
        assert main(args, out, io.StringIO()) == 0
        target = tmp_path / "out.txt"
        with open(target, "wb") as f:
            assert subprocess.run([sys.executable, "-m", "btfkit", *args], stdout=f).returncode == 0
        assert target.read_text() == out.getvalue(), args
