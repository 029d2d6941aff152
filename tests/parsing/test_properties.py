"""Property: any text gives a Resolution or a ParseError, never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penholder.errors import ParseError
from penholder.model import Resolution
from penholder.parsing import parse_text

# Pieces of real resolution text, so that generated inputs reach deep into the parser.
PIECES = [
    "The General Assembly,", "The Human Rights Council,", "*The Human Rights Council,*", "Recalling",
    "Recalling also its resolution 1/2,", "Deeply concerned", "1.", "2. ", "1. *Reaffirms* that", "2. Urges",
    "(a)", "(i) ", "(b) States;", "Decides to", "*", "**", "***", "¹", "² A/HRC/1/2.", "!", "%", "®", "”",
    "_____________", "A/RES/78/199", "23-26037 (E) 090124", "*2326037*", "2/4", "GE.15-06884",
    "Please recycle", "Distr.: General", "8 September 20002", "Assistance,A/HRC/19/50. in", "non-",
    "34th meeting", "12 July 2023", "[Adopted without a vote.]", "recorded vote of 33 to 13, with 1 abstention",
    "Annex", "I", "A. Heading", "Cuba:* draft resolution", "28/2.", "Agenda item 3", "\f", "\r\n", "\t",
    "\u00a0", "\u00ad", "\x0e", "\x0f", "", " ", ",", ";", ".", ":",
]
SEPARATORS = st.sampled_from(["\n", "\n\n", "\n\n\n", " ", ""])
resolution_like = st.lists(st.tuples(st.sampled_from(PIECES) | st.text(max_size=30), SEPARATORS),
                           max_size=60).map(lambda parts: "".join(a + b for a, b in parts))


def _check(text: str) -> None:
    try:
        result = parse_text(text, source="generated.txt")
    except ParseError as exc:
        message = str(exc)
        assert message.startswith("generated.txt: ") and "\n" not in message
        return
    assert isinstance(result, Resolution)
    numbers = [p.number for p in result.operative if p.number is not None]
    assert all(isinstance(n, int) for n in numbers)
    for paragraph in result.paragraphs:
        assert "\x0e" not in paragraph.text and "\x0f" not in paragraph.text
    result.to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_resolution_or_parse_error(text):
    _check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolution_like)
def test_resolution_like_text_gives_resolution_or_parse_error(text):
    _check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_cut_and_spliced_seeds_give_resolution_or_parse_error(seed_paths, data):
    texts = [p.read_text(encoding="utf-8") for p in seed_paths.values()]
    text = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    insert = data.draw(st.sampled_from(PIECES) | st.text(max_size=20))
    _check(text[:start] + insert + text[end:])
