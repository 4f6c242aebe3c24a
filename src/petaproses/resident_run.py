"""How `petaproses siaga` (resident.py) runs one command in its own process, in the command's working folder:
a `check`'s output gathered and sent whole, a `build`'s sent piece by piece as it is written."""

from __future__ import annotations

import os


def run_check(command, argv: list[str], cwd: str, reply) -> None:
    """Run the `check` command line ``argv`` with ``command`` (cli.main) in folder ``cwd``; hand its exit code and
    output to ``reply`` (the check caches it wrote are put off: ``serve`` writes them when idle)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    home = os.getcwd()
    try:
        os.chdir(cwd)
    except OSError:
        reply({"rc": None})
        return
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = command(argv)
            except SystemExit as exc:  # argparse on a usage error
                rc = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(home)
    reply({"rc": rc, "out": out.getvalue(), "err": err.getvalue()})


class _Stream:
    """A build's standard output or error inside siaga: each write goes to the waiting command at once.  When
    the command is gone (interrupted), the build is interrupted as Ctrl+C would (once); later writes are lost."""

    def __init__(self, send, name: str, tty: bool, gone: list) -> None:
        self._send, self._name, self._tty, self._gone = send, name, tty, gone
        self._held: list[str] = []  # a line's pieces (print writes the text, then its end): sent as one

    def write(self, text: str) -> int:
        self._held.append(text)
        if "\n" in text or "\r" in text:
            self.flush()
        return len(text)

    def flush(self) -> None:
        text, self._held = "".join(self._held), []
        if text and not self._gone:
            try:
                self._send({self._name: text})
            except OSError:
                self._gone.append(True)
                raise KeyboardInterrupt from None

    def isatty(self) -> bool:
        return self._tty

    def writable(self) -> bool:
        return True

    encoding = "utf-8"
    errors = "strict"


def run_streamed(command, argv: list[str], cwd: str, env: dict, tty: bool, send) -> None:
    """Run the `build` command line ``argv`` with ``command`` (cli.main) in folder ``cwd`` with the variables
    ``env``; ``send`` each piece of its output as it is written, then its exit code."""
    import contextlib

    gone: list = []
    home, before = os.getcwd(), {name: os.environ.get(name) for name in env}
    try:
        os.chdir(cwd)
    except OSError:
        send({"rc": None})
        return
    _set_env(env)
    out, err = _Stream(send, "out", False, gone), _Stream(send, "err", tty, gone)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                try:
                    rc = command(argv)
                except SystemExit as exc:  # argparse on a usage error
                    rc = exc.code if isinstance(exc.code, int) else 2
                out.flush()
                err.flush()
            except KeyboardInterrupt:
                if not gone:  # siaga itself was stopped (Ctrl+C, SIGTERM): serve stops after this
                    raise
                rc = 130
    finally:
        os.chdir(home)
        _set_env(before)
    if not gone:
        send({"rc": rc})


def _set_env(values: dict) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


__all__ = ["run_check", "run_streamed"]
