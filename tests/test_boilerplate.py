"""The boilerplate stage: signals, the learned model, repeated lines, what is kept and what is shown."""

import json
import subprocess
import sys

import pytest

from kg.boilerplate import Boilerplate, RepeatedLines, split_lines
from kg.boilerplate.features import FEATURES, OWN, Phrases, line_features, own_features
from kg.boilerplate.news import is_row
from kg.boilerplate.repeated import line_key
from kg.errors import OntologyError
from kg.ontology import ONTOLOGY_DIR, read_json

from .conftest import SEEDS

MENU = "".join(f"  * {section}\n" for section in
               ("Home", "World", "Business", "Politics", "Sport", "Culture", "Opinion", "Video", "Podcasts"))
PAGE = f"""Skip to main content
{MENU}
Subscribe | Sign in
Search
By Jane Doe
March 3, 2021

Rebels seized the northern town of Kafr Nabl on Tuesday after a week of fighting, residents said.

Advertisement

The government in Damascus denied that its troops had withdrawn from the area, and said the army
would hold its positions around the town until the talks in Geneva resumed next month.

Aid agencies said thousands of families had fled towards the Turkish border since the weekend,
and that the camps there were already full.

The United Nations envoy called on both sides to let convoys reach the town before the winter.

Related
Five things to know about the war
The long road to Geneva
Follow us on Twitter
Support our journalism: we rely on readers like you. Your gift keeps our work free for everyone.
{MENU}
© 2021 Example Media. All rights reserved.
"""

NEWSWIRE = """SOCCER - LEADERS HELD TO DRAW IN NORTHERN DERBY.
MANCHESTER 1996-12-07
Leaders Harlow Rovers were held to a 1-1 draw by their neighbours Kestrel County on Saturday, ending a run of five wins.
Dale Pruett gave Harlow Rovers the lead after 20 minutes but Tom Whitcomb levelled for Kestrel County before half-time.
Results of English premier league matches on Saturday:
Harlow Rovers 1 Kestrel County 1
Mellford 2 Dunmore 0
Tollesbury 0 Oakhurst 3
Standings (tabulate under played, won, drawn, lost, goals for, against, points):
Harlow Rovers 16 10 3 3 31 17 33
Mellford 16 9 5 2 30 14 32
"""


@pytest.fixture(scope="module")
def cleaner() -> Boilerplate:
    return Boilerplate.from_disk()


@pytest.fixture(scope="module")
def phrases() -> Phrases:
    return Phrases.from_data(read_json(ONTOLOGY_DIR / "boilerplate.json"))


def kept_lines(cleaner: Boilerplate, text: str, repeated: frozenset[int] = frozenset()) -> list[str]:
    return [line.text for line in split_lines(cleaner.mask(text, repeated))]


def signal(phrases: Phrases, text: str, name: str) -> float:
    return own_features(text, phrases)[OWN.index(name)]


@pytest.mark.parametrize(("name", "furniture", "prose"), [
    ("sentence_end", "Most read stories", "The army said it had left the town."),
    ("bullet", "* World news", "World leaders met in Paris."),
    ("separators", "Home | World | Sport", "Rebels seized the town, residents said."),
    ("link_like", "Share on www.example.com", "The minister resigned on Friday."),
    ("copyright", "© 2019 Example Media. All rights reserved.", "The court ruled against the company."),
    ("date_like", "Posted 3 hours ago", "Officials said the talks would go on."),
    ("bracketed", "[logo.png]", "Police said two men were arrested."),
    ("line_phrase", "Advertisement", "Rebels advertised their victory."),
    ("footer_phrase", "About us", "The report was about the war."),
    ("reader_density", "Support us: your gift keeps us going, we thank you.", "He said they would stay."),
])
def test_each_signal_tells_furniture_from_prose(phrases, name, furniture, prose):
    assert signal(phrases, furniture, name) != signal(phrases, prose, name)


def test_stop_words_and_capitals_measure_the_words(phrases):
    assert signal(phrases, "Home World Sport", "stop_density") == 0
    assert signal(phrases, "He said that they had been there.", "stop_density") > 0.5
    assert signal(phrases, "Home World Sport", "capital_share") == 1


