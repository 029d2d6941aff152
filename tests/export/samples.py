"""Resolutions built in code for the export tests (no parser needed)."""

from __future__ import annotations

from penholder.model import (
    OPERATIVE,
    PREAMBULAR,
    RECORDED_VOTE,
    WITHOUT_A_VOTE,
    Adoption,
    Footnote,
    Paragraph,
    Resolution,
    SubParagraph,
)

PREAMBULAR_LEADS = ["Reaffirming its commitment", "Recalling", "Recalling also", "Deeply concerned",
                    "Taking note with appreciation", "Emphasizing", "Bearing in mind", "Noting"]
OPERATIVE_LEADS = ["Urges", "Also requests", "Expresses its concern", "Invites", "Decides", "Encourages",
                   "Calls upon", "Requests"]
FILLER = ("the promotion and protection of all human rights, including through international cooperation "
          "and genuine dialogue among States Members of the United Nations, in accordance with the Charter "
          "and with resolution {n}/{k} of {d} December 20{y}")


def _text(lead: str, n: int, end: str, words: int = 1) -> str:
    body = " ".join(FILLER.format(n=40 + n, k=n + 3, d=1 + n % 28, y=10 + n % 13) for _ in range(words))
    return f"{lead} {body}{end}"


def sample_resolution(*, preambular: int = 6, operative: int = 8, body: str = "HRC", state: str = "adopted",
                      words: int = 1) -> Resolution:
    """Return a resolution with leads, footnotes (``*`` and numbered), sub-paragraphs and a vote."""
    pps = [Paragraph(PREAMBULAR, lead, _text(lead, i, ",", words))
           for i, lead in ((i, PREAMBULAR_LEADS[i % len(PREAMBULAR_LEADS)]) for i in range(preambular))]
    ops = []
    for i in range(operative):
        lead = OPERATIVE_LEADS[i % len(OPERATIVE_LEADS)]
        end = "." if i == operative - 1 else ";"
        ops.append(Paragraph(OPERATIVE, lead, _text(lead, 100 + i, end, words), number=i + 1))
    footnotes = []
    if preambular >= 2:
        pps[1].notes = ["1"]
        footnotes.append(Footnote("1", "A/CONF.157/24 (Part I), chap. III."))
    if operative >= 3:
        ops[2].text = ops[2].text[:-1] + ":"
        ops[2].subparagraphs = [
            SubParagraph("(a)", "To strengthen technical cooperation in the field of human rights;",
                         subparagraphs=[SubParagraph("(i)", "through regional seminars;"),
                                        SubParagraph("(ii)", "through capacity-building;")]),
            SubParagraph("(b)", "To report to the Council at its next session;", notes=["2"]),
        ]
        footnotes.append(Footnote("2", "See Official Records of the General Assembly, Seventy-eighth Session."))
    if operative >= 5:
        ops[4].notes = ["3"]
        footnotes.append(Footnote("3", "Resolution 55/2."))
    if state == "draft":
        footnotes.insert(0, Footnote("*", "On behalf of the States members of the Movement of Non-Aligned "
                                          "Countries."))
    hrc = body == "HRC"
    return Resolution(
        symbol=("A/HRC/RES/53/11" if state == "adopted" else "A/HRC/56/L.12") if hrc
        else ("A/RES/78/199" if state == "adopted" else "A/C.3/80/L.35"),
        body=body, session=53 if hrc else 78, number=11 if hrc else 199, year=2023,
        title="Enhancement of international cooperation in the field of human rights",
        organ="The Human Rights Council," if hrc else "The General Assembly,",
        agenda_item="3" if hrc else "71 (b)",
        adoption=(Adoption("2023-07-12", "34th meeting", RECORDED_VOTE, 33, 13, 1) if hrc
                  else Adoption("2023-12-19", "50th plenary meeting", WITHOUT_A_VOTE))
        if state == "adopted" else Adoption(),
        preambular=pps, operative=ops, footnotes=footnotes, state=state,
        sponsors=["Cuba"] if state == "draft" else [],
        committee=None if hrc else "Third Committee",
    )
