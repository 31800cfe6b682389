"""The function words of each language, which a query's reading sets aside (and a thesaurus
term's key leaves out): a question's "what", "combien", "bao nhiêu" are not what it is about."""

from __future__ import annotations

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a an the of in on at to for and or with by from about is are was were be been being as its
        this that these those what when where which who whom whose how why does do did has have had will
        would can could should until since into than then there their they them it it's very also any some
        much many long i me my we our you your he she his her""".split()
    ),
    "fr": frozenset(
        """le la les l un une des de du d et ou en au aux à pour par avec sur dans est sont a ont ce cette
        ces quel quelle quels quelles quand combien comment pourquoi qui que quoi où est-ce il elle ils
        elles se sa son ses leur leurs y t""".split()
    ),
    "vi": frozenset(
        """và của các những cho với trong tại là được về có một từ đến này khi gì nào bao nhiêu đâu sao
        ai ở đã đang sẽ bị thì mà vào ra nên như""".split()
    ),
}

# A thesaurus term's key leaves out its function words ("chiffre d'affaires" → chiffre affaire),
# as the query's reading does; compared as written, with marks ("đầu" is not the stop word "đâu").
ANY_STOP_WORD: frozenset[str] = frozenset().union(*STOP_WORDS.values())