def test_context_marks_the_lines_after_a_footer_heading_once_the_story_is_told(phrases):
    text = ("The army said on Monday it had left the town after a week of heavy fighting.\n"
            "Officials in the capital said the talks would resume in Geneva next month.\n"
            "Related\nFive things to know\n")
    rows = line_features(text, split_lines(text), phrases)
    after = FEATURES.index("after_footer_heading")
    assert [row[after] for row in rows] == [0, 0, 0, 1]
    top = "Related\nFive things to know\n" + text
    assert line_features(top, split_lines(top), phrases)[1][after] == 0  # a menu before the story


def test_indentation_is_read_against_the_indentation_of_the_pages_prose(phrases):
    # a browser's text dump indents paragraphs by one step and list items by more
    prose = "   The army said on Monday it had left the town after a week of heavy fighting.\n"
    text = "Main menu\n" + prose + "     * World news\n" + prose
    rows = line_features(text, split_lines(text), phrases)
    same, deeper = FEATURES.index("prose_indent"), FEATURES.index("deeper_than_prose")
    assert [(row[same], row[deeper]) for row in rows] == [(0, 0), (1, 0), (0, 1), (1, 0)]
    flush = "Main menu\n" + prose.lstrip()
    assert [row[same] for row in line_features(flush, split_lines(flush), phrases)] == [1, 1]


def test_blocks_are_the_runs_of_lines_between_blank_lines(phrases):
    text = "* Home\n* World\n* Sport\n\nThe army said on Monday it had left the town.\n"
    rows = line_features(text, split_lines(text), phrases)
    size, first = FEATURES.index("block_lines"), FEATURES.index("first_in_block")
    assert [round(row[size], 3) for row in rows] == [1.386] * 3 + [0.693]
    assert [row[first] for row in rows] == [1, 0, 0, 1]


def test_story_lines_are_kept_and_page_furniture_is_not(cleaner):
    kept = kept_lines(cleaner, PAGE)
    story = [line for line in split_lines(PAGE.split("Related")[0].split("2021\n", 1)[1])
             if line.text != "Advertisement"]
    assert all(line.text in kept for line in story)
    for furniture in ("* Home", "Subscribe", "Search", "By Jane Doe", "Advertisement", "Related", "Follow us",
                      "Support our journalism", "©"):
        assert not any(line.startswith(furniture) for line in kept), furniture


