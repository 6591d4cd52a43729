"""Train the boilerplate line classifier (ontology/boilerplate_model.json) on scraped pages.

usage: python train/boilerplate.py [--data ../shared/eval/scraped] [--out ontology/boilerplate_model.json]
                                   [--folds 5] [--folds-out DIR]

Labels come from the pages themselves: a line of a page's plain-text dump (`txt/`) is article text
when it lies inside trafilatura's extraction of the same page's HTML (`body/`, via gold.json), and
furniture otherwise. Pages are grouped by site, and every figure printed is cross-validated by site
(a site's pages are never scored by a model that saw them). `--folds-out DIR` also writes each fold's
model beside the list of pages it held out, for `bench/scraped.py` to score held-out pages end to end.
Needs scikit-learn (`pip install scikit-learn`); the shipped model needs only numpy.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.boilerplate.features import FEATURES, Phrases, line_features  # noqa: E402
from kg.boilerplate.lines import split_lines  # noqa: E402
from kg.boilerplate.model import STACKED, LineModel, Stage, stacked_features  # noqa: E402
from kg.ontology import ONTOLOGY_DIR, read_json  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "scraped"
WORDS = re.compile(r"\w+")
SHARED_TRIGRAMS = 0.5  # a line is article text when this share of its word trigrams is the body's
C = 1.0  # inverse regularisation strength of both stages
SEED = 0


def normalise(text: str) -> str:
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    text = re.sub(r"^\s*(?:[*+#•·o-]|\d+\.)\s+", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def label_lines(lines: list, body: str, title: str | None = None) -> list[bool]:
    """Whether each line of a dump is article text: it is a whole paragraph of the body or the
    article's title (which trafilatura keeps apart from the body), or (three words or more) most of
    its word trigrams are the body's. Trigrams rather than the whole line, because a dump's line may
    hold a paragraph with an image's text or a link glued to it."""
    paragraphs = {normalise(p) for p in body.splitlines() if p.strip()}
    if title:
        paragraphs.add(normalise(title))
    words = WORDS.findall(normalise(body))
    trigrams = {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
    labels = []
    for line in lines:
        text = normalise(line.text)
        if text in paragraphs:
            labels.append(True)
            continue
        own = WORDS.findall(text)
        grams = [tuple(own[i:i + 3]) for i in range(len(own) - 2)]
        labels.append(bool(grams) and sum(g in trigrams for g in grams) >= SHARED_TRIGRAMS * len(grams))
    return labels


def page_title(data: Path, page_id: str) -> str | None:
    """The article's title as trafilatura reads it from the page's HTML."""
    import trafilatura

    path = data / "html" / f"{page_id}.html"
    if not path.exists():
        return None
    metadata = trafilatura.extract_metadata(path.read_text(encoding="utf-8", errors="replace"))
    return metadata.title if metadata is not None else None


def load_pages(data: Path, phrases: Phrases) -> list[dict]:
    """Every page with a dump: its lines' features, labels, lengths and its site."""
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(gold.items()):
        path = data / "txt" / f"{page_id}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = split_lines(text)
        if not lines:
            continue
        title = page_title(data, page_id)
        labels = [int(is_article) for is_article in label_lines(lines, entry["body"], title)]
        site = urlparse(entry.get("url") or "").netloc or page_id
        pages.append(_page(page_id, site, text, lines, labels, phrases))
        # the article alone, as a clean text is given (newswire, a feed's JSONL): every line is kept
        body = entry["body"]
        pages.append(_page(page_id, site, body, split_lines(body), None, phrases, clean=True))
    return pages


def _page(page_id: str, site: str, text: str, lines: list, labels: list[int] | None, phrases: Phrases,
          clean: bool = False) -> dict:
    return {"id": page_id, "site": site, "clean": clean, "x": np.asarray(line_features(text, lines, phrases)),
            "y": np.asarray(labels if labels is not None else [1] * len(lines)),
            "w": np.asarray([len(line.text) for line in lines], dtype=np.float64)}


def fit_stage(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> Stage:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
    model.fit((x - mean) / scale, y, sample_weight=weights)
    return Stage(mean, scale, model.coef_[0], float(model.intercept_[0]))


def sample_weights(pages: list[dict]) -> np.ndarray:
    """A line weighs its length: what is kept or lost is text (and the names in it), not lines."""
    return np.concatenate([p["w"] for p in pages])


def site_folds(pages: list[dict], k: int) -> list[list[int]]:
    """Page indices of k folds, whole sites to a fold, deterministic."""
    sites = sorted({p["site"] for p in pages}, key=lambda s: (hash_of(s), s))
    fold_of = {site: i % k for i, site in enumerate(sites)}
    return [[i for i, p in enumerate(pages) if fold_of[p["site"]] == f] for f in range(k)]


def hash_of(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def fit(pages: list[dict], k: int = 5) -> LineModel:
    """Both stages on `pages`; the second learns from the first's out-of-fold verdicts, as it will
    see verdicts on pages the first never saw."""
    folds = site_folds(pages, k)
    stacked: dict[int, np.ndarray] = {}
    for held in folds:
        train = [pages[i] for i in range(len(pages)) if i not in set(held)]
        first = fit_stage(*_stack(train), sample_weights(train))
        for i in held:
            stacked[i] = stacked_features(first.probabilities(pages[i]["x"]), pages[i]["w"])
    first = fit_stage(*_stack(pages), sample_weights(pages))
    x2 = np.vstack([np.hstack([p["x"], stacked[i]]) for i, p in enumerate(pages)])
    second = fit_stage(x2, np.concatenate([p["y"] for p in pages]), sample_weights(pages))
    return LineModel(first, second, threshold=0.5)


def _stack(pages: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    return np.vstack([p["x"] for p in pages]), np.concatenate([p["y"] for p in pages])


def cross_validate(pages: list[dict], k: int, folds_out: Path | None) -> None:
    """Line-level precision and recall of article text (by characters) on held-out sites, and the
    share of clean texts kept."""
    tp = fp = fn = clean_kept = clean_total = 0.0
    for f, held in enumerate(site_folds(pages, k)):
        train = [pages[i] for i in range(len(pages)) if i not in set(held)]
        model = fit(train, k)
        for i in held:
            page = pages[i]
            kept = np.asarray(model.verdicts(page["x"], page["w"]), dtype=bool)
            if page["clean"]:
                clean_kept += page["w"][kept].sum()
                clean_total += page["w"].sum()
                continue
            tp += page["w"][kept & (page["y"] == 1)].sum()
            fp += page["w"][kept & (page["y"] == 0)].sum()
            fn += page["w"][~kept & (page["y"] == 1)].sum()
        if folds_out:
            folder = folds_out / f"fold{f}"
            folder.mkdir(parents=True, exist_ok=True)
            write_model(model, folder / "boilerplate_model.json")
            (folder / "pages.txt").write_text("".join(pages[i]["id"] + "\n" for i in held if not pages[i]["clean"]),
                                              encoding="utf-8")
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"held-out sites, {k} folds, by characters: precision {precision:.3f} recall {recall:.3f} "
          f"F1 {2 * precision * recall / max(precision + recall, 1e-9):.3f}; "
          f"clean texts kept {clean_kept / max(clean_total, 1):.3f}")


def write_model(model: LineModel, path: Path) -> None:
    data = {"_comment": "Written by train/boilerplate.py: logistic weights of the line classifier of "
                        "kg/boilerplate. Retrain rather than edit.", **model.to_data()}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ONTOLOGY_DIR / "boilerplate_model.json")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--folds-out", type=Path)
    args = parser.parse_args()
    phrases = Phrases.from_data(read_json(ONTOLOGY_DIR / "boilerplate.json"))
    pages = load_pages(args.data, phrases)
    dumps = [p for p in pages if not p["clean"]]
    print(f"{len(dumps)} pages of {len({p['site'] for p in dumps})} sites, {sum(len(p['y']) for p in dumps)} lines, "
          f"{sum(int(p['y'].sum()) for p in dumps)} of them article text, and their {len(pages) - len(dumps)} clean "
          f"articles; {len(FEATURES) + len(STACKED)} features")
    cross_validate(pages, args.folds, args.folds_out)
    write_model(fit(pages, args.folds), args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
