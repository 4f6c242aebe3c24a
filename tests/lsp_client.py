"""A minimal Language Server Protocol client over stdio: enough to ask yaml-language-server what VS Code's
YAML extension would show (diagnostics, completion) for a file."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path


class LspClient:
    def __init__(self, command: list[str], root: Path):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings}})

    settings = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}

    def _read(self) -> None:
        try:
            self._read_messages()
        except (OSError, ValueError):  # the stream was closed by close()
            return

    def _read_messages(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers = {}
            while (line := out.readline()) not in (b"\r\n", b"\n"):
                if not line:
                    return
                key, _, value = line.decode("ascii").partition(":")
                headers[key.lower()] = value.strip()
            self.messages.put(json.loads(out.read(int(headers["content-length"]))))

    def _send(self, message: dict) -> None:
        data = json.dumps(message).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        rid = self.next_id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)["result"]

    def wait(self, wanted, timeout: float = 60.0) -> dict:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                m = self.messages.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if "method" in m and "id" in m:  # the server asks: settings, or nothing to say
                items = m.get("params", {}).get("items", [])
                result = [self.settings for _ in items] if m["method"] == "workspace/configuration" else None
                self._send({"jsonrpc": "2.0", "id": m["id"], "result": result})
            elif wanted(m):
                return m
        raise TimeoutError("the language server did not answer")

    def open(self, path: Path) -> list[dict]:
        """Open ``path``; return its diagnostics."""
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "yaml",
                                                              "version": 1, "text": path.read_text(encoding="utf-8")}})
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == path.as_uri())
        return found["params"]["diagnostics"]

    def change(self, path: Path) -> list[dict]:
        """Send the whole text of ``path`` as its next version; return its diagnostics."""
        self.version = getattr(self, "version", 1) + 1
        self.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": self.version},
                                               "contentChanges": [{"text": path.read_text(encoding="utf-8")}]})
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == path.as_uri())
        return found["params"]["diagnostics"]

    def complete(self, path: Path, line: int, character: int) -> list[str]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()},
                                                          "position": {"line": line, "character": character}})
        items = result["items"] if isinstance(result, dict) else result or []
        return [item["label"] for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(5)
        except Exception:
            self.proc.kill()
            self.proc.wait(5)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