def test_masking_keeps_every_offset(cleaner):
    masked = cleaner.mask(PAGE)
    assert len(masked) == len(PAGE)
    assert [i for i, c in enumerate(PAGE) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n"]
    start = PAGE.index("Rebels seized")
    assert masked[start:start + 40] == PAGE[start:start + 40]


def test_newswire_keeps_its_dateline_and_results_tables(cleaner):
    assert kept_lines(cleaner, NEWSWIRE) == [line.text for line in split_lines(NEWSWIRE)]


@pytest.mark.parametrize("line, row", [
    ("Harlow Rovers 1 Kestrel County 1", True),
    ("9. Andersson 1:34", True),  # a time after a rank is a result
    ("Postponed: Port Aldwin v Springdale", True),
    ("OAKHURST AT MELLFORD", True),
    ("Careers at Google", False),
    ("Doors open at 10:30 and close at 23:00", False),  # a clock's times
    ("Home | News v Sport", False),
    ("Who won 2 of 3?", False),
])
def test_a_row_of_a_results_table(line, row):
    assert is_row(line) is row


def test_a_clean_article_loses_nothing(cleaner):
    for seed in sorted(SEEDS.glob("*.txt"))[:1]:
        story = [line for line in seed.read_text(encoding="utf-8").splitlines() if len(line.split()) > 12]
        text = "\n".join(story) + "\n"
        assert kept_lines(cleaner, text) == story


def test_photo_credits_are_cut_out_of_captions(cleaner):
    text = ("Soldiers stand near the border on Monday in northern Iraq, where the army has fought for weeks. "
            "(Photo by Jane DOE / AFP)\n")
    assert kept_lines(cleaner, text) == [text.split(" (Photo")[0]]


def test_wire_credits_are_cut_but_prose_about_reporting_stays(cleaner):
    story = "The central bank left rates unchanged on Thursday, citing slowing growth in the region."
    prose = "The reporting by the BBC was criticised by the minister, who said it had been unfair to him."
    text = f"{story} (Reporting by Jane Doe in London; Editing by John Smith)\n{prose}\nWriting by Ann Lee\n"
    assert kept_lines(cleaner, text) == [story, prose]


def test_seed_page_furniture_is_masked(cleaner):
    text = (SEEDS / "003_1f7359cf655cdfe7.txt").read_text(encoding="utf-8")
    kept = "\n".join(kept_lines(cleaner, text))
    for furniture in ("Banner Top", "Advertisement", "YOUTUBE", "favour to ask", "Message from the CEO"):
        assert furniture not in kept
    assert "The SDF, backed by US air power" in kept


def test_lines_repeated_across_documents_are_furniture(cleaner):
    story = "The minister resigned on Friday after weeks of protests in the capital over fuel prices.\n"
    footer = "The Daily Example is published by Example Media Group, a member of the Press Council.\n"
    counter = RepeatedLines()
    for n in range(3):
        counter.add(f"Story number {n} was told here by our reporter in full, with many details.\n" + footer)
    page = story + footer
    assert footer.strip() in kept_lines(cleaner, page)  # alone, it reads like a sentence
    assert counter.repeated_in(page) == frozenset([line_key(footer)])
    assert kept_lines(cleaner, page, counter.repeated_in(page)) == [story.strip()]


def test_a_line_in_two_documents_is_not_yet_repeated():
    counter = RepeatedLines()
    for _ in range(2):
        counter.add("Home\nA story.\n")
    assert counter.repeated_in("Home\n") == frozenset()


def test_copies_of_one_story_keep_their_text(cleaner):
    story = ("The minister resigned on Friday after weeks of protests in the capital over fuel prices.\n"
             "Her successor is expected to be named by the president before parliament meets next week.\n")
    counter = RepeatedLines()
    for n in range(3):
        counter.add(f"Published by site {n}\n" + story)
    assert kept_lines(cleaner, story, counter.repeated_in(story)) == story.strip().splitlines()


def test_a_model_with_other_features_is_refused():
    model = read_json(ONTOLOGY_DIR / "boilerplate_model.json")
    model["features"] = model["features"][:-1]
    with pytest.raises(OntologyError, match="retrain"):
        Boilerplate.from_data(read_json(ONTOLOGY_DIR / "boilerplate.json"), model)


def test_an_uncertain_line_between_two_lines_of_article_is_article(cleaner, monkeypatch):
    import numpy as np

    from kg.boilerplate.model import AFTER_FOOTER, SANDWICHED

    model = cleaner.model
    uncertain = (SANDWICHED + model.threshold) / 2
    scores = np.array([0.9, uncertain, 0.9, SANDWICHED / 2, 0.9, uncertain, 0.9])
    monkeypatch.setattr(type(model), "probabilities", lambda self, rows, weights: scores)
    rows = [[0.0] * len(FEATURES) for _ in range(7)]
    rows[5][AFTER_FOOTER] = 1.0  # a veto stands whatever the neighbours say
    assert model.verdicts(rows, [10] * 7) == [True, True, True, False, True, False, True]


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, timeout=300, text=True)


def test_format_text_shows_what_was_read_with_offsets_into_the_original(tmp_path):
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = run_kg("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--format", "text", "--no-cache")
    assert out.returncode == 0, out.stderr
    record = json.loads((tmp_path / "out" / "text.jsonl").read_text(encoding="utf-8"))
    original = page.read_text(encoding="utf-8")
    assert record["doc"] == "page" and len(record["text"]) == len(original)
    assert record["skipped"]
    for start, end in record["skipped"]:
        assert record["text"][start:end].strip() == "" and original[start:end].strip()
    kept = [(i, c) for i, c in enumerate(record["text"]) if not c.isspace()]
    assert all(original[i] == c for i, c in kept)
    assert "Rebels seized the northern town" in record["text"]


