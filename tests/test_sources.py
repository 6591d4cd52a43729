import json
import os

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


def test_decode_strips_a_byte_order_mark_and_reads_utf16():
    assert decode("x", "\ufeffHello".encode("utf-8")) == "Hello"
    assert decode("x", "\ufeffRebels took Kafr Nabl.".encode("utf-16-le")) == "Rebels took Kafr Nabl."
    assert decode("x", "\ufeffRebels took Kafr Nabl.".encode("utf-16-be")) == "Rebels took Kafr Nabl."
    with pytest.raises(InputError, match="UTF-16"):
        decode("x", b"\xff\xfe\x00\xd8")  # a lone surrogate
    with pytest.raises(InputError, match="binary"):
        decode("x", b"PK\x03\x04\x00\x00")


def test_html_is_read_in_the_character_set_it_declares():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owners in S\xe3o Paulo said</p>'
    assert "Café owners in São Paulo" in decode("x", page.encode("cp1252"), html=True)
    with pytest.raises(InputError, match="UTF-8"):
        decode("x", "Caf\xe9".encode("cp1252"))  # plain text declares nothing


def test_dateline_and_headline_are_read_from_the_first_lines():
    text = "Published: Tue, February 12, 2019\nWorld | By Jane Doe\n\nRebels Take The Northern Town\n\nBody."
    assert guess_date(text) == "2019-02-12"
    assert guess_title(text) == "Rebels Take The Northern Town"
    assert guess_date("12 March 2020 - Lagos") == "2020-03-12"
    assert guess_date("No date here.") is None


HOSTILE_LINES = {
    "huge id": '{"id": ' + "9" * 5000 + ', "text": "Rebels took the town."}',
    "deep": "[" * 100_000 + "]" * 100_000,
    "list id": '{"id": [1, 2], "text": "Rebels took the town."}',
    "long id": '{"id": "' + "x" * 500 + '", "text": "Rebels took the town."}',
}


def test_one_hostile_jsonl_line_costs_only_itself(tmp_path):
    good = '{"id": "ok", "text": "Rebels took the town of Kafr Nabl.", "title": 12, "url": ["x"], "date": "2019-02-30"}'
    surrogate = '{"id": "s\\ud800", "text": "Police in Lima said \\ud800 two men were held."}'
    lines = [*HOSTILE_LINES.values(), good, surrogate]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = read([tmp_path / "feed.jsonl"])
    assert [d.id for d in docs] == ["ok", "s\ufffd"]
    assert docs[0].title is None and docs[0].url is None and docs[0].date is None  # 12, ["x"], 2019-02-30
    assert "\ufffd" in docs[1].text
    assert len(errors) == len(HOSTILE_LINES)
    assert all(str(e).startswith(str(tmp_path / "feed.jsonl") + ":") for e in errors)


def test_special_files_are_reported(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Rebels took the town of Kafr Nabl.", encoding="utf-8")
    (tmp_path / "in" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    docs, errors = read([tmp_path / "in", "/dev/zero"])
    assert [d.id for d in docs] == ["ok"]
    reasons = " | ".join(str(e) for e in errors)
    assert "gone.txt: dangling symbolic link" in reasons and "pipe.txt: not a regular file" in reasons
    assert "/dev/zero: not a regular file" in reasons


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder, so none is unreadable")
def test_an_unreadable_folder_is_reported(tmp_path):
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    (tmp_path / "in" / "ok.txt").write_text("Rebels took the town of Kafr Nabl.", encoding="utf-8")
    locked.chmod(0)
    try:
        docs, errors = read([tmp_path / "in"])
    finally:
        locked.chmod(0o755)
    assert [d.id for d in docs] == ["ok"] and "cannot read folder" in str(errors[0])


def test_a_file_too_large_is_refused_without_reading_it(tmp_path, monkeypatch):
    import kg.sources

    monkeypatch.setattr(kg.sources, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    docs, errors = read([tmp_path / "big.txt"])
    assert docs == [] and "too large" in str(errors[0])


def test_articles_are_counted_before_reading_json_lines_by_their_lines(tmp_path):
    from kg.sources import count_articles

    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "Two."}\n\n{"text": "Three."}\n', encoding="utf-8")
    assert count_articles([tmp_path]) == 3
    assert count_articles([tmp_path, "-"]) is None  # stdin is not counted
