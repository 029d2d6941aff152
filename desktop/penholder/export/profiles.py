"""Page profiles (New York, Geneva) and the choice of profile and state for a resolution.

Figures are PDF points measured from the official documents (see the UN layout notes): the text block,
where the furniture (session block, running heads) sits, and the indents of the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from penholder.errors import ExportError
from penholder.model import Resolution

CM = 72 / 2.54

NEW_YORK = "ny"
GENEVA = "geneva"
DRAFT = "draft"
ADOPTED = "adopted"


@dataclass(frozen=True)
class Profile:
    """One page layout: paper, text block, furniture position and body indents, all in points."""

    name: str
    page_width: float
    page_height: float
    text_left: float  # left edge of the text block
    text_right: float  # right edge of the text block
    furniture_left: float  # left edge of session block and running heads
    margin_top: float
    margin_bottom: float
    header_distance: float
    footer_distance: float
    first_indent: float  # preambular first line, operative number
    operative_tab: float  # where the operative lead starts
    sub_step: float  # one sub-paragraph level
    distr_offset: float  # the Distr./date block, from the text block's left edge
    page_of_pages: bool  # "2/4" (New York) or "2" (Geneva)
    title_number_left: float = 72  # where an adopted title's number ("78/199.") starts
    body_tracking: float = 0.25  # expanded character spacing of the body text
    first_page_foot: float = 0  # room kept on page 1 above the footer (job number, barcode)

    @property
    def margin_left(self) -> float:
        """Return the left page margin (the text block's left edge)."""
        return self.text_left

    @property
    def margin_right(self) -> float:
        """Return the right page margin."""
        return self.page_width - self.text_right

    @property
    def furniture_indent(self) -> float:
        """Return the (negative) indent that takes furniture from the text block out to its edge."""
        return self.furniture_left - self.text_left

    @property
    def furniture_right_indent(self) -> float:
        """Return the (negative) right indent for full-width furniture (mirror of the left edge)."""
        return self.furniture_left - self.margin_right


PROFILES: dict[str, Profile] = {
    NEW_YORK: Profile(
        name=NEW_YORK, page_width=612, page_height=792, text_left=123, text_right=490,
        furniture_left=60, margin_top=72, margin_bottom=57, header_distance=39, footer_distance=36,
        first_indent=24, operative_tab=48, sub_step=24, distr_offset=274, page_of_pages=True,
        first_page_foot=50,
    ),
    GENEVA: Profile(
        name=GENEVA, page_width=595, page_height=842, text_left=113, text_right=484,
        furniture_left=57, margin_top=72, margin_bottom=76, header_distance=34, footer_distance=36,
        first_indent=1 * CM, operative_tab=2 * CM, sub_step=1 * CM, distr_offset=284, page_of_pages=False,
        title_number_left=57 + 12,
    ),
}


def body_of(resolution: Resolution) -> str:
    """Return the resolution's body ("HRC", "GA" …), guessed from the symbol when it is not set."""
    if resolution.body:
        return resolution.body.upper()
    symbol = (resolution.symbol or "").upper()
    if symbol.startswith("A/HRC/"):
        return "HRC"
    if symbol.startswith("A/"):
        return "GA"
    return "GA"


def choose_profile(resolution: Resolution, profile: str | None = None) -> Profile:
    """Return the profile named ``profile``, or the one the resolution's body calls for."""
    if profile is None:
        profile = GENEVA if body_of(resolution) == "HRC" else NEW_YORK
    try:
        return PROFILES[profile.lower()]
    except KeyError:
        names = " or ".join(PROFILES)
        raise ExportError(f"unknown page profile {profile!r}: use {names}") from None


def choose_state(resolution: Resolution, state: str | None = None) -> str:
    """Return "draft" or "adopted": ``state`` if given, else the resolution's state, else from its symbol."""
    state = state or resolution.state
    if state is None:
        symbol = (resolution.symbol or "").upper()
        if "/L." in symbol:
            return DRAFT
        adopted = symbol or resolution.adoption.date or resolution.adoption.meeting
        return ADOPTED if adopted else DRAFT
    state = state.lower()
    if state not in (DRAFT, ADOPTED):
        raise ExportError(f"unknown state {state!r}: use draft or adopted")
    return state