def test_a_page_that_is_mostly_furniture_gets_one_warning(tmp_path):
    (tmp_path / "in").mkdir()
    menu = "".join(f"* Section {n}\n" for n in range(60))
    (tmp_path / "in" / "menu.txt").write_text(menu + PAGE, encoding="utf-8")
    (tmp_path / "in" / "story.txt").write_text(PAGE.split("Related")[0].split("2021\n", 1)[1], encoding="utf-8")
    out = run_kg("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-cache")
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "menu.txt" in warnings[0] and "% of its text" in warnings[0]
    assert "1 mostly page furniture" in out.stderr.splitlines()[-1]


def test_a_headline_that_opens_with_a_furniture_word_is_kept(cleaner):
    text = ("Home loan approvals rising again\n\n"
            "The number of mortgages approved to buy a new home rose in January, the Bank of England said.\n"
            "Lenders approved 95,000 loans, up from 89,000 in December, after three months of decline.\n")
    assert kept_lines(cleaner, text)[0] == "Home loan approvals rising again"


def test_an_article_longer_than_spacy_allows_is_read_in_pieces(extractor, monkeypatch):
    from kg.model import Document

    monkeypatch.setattr(extractor.nlp, "max_length", 2000)
    para = "Rebels seized the northern town of Kafr Nabl on Tuesday, residents told Reuters in Beirut.\n"
    text = "Advertisement\n" + para * 100  # 9,000 characters: five pieces
    result, = extractor.process([Document("long", text, "long.txt")])
    beirut = [m for m in result.mentions if m.text == "Beirut"]
    assert len(beirut) == 100
    assert all(text[m.start:m.end] == "Beirut" for m in result.mentions if m.text == "Beirut")


@pytest.mark.parametrize("head", ["Quill to face Marchand test\n\n",
                                  "Backed fighters advance in Syria\n\nJane Doe\nFebruary 11, 2019\n\n"])
def test_a_clean_article_keeps_its_headline(cleaner, head):
    story = ("British number one Nora Quill will face France's Elise Marchand in the first round of the "
             "Australian Open.\nDana Whitcomb, the British number two, is in the same quarter of the draw.\n")
    kept = kept_lines(cleaner, head + story)
    assert kept[0] == head.split("\n")[0]
    assert "Jane Doe" not in kept  # the byline between is not


def test_a_quotation_every_report_of_an_event_carries_stays_in_each(cleaner):
    quote = '"She is the embodiment of beauty," her agent Portia Jones said.\n'
    counter = RepeatedLines()
    reports = [f"Report {n}: the actress died at her home in Los Angeles on Sunday, her family said.\n" + quote +
               f"Report {n}: she had won two Academy Awards in a career that lasted more than six decades.\n"
               for n in range(3)]
    for report in reports:
        counter.add(report)
    assert counter.repeated_in(reports[0]) == frozenset([line_key(quote)])
    assert quote.strip() in kept_lines(cleaner, reports[0], counter.repeated_in(reports[0]))


TABLE_IN_COLUMNS = """The MPs who voted against the amendment are listed below.

   Constituency              MP                       Email
   Bury South                Christian Wakeford       christian.wakeford@example.org
   West Worcestershire       Harriet Baldwin          harriet.baldwin@example.org
   Weston-super-Mare         John Penrose             john.penrose@example.org
"""


def test_a_table_laid_out_in_columns_is_read_cell_by_cell(cleaner, extractor):
    from kg.model import Document

    reading = cleaner.read_extracted(TABLE_IN_COLUMNS)
    analysed = reading.analysed(TABLE_IN_COLUMNS)
    assert len(analysed) == len(TABLE_IN_COLUMNS)
    row = split_lines(analysed)[2].text
    assert [cell.strip() for cell in row.split(";")] == ["Bury South", "Christian Wakeford",
                                                         "christian.wakeford@example.org"]
    result, = extractor.process([Document("mps", TABLE_IN_COLUMNS, "mps.txt")])
    people = {m.text for m in result.mentions if result.entities[m.entity].type == "Person"}
    assert {"Christian Wakeford", "Harriet Baldwin", "John Penrose"} <= people
    assert not any("@" in m.text or "  " in m.text for m in result.mentions)


def test_a_gap_left_by_a_masked_credit_is_no_column(cleaner):
    text = "Rebels seized the town (Photo by Jane Doe / AFP) on Tuesday, residents said.\n"
    analysed = cleaner.read_extracted(text).analysed(text)
    assert ";" not in analysed and "on Tuesday" in analysed
