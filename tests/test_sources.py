import json

import pytest

from kg.errors import InputError
from kg.sources import decode, guess_date, guess_title, iter_documents


def read(paths):
    errors = []
    docs = list(iter_documents(paths, on_error=errors.append))
    return docs, errors


def test_reads_txt_html_and_jsonl_from_a_folder_recursively(tmp_path):
    (tmp_path / "a.txt").write_text("The army left Mosul on Monday.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(
        "<html><head><title>Talks in Geneva</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Talks in Geneva</h1><p>Diplomats from France and Germany met in Geneva on "
        "Tuesday to discuss the ceasefire, officials said after the meeting ended late at night.</p>"
        "<p>The talks will resume next week in Vienna, according to the French foreign ministry.</p>"
        "</article><footer>Copyright 2024 Example News</footer></body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Rain fell in Lagos.", "title": "Rain", "date": "2024-01-02",
                    "url": "https://news.example/x1"}) + "\n" + json.dumps({"text": "Snow in Oslo."}) + "\n",
        encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    docs, errors = read([tmp_path])
    assert errors == []
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"a", "sub/b", "x1", "c-2"}
    assert "Geneva on Tuesday" in by_id["sub/b"].text and "Copyright" not in by_id["sub/b"].text
    assert by_id["sub/b"].title == "Talks in Geneva"
    assert (by_id["x1"].title, by_id["x1"].date, by_id["x1"].url) == ("Rain", "2024-01-02",
                                                                     "https://news.example/x1")
    assert by_id["a"].source == "a.txt" and by_id["sub/b"].source == "sub/b.html"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"  \n\t ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
    ("Caf\u00e9 in Par\u00eds".encode("latin-1"), "not UTF-8"),
])
def test_bad_files_are_reported_with_their_name_and_reason(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The mayor of Paris spoke on Friday.", encoding="utf-8")
    docs, errors = read([tmp_path])
    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 1
    assert str(bad) in str(errors[0]) and reason in str(errors[0])
    assert "\n" not in str(errors[0])


def test_missing_path_and_bad_jsonl_lines_are_reported_and_skipped(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Floods hit Dhaka."}\nnot json\n{"title": "no text"}\n', encoding="utf-8")
    docs, errors = read([tmp_path / "nowhere.txt", feed])
    assert [d.text for d in docs] == ["Floods hit Dhaka."]
    messages = [str(e) for e in errors]
    assert "nowhere.txt: no such file or folder" in messages[0]
    assert "feed.jsonl:2: not valid JSON" in messages[1]
    assert 'feed.jsonl:3: no "text" field' in messages[2]


def test_ids_are_paths_inside_the_folder_and_stay_distinct(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story {folder} from Rome.", encoding="utf-8")
    docs, _ = read([tmp_path])
    assert [d.id for d in docs] == ["a/story", "b/story"]
    docs, _ = read([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"])
    assert [d.id for d in docs] == ["story", "story~2"]


def test_decode_strips_a_byte_order_mark():
    assert decode("x", "\ufeffHello".encode("utf-8")) == "Hello"
    with pytest.raises(InputError):
        decode("x", b"\xff\xfe\x00a")


def test_dateline_and_headline_are_read_from_the_first_lines():
    text = "Published: Tue, February 12, 2019\nWorld | By Jane Doe\n\nRebels Take The Northern Town\n\nBody."
    assert guess_date(text) == "2019-02-12"
    assert guess_title(text) == "Rebels Take The Northern Town"
    assert guess_date("12 March 2020 - Lagos") == "2020-03-12"
    assert guess_date("No date here.") is None
