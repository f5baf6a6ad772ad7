"""The clipboard, through the platform's own command: `export --copy`.

No library: each desktop already has a command that takes text on standard input. The first one of
the table that is on PATH, and whose display is there (a Wayland or X session), is used; a headless
machine has none, and that is said in one line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from contentkit.base.errors import ClipboardError


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    needs: str  # an environment variable the command needs (its display), or ""
    encoding: str = "utf-8"


# In the order they are tried. clip.exe (Windows, and WSL) reads UTF-16 with a BOM as Unicode text.
COMMANDS: tuple[Command, ...] = (
    Command("wl-copy", (), "WAYLAND_DISPLAY"),
    Command("xclip", ("-selection", "clipboard"), "DISPLAY"),
    Command("xsel", ("--clipboard", "--input"), "DISPLAY"),
    Command("pbcopy", (), ""),
    Command("clip.exe", (), "", "utf-16"),
)

NONE_FOUND = (
    "no clipboard here: none of wl-copy, xclip, xsel, pbcopy or clip.exe is on PATH with a display to "
    "copy to; print the text (or -o FILE) instead"
)


def find(environ: Mapping[str, str]) -> tuple[Command, str] | None:
    """The command to use and its path; None on a machine without one."""
    path = environ.get("PATH", os.defpath)
    for command in COMMANDS:
        if command.needs and not environ.get(command.needs):
            continue
        found = shutil.which(command.name, path=path)
        if found:
            return command, found
    return None


def copy(text: str, environ: Mapping[str, str]) -> str:
    """Put `text` on the clipboard; the name of the command that did. ClipboardError otherwise.

    The command's output is not read: xclip and xsel stay in the background to serve the selection,
    holding any pipe open.
    """
    chosen = find(environ)
    if chosen is None:
        raise ClipboardError(NONE_FOUND)
    command, path = chosen
    try:
        done = subprocess.run(
            [path, *command.args],
            input=text.encode(command.encoding),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ClipboardError(f"{command.name} could not copy: {exc}") from None
    if done.returncode != 0:
        raise ClipboardError(f"{command.name} could not copy (exit {done.returncode}); nothing was copied")
    return command.name
