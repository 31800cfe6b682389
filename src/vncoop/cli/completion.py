"""Shell-completion callbacks (``vncoop --install-completion``): partners, ids, kinds, sectors, sources, fields.

They run inside the user's shell on every Tab, so they import lazily and never raise: any
problem (no corpus, invalid corpus, …) simply means no suggestions.
"""

from __future__ import annotations

import typer


def complete_partner(incomplete: str) -> list[tuple[str, str]]:
    """Partner codes and names in English, French and Vietnamese that start with what was typed.

    Matching ignores case and diacritics; Typer keeps only values that start with the typed
    text, so ``nhat`` is offered ``nhat ban`` (which resolves like ``Nhật Bản``).
    """
    try:
        from vncoop.domain.partners import REGISTRY
        from vncoop.text.fold import fold

        typed = fold(incomplete)
        found: dict[str, str] = {}
        for partner in REGISTRY:
            for name in (partner.code, partner.en, partner.fr, partner.vi):
                if name.startswith(incomplete):
                    value = name
                elif name.lower().startswith(incomplete.lower()):
                    value = incomplete + name[len(incomplete) :]
                elif fold(name).startswith(typed) and fold(name).startswith(incomplete):
                    value = fold(name)
                else:
                    continue
                found.setdefault(value, f"{partner.en} ({partner.code})")
        return sorted(found.items())
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_fact_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids of the corpus in use (``--facts-dir`` if already typed) that start with what was typed."""
    try:
        from vncoop.app.corpora import load_corpus

        corpus = load_corpus(ctx.params.get("facts_dir"))
        return sorted(f["id"] for f in corpus.facts if f["id"].startswith(incomplete))
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_kind(incomplete: str) -> list[str]:
    from vncoop.domain.kinds import KINDS

    return [kind for kind in KINDS if kind.startswith(incomplete.lower())]


def complete_sector(incomplete: str) -> list[str]:
    from vncoop.domain.vocab import SECTORS

    return [sector for sector in SECTORS if sector.startswith(incomplete.lower())]


def complete_source(ctx: typer.Context, incomplete: str) -> list[str]:
    """Source ids of the corpus in use."""
    try:
        from vncoop.app.corpora import load_corpus

        corpus = load_corpus(ctx.params.get("facts_dir"))
        return sorted(source for source in corpus.sources if source.startswith(incomplete))
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_field_list(incomplete: str) -> list[str]:
    """``--fields id,ti`` → ``id,title``: the last name of a comma-separated list."""
    from vncoop.output.view import KNOWN_FIELDS

    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    chosen = set(done.split(",")) if done else set()
    return [prefix + name for name in KNOWN_FIELDS if name.startswith(last) and name not in chosen]
