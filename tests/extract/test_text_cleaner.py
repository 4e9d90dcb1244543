"""The plain-text cleaner on the project's own scraped-text fixtures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.extract.text import TextCleaner, parse_date

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def cleaner() -> TextCleaner:
    return TextCleaner()


def test_example_scraped_article(cleaner: TextCleaner) -> None:
    result = cleaner.clean((EXAMPLES / "ankara-talks.txt").read_text(encoding="utf-8"))
    assert result.title == "Ukraine's Foreign Minister Holds Talks in Ankara as Turkey Offers to Host New Round"
    assert result.author == "Daniel Okafor"
    assert result.published == date(2025, 9, 18)
    assert result.original_source == "www.reuters.com"
    assert result.text.startswith("ANKARA, Sept 18 (Reuters) - Ukrainian Foreign Minister Andrii Sybiha met")
    assert result.text.endswith("They produced large exchanges of prisoners but no ceasefire.")
    for gone in ["Original Source", "Share this", "Click to share", "Like Loading", "Related", "Greece agree",
                 "About Daniel", "correspondent covering", "View all posts", "Leave a Reply", "email address",
                 "Required fields", "Website", "Save my name", "Post Comment", "By Daniel"]:
        assert gone not in result.text, gone
    assert len(result.text.split("\n\n")) == 7  # the seven article paragraphs, blank-line separated


def test_headline_byline_wrapped_lines_and_tail(cleaner: TextCleaner) -> None:
    result = cleaner.clean((DATA / "scraped-wrapped.txt").read_text(encoding="utf-8"))
    assert result.title == "Kenya and Somalia agree to reopen border crossing"
    assert result.author == "Jane Doe and John Roe, Reuters"
    assert result.original_source == "www.example.com/africa"
    paragraphs = result.text.split("\n\n")
    # hard-wrapped lines are joined into one paragraph, so no sentence is broken by a newline
    assert paragraphs[0] == ("NAIROBI, June 20 - Kenya and Somalia agreed on Friday to reopen their main border "
                             "crossing at Mandera, which has been closed for most of the past three years, the two "
                             "governments said in a joint statement.")
    # real sentences that merely start with "About" or mention share/comment stay
    assert "About 2,000 traders had gathered at the crossing to share the news, local officials said." in paragraphs
    assert any("comment on a draft trade protocol" in p for p in paragraphs)
    assert "Background" in paragraphs  # a subhead stays its own paragraph
    assert paragraphs[-1] == "Kenya closed the crossing after a series of attacks by al Shabaab militants."
    for gone in ["Tags:", "Subscribe", "About the author", "writes about East Africa", "Originally published"]:
        assert gone not in result.text, gone


def test_bio_box_gives_the_author_when_there_is_no_byline(cleaner: TextCleaner) -> None:
    result = cleaner.clean((DATA / "bio-author.txt").read_text(encoding="utf-8"))
    assert result.author == "Mark Ellis"
    assert result.text.endswith("Minsk called the move hostile and said it would respond.")
    assert "Share on" not in result.text and "Mark Ellis" not in result.text


def test_about_section_mid_article_is_not_a_bio_box(cleaner: TextCleaner) -> None:
    result = cleaner.clean((DATA / "about-mid-article.txt").read_text(encoding="utf-8"))
    assert result.author is None
    assert "About Geneva" in result.text
    assert "Diplomats said the meeting in Geneva lasted four hours." in result.text
    assert result.text.endswith("according to a statement issued after the talks ended.")
    assert result.original_source == "Agence France-Presse"


def test_view_all_posts_gives_the_author_last(cleaner: TextCleaner) -> None:
    text = ("Police detained 12 people after the march in Belgrade, officials said.\n\n"
            "View all posts by Ana Petrovic »\n")
    result = cleaner.clean(text)
    assert result.author == "Ana Petrovic"
    assert result.text == "Police detained 12 people after the march in Belgrade, officials said."


def test_first_line_is_not_a_headline_without_a_blank_line_or_with_a_period(cleaner: TextCleaner) -> None:
    assert cleaner.clean("Short line\nstill the same paragraph.\n").title is None
    assert cleaner.clean("Troops withdrew from the town.\n\nThey left at dawn.\n").title is None
    assert cleaner.clean("By Jane Doe\n\nTroops withdrew from the town.\n").title is None


def test_sentence_starting_with_by_is_not_a_byline(cleaner: TextCleaner) -> None:
    text = "Talks stall\n\nBy the end of the talks, neither side had moved.\n\nThe envoys left Doha.\n"
    result = cleaner.clean(text)
    assert result.author is None
    assert result.text.startswith("By the end of the talks, neither side had moved.")


def test_windows_newlines_and_extra_blank_lines(cleaner: TextCleaner) -> None:
    result = cleaner.clean("Title here\r\n\r\n\r\nFirst paragraph.\r\n\r\n\r\n\r\nSecond paragraph.\r\n")
    assert result.title == "Title here"
    assert result.text == "First paragraph.\n\nSecond paragraph."


@pytest.mark.parametrize(("text", "expected"), [
    ("September 18, 2025", date(2025, 9, 18)),
    ("Sept. 18, 2025", date(2025, 9, 18)),
    ("Thursday, 18 September 2025", date(2025, 9, 18)),
    ("2025-09-18", date(2025, 9, 18)),
    ("03/06/2025", None),  # day-first or month-first: not guessed
    ("next week", None),
])
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_quoted_first_paragraph_is_not_a_headline(cleaner: TextCleaner) -> None:
    text = 'The minister said: "We will not give up."\n\nTalks resume on Monday.\n'
    result = cleaner.clean(text)
    assert result.title is None and result.text.startswith('The minister said: "We will not give up."')


def test_every_date_line_at_the_top_goes_and_the_first_is_the_date(cleaner: TextCleaner) -> None:
    text = "Headline\n\nPublished: June 3, 2025\n\nUpdated: June 4, 2025\n\nThe talks ended in Doha.\n"
    result = cleaner.clean(text)
    assert result.published == date(2025, 6, 3)
    assert result.text == "The talks ended in Doha."
