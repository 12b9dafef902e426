"""What the geoparser makes of a text, as the resolve tests compare it."""

from __future__ import annotations

from eventscope.resolve.gazetteer import Gazetteer


def places(gaz: Gazetteer, text: str) -> dict[str, object]:
    """Each toponym's text and the place it resolves to in the text's own context."""
    ctx = gaz.document_context(text)
    return {t.text: gaz.resolve(t, ctx) for t in gaz.find_toponyms(text)}
