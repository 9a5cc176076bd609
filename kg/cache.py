"""A cache on disk for what is slow to compute at start-up: the parsed gazetteer and the ruler's phrase patterns;
and :func:`long_lived`, start-up without the garbage collector.

Each entry is one file in :func:`cache_dir`, named by a hash of everything it is computed from (the files it
reads, the newskg source files and the versions given by the caller): a changed input gives a new name, so a
stale entry is never read. Entries are written atomically. A cache that cannot be written or read is no error:
the value is computed as without a cache.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> calls = []
>>> def compute() -> str:
...     calls.append(1)
...     return "value"
>>> [remember("demo", [], compute, str.encode, bytes.decode, folder) for _ in range(2)], len(calls)
(['value', 'value'], 1)
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PACKAGE_DIR = Path(__file__).parent


def cache_dir() -> Path | None:
    """``$NEWSKG_CACHE``, else ``$XDG_CACHE_HOME/newskg``, else ``~/.cache/newskg``; None when
    ``NEWSKG_CACHE`` is set to ``off``."""
    chosen = os.environ.get("NEWSKG_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newskg"


def fingerprint(inputs: Iterable[str | Path]) -> str:
    """A hash of the ``inputs`` (a Path: the name and bytes of the file, or of each file of the folder; a
    string: itself, e.g. a version) and of newskg's own source files.

    >>> fingerprint(["spaCy 3.8"]) == fingerprint(["spaCy 3.8"]) != fingerprint(["spaCy 3.7"])
    True
    """
    digest = hashlib.sha256()
    for item in [*inputs, *sorted(PACKAGE_DIR.glob("*.py"))]:
        if not isinstance(item, Path):
            digest.update(f"{item}\0".encode())
            continue
        for file in sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]:
            digest.update(f"{file.name}\0".encode())
            digest.update(file.read_bytes() if file.is_file() else b"(missing)")
    return digest.hexdigest()[:32]


def remember(
    name: str,
    inputs: Iterable[str | Path],
    compute: Callable[[], T],
    dump: Callable[[T], bytes],
    load: Callable[[bytes], T],
    folder: Path | None = None,
) -> T:
    """What ``compute()`` returns for ``inputs`` (see :func:`fingerprint`): ``load`` of the cached bytes when
    the cache holds them, else computed and its ``dump`` written to the cache (atomically; a cache that cannot
    be written is skipped, an entry that cannot be loaded is computed again)."""
    folder = folder or cache_dir()
    if folder is None:
        return compute()
    path = folder / f"{name}-{fingerprint(inputs)}.bin"
    try:
        return load(path.read_bytes())
    except Exception:  # no entry yet, or one this version cannot read: compute it
        pass
    value = compute()
    tmp = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(dump(value))
        os.replace(tmp, path)
    except OSError:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return value


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Run a block that makes what the process keeps to its end (the NLP stack's modules, the pipeline) without
    Python's cyclic garbage collector, then move every object made so far to its permanent generation
    (:func:`gc.freeze`). Otherwise each full collection scans the pipeline's few hundred thousand objects (the
    gazetteer, the lexicon, spaCy's vocabulary) while they load, while articles are read, and once more at exit:
    a third of a cold one-article build's CPU over a bare ``spacy.load``. (A threshold of 0 stops collections
    even when a library calls ``gc.enable()``, as spaCy's msgpack reader does.)

    >>> with long_lived():
    ...     gc.get_threshold()[0]
    0
    >>> gc.get_threshold()[0] > 0, gc.get_freeze_count() > 0
    (True, True)
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)
