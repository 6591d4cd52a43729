"""How much of a corpus a second, parsing pass would have to read, and what each spaCy component costs.

usage: python bench/second_pass.py [--docs 600] [CORPUS ...]   (default: the BBC corpus and seeds/)

kg reads the parse, the tags and the lemmas only around the names it finds: relations need
sentences that hold two entities, and cleaning a name reads its tokens and their heads. A
pipeline that ran tok2vec, the tagger and the parser only there would save their cost on the
rest. This prints, per corpus, the share of sentences and of words in sentences with at least one
and at least two of kg's entities, and the CPU seconds of each component of kg's pipeline on the
same texts, so that the saving such a pass can bring is a figure, not a guess.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpus" / "bbc", ROOT / "seeds"]


def articles(corpus: Path, limit: int) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.parent != corpus or corpus.name == "seeds")
    return files[:limit]


def shares(paths: list[Path]) -> dict[str, float]:
    from kg.model import Document
    from kg.pipeline import Extractor

    extractor = Extractor()
    documents = [Document(id=str(i), text=p.read_text(encoding="utf-8"), source=str(p)) for i, p in enumerate(paths)]
    counts = {"sentences": 0, "words": 0, "sentences_1": 0, "words_1": 0, "sentences_2": 0, "words_2": 0}
    texts = []
    by_id = {d.id: d for d in documents}
    for result in extractor.process(documents):  # an article skipped (not English, unreadable) counts for nothing
        document = by_id[result.doc.id]
        masked = extractor.boilerplate.read(document.text).mask(document.text)
        texts.append(masked)
        starts = sorted(m.start for m in result.mentions)
        entity_at = {m.start: m.entity for m in result.mentions}
        for sentence in extractor.nlp(masked).sents:
            words = sum(1 for t in sentence if not t.is_space and not t.is_punct)
            held = {entity_at[s] for s in starts if sentence.start_char <= s < sentence.end_char}
            counts["sentences"] += 1
            counts["words"] += words
            for n in (1, 2):
                if len(held) >= n:
                    counts[f"sentences_{n}"] += 1
                    counts[f"words_{n}"] += words
    seconds = component_seconds(extractor.nlp, texts)
    total = sum(seconds.values())
    return {**{f"{k} share": counts[k] / max(counts[k.split("_")[0]], 1) for k in counts if "_" in k},
            **{f"{name} CPU share": s / total for name, s in seconds.items()}}


def component_seconds(nlp, texts: list[str]) -> dict[str, float]:
    docs = [nlp.make_doc(t) for t in texts]
    seconds = {}
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        seconds[name] = time.process_time() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--docs", type=int, default=600, help="the first N articles of each corpus")
    args = parser.parse_args()
    for corpus in args.corpora:
        paths = articles(corpus, args.docs)
        print(f"{corpus} ({len(paths)} articles)")
        for name, share in shares(paths).items():
            print(f"  {name:<32} {share:6.1%}")


if __name__ == "__main__":
    main()
