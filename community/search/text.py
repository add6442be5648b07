"""Words as site search compares them, in the site's two languages (English and Dutch).

Both what is stored (search documents, documents.py) and what is searched for go through the
same steps, so that they meet: the text is cut into words, stop words are dropped, and each
word is reduced to its stem with the Snowball stemmer of its language ("rusting" and "rusted"
become "rust"), accents folded. A document has one language; a query may be either, so each
query word is searched with its English and its Dutch stem.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

ENGLISH = "en"
DUTCH = "nl"
LANGUAGES = (ENGLISH, DUTCH)

# Snowball's stop word lists (https://snowballstem.org), as words split by WORD below: "don't"
# is "don" and "t". Words of one letter are never searched (see words()).
ENGLISH_STOP_WORDS = frozenset(
    """
    me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing would should could ought can will shall may might must don doesn didn isn aren wasn
    weren hasn haven hadn won wouldn shan shouldn cannot couldn mustn let ll ve re an the and
    but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further
    then once here there when where why how all any both each few more most other some such
    no nor not only own same so than too very us get got also just
    """.split()  # noqa: SIM905 - a word list reads better as text
)
DUTCH_STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere waar welke jij wij jullie mijn onze
    """.split()  # noqa: SIM905
)
# Dutch stop words that are English words worth finding ("oven door", "die-cast"): a query
# keeps them, since it may be English; a Dutch document drops them as stop words.
_ALSO_ENGLISH_WORDS = frozenset({"door", "die", "men", "ben", "want", "hem"})
# What a query drops: it may be written in either language.
QUERY_STOP_WORDS = ENGLISH_STOP_WORDS | (DUTCH_STOP_WORDS - _ALSO_ENGLISH_WORDS)

# The words that tell the languages apart: stop words of one language that are no word of
# the other ("in", "is", "was" are both).
_ENGLISH_MARKERS = ENGLISH_STOP_WORDS - DUTCH_STOP_WORDS
_DUTCH_MARKERS = DUTCH_STOP_WORDS - ENGLISH_STOP_WORDS - _ALSO_ENGLISH_WORDS
# Enough words to tell the language of a long text; the rest need not be read for it.
_LANGUAGE_SAMPLE_WORDS = 400

WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 40  # longer "words" are hashes, URLs or keyboard mashing

_STEMMERS = {ENGLISH: snowballstemmer.stemmer("english"), DUTCH: snowballstemmer.stemmer("dutch")}


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, in order: letters and digits, at least two of them
    (or one digit), at most MAX_WORD_LENGTH."""
    return [
        word
        for word in WORD.findall(text.lower())
        if (len(word) > 1 or word.isdigit()) and len(word) <= MAX_WORD_LENGTH
    ]


def detect_language(text: str) -> str:
    """English or Dutch, by which language's own stop words the text uses more; English when
    it uses neither (a title of product words)."""
    sample = words(text[: _LANGUAGE_SAMPLE_WORDS * 8])[:_LANGUAGE_SAMPLE_WORDS]
    dutch = sum(word in _DUTCH_MARKERS for word in sample)
    english = sum(word in _ENGLISH_MARKERS for word in sample)
    return DUTCH if dutch > english else ENGLISH


# Every web worker keeps this cache for its whole life, and an entry (the word, its stem and
# the cache's own bookkeeping) holds about 250 bytes: 20,000 words (about 5 MB at most) keep
# the words a site uses often, where 200,000 would let a worker that indexes posts grow by
# some 50 MB. A word not kept costs about 50 microseconds to stem again.
STEM_CACHE_WORDS = 20_000


@lru_cache(maxsize=STEM_CACHE_WORDS)
def stem(word: str, language: str) -> str:
    """The word's stem in ``language``, accents folded: "rusting" -> "rust". Cached: the
    Snowball stemmers are pure Python and a site uses far fewer words than it stems."""
    if not word.isalpha():
        return word
    stemmed = _STEMMERS[language].stemWord(word)
    # Snowball keeps the y of an adjective as i ("rusty" -> "rusti", "sticky" -> "sticki"),
    # so "rusty pan" would miss the rust article; the adjective means the noun here.
    if (
        language == ENGLISH
        and stemmed.endswith("i")
        and word.endswith(("y", "ies"))
        and len(stemmed) > 4
    ):
        stemmed = stemmed[:-1]
    return _folded(stemmed)


def _folded(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def document_stems(text: str, language: str) -> list[str]:
    """The stems of a document's text in its language, in order, its stop words left out."""
    stop_words = DUTCH_STOP_WORDS if language == DUTCH else ENGLISH_STOP_WORDS
    return [stem(word, language) for word in words(text) if word not in stop_words]


def query_stems(word: str) -> tuple[str, ...]:
    """What a query word is searched as: its English and its Dutch stem (once when equal)."""
    english, dutch = stem(word, ENGLISH), stem(word, DUTCH)
    return (english,) if english == dutch else (english, dutch)
