"""Checks on the committed sources that neither ruff nor the tests see (`manage.py check_sources`).

- **Conflict markers** in any tracked text file: a merge resolved by hand once left a
  lone `=======` in portal.css, which silently dropped the rule after it (the header's
  search box). A marker is what git itself writes: seven `<`, `=`, `>` or `|` at the start
  of a line, then a space or the end of the line (so a Markdown heading underline of
  seven `=` counts too: underline with more or fewer).
- **Stylesheets** that a browser would not read whole: parse errors, declarations that
  are not `name: value`, and selectors with characters no selector has (`=` outside
  `[…]`, numbers, strings), which is how a stray line swallows the next rule. Parsed
  with tinycss2 (a test dependency).
- **Templates** that do not compile: every template of the portal's own apps is loaded
  through Django's engine (syntax errors, unknown tags and filters, unknown libraries).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
#: Walked when the sources are not a git checkout (an unpacked release).
SKIPPED_DIRS = {".git", ".venv", "var", "static_collected", "node_modules", "__pycache__"}
#: Tokens that may stand at the top level of a selector (functions such as :not(…) and
#: attribute blocks […] are checked no further).
SELECTOR_TOKENS = {"whitespace", "comment", "ident", "hash", "function", "[] block"}
SELECTOR_LITERALS = set(".:,>+~*|&")
#: At-rules whose block holds rules (checked like the stylesheet) or declarations.
RULE_BLOCKS = {"media", "supports", "layer", "container", "scope", "starting-style"}
DECLARATION_BLOCKS = {"font-face", "page", "property", "counter-style", "font-palette-values"}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def source_files(root: Path) -> list[Path]:
    """The tracked files (git ls-files), or every file outside build folders without git."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return sorted(_walk(root))
    return sorted(root / name for name in listing.decode().split("\0") if name)


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
        for name in files:
            yield Path(folder) / name


def read_text(path: Path) -> str | None:
    """The file's text, or None for a binary file (a NUL byte, as git decides) or one gone."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8000]:
        return None
    return data.decode("utf-8", errors="replace")


def conflict_markers(name: str, text: str) -> list[Problem]:
    return [
        Problem(name, text.count("\n", 0, match.start()) + 1, "merge-conflict marker")
        for match in CONFLICT_MARKER.finditer(text)
    ]


def css_problems(name: str, text: str) -> list[Problem]:
    import tinycss2

    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    return list(_rule_problems(name, rules))


def _rule_problems(name: str, rules: Iterable, keyframes: bool = False) -> Iterator[Problem]:
    import tinycss2

    for rule in rules:
        if rule.type == "error":
            yield Problem(name, rule.source_line, f"unreadable CSS ({rule.message})")
        elif rule.type == "qualified-rule":
            if not keyframes:
                yield from _selector_problems(name, rule)
            yield from _block_problems(name, rule.content)
        elif rule.type == "at-rule" and rule.content is not None:
            keyword = rule.lower_at_keyword
            if keyword in RULE_BLOCKS or keyword.endswith("keyframes"):
                nested = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                yield from _rule_problems(name, nested, keyframes=keyword.endswith("keyframes"))
            elif keyword in DECLARATION_BLOCKS:
                yield from _block_problems(name, rule.content)


def _selector_problems(name: str, rule) -> Iterator[Problem]:
    significant = [token for token in rule.prelude if token.type not in {"whitespace", "comment"}]
    stray = [
        token
        for token in rule.prelude
        if token.type not in SELECTOR_TOKENS
        and not (token.type == "literal" and token.value in SELECTOR_LITERALS)
    ]
    if not significant or stray:
        text = " ".join("".join(token.serialize() for token in rule.prelude).split())
        yield Problem(name, rule.source_line, f"not a selector: {text[:60]!r}")


def _block_problems(name: str, content) -> Iterator[Problem]:
    import tinycss2

    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "error":
            yield Problem(name, item.source_line, f"not a declaration ({item.message})")
        elif item.type == "qualified-rule":  # CSS nesting
            yield from _rule_problems(name, [item])


def template_folders(root: Path) -> list[Path]:
    """The template folders of the installed apps that live under `root` (the portal's own)."""
    from django.apps import apps

    folders = [Path(config.path) / "templates" for config in apps.get_app_configs()]
    return [folder for folder in folders if root in folder.parents and folder.is_dir()]


def template_problems(folder: Path, root: Path) -> list[Problem]:
    """Compile every template under `folder` with Django's engine (the project's libraries)."""
    from django.template import Engine, Origin, Template, TemplateSyntaxError, engines

    configured = engines["django"].engine
    # The project's libraries and built-ins, with debug on so that an error knows its line.
    engine = Engine(libraries=configured.libraries, builtins=configured.builtins, debug=True)
    problems = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        template_name = str(path.relative_to(folder))
        origin = Origin(name=str(path), template_name=template_name)
        try:
            Template(path.read_text(encoding="utf-8"), origin, template_name, engine)
        except (TemplateSyntaxError, UnicodeDecodeError) as error:
            line = getattr(error, "template_debug", {}).get("line", 0)
            problems.append(Problem(str(path.relative_to(root)), line, str(error)))
    return problems


def check_sources(root: Path) -> list[Problem]:
    """Every problem in the sources under `root`, in path order."""
    problems = []
    for path in source_files(root):
        text = read_text(path)
        if text is None:
            continue
        name = str(path.relative_to(root))
        problems += conflict_markers(name, text)
        if path.suffix == ".css":
            problems += css_problems(name, text)
    for folder in template_folders(root):
        problems += template_problems(folder, root)
    return problems
