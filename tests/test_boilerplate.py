from kg.boilerplate import Boilerplate, split_lines

from .conftest import SEEDS

PAGE = """Home | World | Business | Sport
Subscribe
By Jane Doe
March 3, 2021

Rebels seized the northern town of Kafr Nabl on Tuesday after a week of fighting, residents said.

Advertisement

The government in Damascus denied that its troops had withdrawn from the area.

Related
Five things to know about the war
Follow us on Twitter
Support our journalism: we rely on readers like you. Your gift keeps our work free for everyone.
"""


def kept_lines(text: str) -> list[str]:
    masked = Boilerplate.from_disk().mask(text)
    return [line.text for line in split_lines(masked)]


def test_story_lines_are_kept_and_page_furniture_is_not():
    assert kept_lines(PAGE) == [
        "Rebels seized the northern town of Kafr Nabl on Tuesday after a week of fighting, residents said.",
        "The government in Damascus denied that its troops had withdrawn from the area.",
    ]


def test_masking_keeps_every_offset():
    masked = Boilerplate.from_disk().mask(PAGE)
    assert len(masked) == len(PAGE)
    assert [i for i, c in enumerate(PAGE) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n"]
    start = PAGE.index("Rebels seized")
    assert masked[start:start + 40] == PAGE[start:start + 40]


def test_appeals_to_the_reader_are_dropped_but_quotes_in_the_first_person_are_not():
    text = ("\"We will not leave our homes,\" said Amina Yusuf, a teacher in the town of Idlib, as shelling went on.\n"
            "We need your help. Your support lets us keep our reporting free for you and for everyone.\n")
    assert kept_lines(text) == [text.splitlines()[0]]


def test_photo_credits_are_cut_out_of_captions():
    text = "Soldiers stand near the border on Monday in northern Iraq. (Photo by Jane DOE / AFP)\n"
    assert kept_lines(text) == ["Soldiers stand near the border on Monday in northern Iraq."]


def test_a_footer_heading_before_the_story_does_not_hide_it():
    text = "Follow us\nThe minister resigned on Friday after weeks of protests in the capital, Lima.\n"
    assert kept_lines(text) == [text.splitlines()[1]]


def test_seed_page_furniture_is_masked():
    text = (SEEDS / "003_1f7359cf655cdfe7.txt").read_text(encoding="utf-8")
    kept = "\n".join(kept_lines(text))
    for furniture in ("Banner Top", "Advertisement", "YOUTUBE", "favour to ask", "Message from the CEO"):
        assert furniture not in kept
    assert "The SDF, backed by US air power" in kept
