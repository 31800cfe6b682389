"""Opening a corpus for a command: from its cache when caching is on, else by validating it."""

from __future__ import annotations

import os
from collections.abc import Callable

from vncoop.corpus.layout import check_root, resolve_facts_dir
from vncoop.domain.records import Corpus
from vncoop.errors import CorpusError
from vncoop.index.common import caching_enabled


def load_corpus(
    facts_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Load and validate a corpus; raise one CorpusError listing every problem found.

    Validated files are cached (see :mod:`vncoop.index.store`), so an unchanged corpus loads without
    parsing YAML or importing pydantic.
    """
    root = resolve_facts_dir(facts_dir)
    check_root(root)
    warnings = []
    if use_cache and caching_enabled():
        from vncoop.index.store import NotCacheable, load_with_cache  # sqlite3: only when the cache is used

        try:
            return load_with_cache(root, progress)
        except NotCacheable as exc:
            warnings.append(str(exc))
    from vncoop.corpus.validate import validate_corpus_files  # pydantic lives behind this import

    corpus, problems = validate_corpus_files(root)
    if problems:
        raise CorpusError(problems)
    corpus.warnings.extend(warnings)
    return corpus
