"""The plain-text news reader: headline, standfirst, date lines, byline, furniture, the seed."""

from __future__ import annotations

import pytest
from conftest import shared_path

from dateline.errors import EmptyInput
from dateline.ingest.dates import parse_stamp
from dateline.ingest.furniture import infer_publisher, trim_edges
from dateline.ingest.text import read_text, split_paragraphs

STANDFIRST = ("Envoys from Washington and Kyiv agreed in Jeddah on a plan for a 30-day truce that now "
              "awaits an answer from Moscow.")

ARTICLE = f"""Ukraine backs US truce plan after talks in Saudi Arabia

{STANDFIRST}

Published: March 11, 2025 6:40pm

Updated: March 11, 2025 9:15pm

By Olena Kovalenko and Mark Ellison

{STANDFIRST}

Secretary of State Marco Rubio said on Tuesday that the United States would resume intelligence
sharing with Kyiv immediately, after Ukrainian officials accepted the proposal during eight hours
of talks in Jeddah.

What happens next

Andriy Yermak, head of Ukraine's presidential office, said the delegation was ready to take steps
toward peace.

Eastern Ledger Briefing

Donate to Eastern Ledger today
"""


def test_headline_standfirst_dates_and_byline() -> None:
    article = read_text(ARTICLE, path="t.txt")
    assert article.title == "Ukraine backs US truce plan after talks in Saudi Arabia"
    assert article.subtitle == STANDFIRST
    assert article.published_at == "2025-03-11T18:40:00"
    assert article.updated_at == "2025-03-11T21:15:00"
    assert article.published_tz_known is False
    assert article.authors == ["Olena Kovalenko", "Mark Ellison"]
    assert article.source_path == "t.txt"


def test_body_is_clean_and_paragraphs_joined() -> None:
    article = read_text(ARTICLE, path="t.txt")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Secretary of State Marco Rubio said on Tuesday")
    assert "intelligence sharing with Kyiv" in paragraphs[0]  # hard-wrapped lines joined
    assert "What happens next" in paragraphs  # a sub-heading stays as its own paragraph
    assert paragraphs[-1].endswith("ready to take steps toward peace.")
    assert STANDFIRST not in article.text
    assert "Published" not in article.text and "By Olena" not in article.text
    assert article.publisher == "Eastern Ledger"


def test_zone_given_is_kept() -> None:
    text = ("Israel strikes Gaza as ceasefire collapses\n\nPublished: March 18, 2025 4:10am GMT\n\n"
            "Israeli aircraft struck targets across the Gaza Strip early on Tuesday, ending a truce "
            "that had held since January, the health ministry in Gaza said.\n")
    article = read_text(text, path="g.txt")
    assert article.published_at == "2025-03-18T04:10:00+00:00"
    assert article.published_tz_known is True
    assert article.updated_at is None


def test_standfirst_repeated_without_date_lines() -> None:
    lede = "Talks between Armenia and Azerbaijan ended with a draft peace treaty on Thursday."
    text = f"Armenia and Azerbaijan agree treaty text\n\n{lede}\n\n{lede}\n\nBoth foreign ministries confirmed it.\n"
    article = read_text(text, path="a.txt")
    assert article.subtitle == lede
    assert article.text == "Both foreign ministries confirmed it."


def test_no_body_is_an_empty_input() -> None:
    with pytest.raises(EmptyInput) as err:
        read_text("Just a headline\n\nPublished: March 1, 2025\n", path="h.txt")
    assert err.value.code == "E101" and err.value.path == "h.txt"


def test_leading_furniture_and_inner_labels() -> None:
    text = ("Advertisement\n\nHouthi missile targets Israel, army says\n\nShare on Facebook | Twitter | Email\n\n"
            "The Israeli military said it intercepted a missile launched from Yemen on Thursday.\n\n"
            "Advertisement\n\nThe Houthis said they fired it at Ben Gurion airport.\n")
    article = read_text(text, path="h.txt")
    assert article.title == "Houthi missile targets Israel, army says"
    assert article.text == ("The Israeli military said it intercepted a missile launched from Yemen on Thursday."
                            "\n\nThe Houthis said they fired it at Ben Gurion airport.")


def test_last_sentence_with_a_reader_word_is_kept() -> None:
    body = ["Kyiv said it had shot down 74 drones overnight.",
            "The Russian defence ministry did not respond to a request for comment."]
    assert trim_edges(body).paragraphs == body


def test_publisher_inferred_from_shared_words() -> None:
    assert infer_publisher(["Baltic Dispatch Spotlight", "Support Baltic Dispatch"]) == "Baltic Dispatch"
    assert infer_publisher(["Share", "Advertisement"]) is None


def test_paragraph_split_keeps_short_lines_apart() -> None:
    assert split_paragraphs("One\nTwo\n\n\r\nThree") == ["One\nTwo", "Three"]


@pytest.mark.parametrize(("raw", "value", "known"), [
    ("March 12, 2025 11:00pm", "2025-03-12T23:00:00", False),
    ("March 12, 2025 11:00pm EST", "2025-03-12T23:00:00-05:00", True),
    ("2025-03-12T23:00:00Z", "2025-03-12T23:00:00+00:00", True),
    ("March 12, 2025", "2025-03-12", False),
])
def test_stamps(raw: str, value: str, known: bool) -> None:
    stamp = parse_stamp(raw)
    assert stamp is not None and (stamp.value, stamp.tz_known) == (value, known)


@pytest.mark.parametrize("raw", ["2 hours ago", "Tuesday", "", "Tuesday 2025", "not a date 1999x"])
def test_relative_or_partial_stamps_are_refused(raw: str) -> None:
    assert parse_stamp(raw) is None


def test_seed_article() -> None:
    path = shared_path("seed", "000_504594bd216695fb.txt")
    article = read_text(path.read_text(encoding="utf-8"), path=str(path))
    assert article.title == "Kremlin drags its feet on ceasefire deal as armies steamroll Ukraine in Kursk"
    assert article.published_at == "2025-03-12T23:00:00"
    assert article.published_tz_known is False
    assert article.updated_at == "2025-03-12T23:04:00"
    assert "Spotlight" not in article.text and "Support Just" not in article.text
    assert article.subtitle and article.subtitle.startswith("On Tuesday, Ukrainian diplomats")
    assert article.subtitle not in article.text
    assert article.text.startswith("Kremlin spokesman Dmitry Peskov on Wednesday")
    assert article.text.endswith("with very harsh conditions.”")
    assert "\n\nRussia is gaining ground in the military campaign\n\n" in article.text


def test_wire_layout_with_unlabelled_date_pointers_and_notice() -> None:
    text = """Ukraine war: Russia strikes Odesa port

By JOHN SMITH and Maria Petrenko
Wednesday, March 12, 2025 at 9:15 a.m. ET

Read more: Trump says Putin ready to talk

Russian drones hit port infrastructure in Odesa overnight, regional governor Oleh Kiper said.

He said two people were injured.

Related: Zelensky meets Starmer in London

Copyright 2025 Black Sea Wire. All rights reserved. This material may not be redistributed.
"""
    article = read_text(text, path="w.txt")
    assert article.authors == ["JOHN SMITH", "Maria Petrenko"]
    assert article.published_at and article.published_at.startswith("2025-03-12T09:15:00")
    assert article.published_tz_known is True
    assert article.text == ("Russian drones hit port infrastructure in Odesa overnight, regional governor "
                            "Oleh Kiper said.\n\nHe said two people were injured.")
