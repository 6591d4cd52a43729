"""The resolution rules, in the order they run (`RULES`). Each is a function that reads the
`Clusters` and joins some of them, giving the id of its rule (`kg.resolve.explain`) for every join.

A rule looks only within blocks that share a key (a name, a skeleton, a surname), so the cost grows
with the number of distinct names. People never join places or organisations, except by the
tagging-slip rule. A new rule is a function here and a line in `RULES`; its thresholds go in
`ontology/resolver.json` (`Settings`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.lang.en.stop_words import STOP_WORDS

from kg.names import (
    FUNCTION_WORDS,
    GENERATIONAL,
    NICKNAME_RULE,
    SHORT_NAME_RULE,
    SURNAME_RULE,
    consonant_skeleton,
    initials,
    is_acronym,
    letter_dropped,
    misspelled_word,
    name_key,
    spelling_variants,
)
from kg.resolve.clusters import Clusters, Local, Ref, same_name_key
from kg.resolve.explain import (
    ACRONYM,
    ALIAS_TABLE,
    FIRST_NAME,
    GLUED_WORDS,
    INITIALS,
    MISSPELLING,
    NICKNAME,
    OVERRIDE,
    PERSON_NAME,
    PLACE_QUALIFIED,
    SAME_NAME,
    SAME_PLACE,
    SHORT_NAME,
    SPELLING_VARIANT,
    SURNAME,
    TAGGING_SLIP,
)
from kg.resolve.people import compatible_names, person_words

DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
Rule = Callable[[Clusters], None]


def join_alias_table(clusters: Clusters) -> None:
    """Names of one entry of the alias table (`ontology/aliases.json` and pycountry's countries)
    join: Daesh = Islamic State."""
    first: dict[int, Local] = {}
    for loc in clusters.locals:
        entry = clusters.entry_of[loc.ref]
        if entry is None:
            continue
        if entry in first:
            clusters.union(first[entry], loc, ALIAS_TABLE, name=loc.entity.name,
                           entry=clusters.aliases.entries[entry].name)
        else:
            first[entry] = loc


def join_same_names(clusters: Clusters) -> None:
    """Entities of one family and one name key join (U.S. = US, ISIS = Isis); a nickname the text
    gives is a name too (Juan Carlos "Charlie" Mendez = Charlie Mendez), and places meet by their
    `place_key` as well (Mt Kenya = Mount Kenya)."""
    first: dict[tuple[str, str], tuple[Local, str, dict]] = {}
    genders: dict[str, set[str]] = defaultdict(set)  # a lone surname's genders in the corpus
    for loc in clusters.locals:
        if clusters.family_of(loc) == "person" and " " not in loc.key and loc.entity.gender:
            genders[loc.key].add(loc.entity.gender)
    for loc in clusters.locals:
        family = clusters.family_of(loc)
        if family == "person" and " " not in loc.key and (loc.entity.gender or len(genders[loc.key]) == 1):
            # Mr Hartley and Miss Hartley are two people; a bare Hartley is Mr Hartley if no Miss is
            family = loc.entity.gender or next(iter(genders[loc.key]))
        names = [(family, loc.key, SAME_NAME, {"name": loc.entity.name})] + [
            (family, same_name_key(form), NICKNAME, {"name": form, "doc": loc.doc})
            for form, rule in loc.entity.links if rule == NICKNAME_RULE]
        if clusters.type_of[loc.ref] == "Place":
            names.append(("place", _place_key(clusters, loc.key), SAME_PLACE, {"name": loc.entity.name}))
        for family, key, rule, details in names:
            anchor, why, told = first.setdefault((family, key), (loc, rule, details))
            clusters.union(anchor, loc, why, **told)


def _place_key(clusters: Clusters, key: str) -> str:
    """A place's name key with its first word spelled out and a generic last word dropped:
    Mt Kenya and Mount Kenya, the Caspian Sea and the Caspian meet."""
    ontology = clusters.ontology
    words = key.split()
    words[0] = ontology.place_abbreviations.get(words[0], words[0])
    if len(words) > 1 and words[-1] in ontology.place_generic_words and len(words[-2]) > 3 \
            and not (len(words) == 2 and words[0] in DIRECTIONS):
        words.pop()
    return " ".join(words)


def join_acronyms(clusters: Clusters) -> None:
    """An acronym defined in some document ("Syrian Democratic Forces (SDF)") joins the bare
    acronym everywhere, unless documents define it for different names."""
    definers: dict[str, list[Local]] = defaultdict(list)
    for loc in clusters.locals:
        if loc.entity.acronym:
            definers[same_name_key(loc.entity.acronym)].append(loc)
    for loc in clusters.locals:
        defined = definers.get(loc.key)
        if not defined or clusters.family_of(loc) == "person":
            continue
        if len({clusters.find(d.ref) for d in defined}) == 1:  # defined for two names: ambiguous
            clusters.union(defined[0], loc, ACRONYM, acronym=loc.entity.name, doc=defined[0].doc)


def join_initials(clusters: Clusters) -> None:
    """An acronym no article defines (ESA) joins the one entity whose name of several words it
    spells (the European Space Agency) anywhere in the corpus, when the articles of the two share
    what else they name: the entities mentioned beside both, each weighing the more the fewer
    articles name it (log of the corpus's articles over its own), must reach `initials_evidence`.
    A name alone is no evidence: that a well-known acronym spells some school or brewery the corpus
    also names is chance. Not a person's initials, nor when two entities have them (HBC: the Harlow
    and the Haldane Broadcasting Company), nor for an acronym that already belongs to a name of
    several words."""
    spelled: dict[str, dict[Ref, Local]] = defaultdict(dict)
    for loc in clusters.locals:
        if clusters.family_of(loc) != "person" and _capitalised_words(loc.entity.name):
            for letters in initials(loc.entity.name):
                spelled[letters].setdefault(clusters.find(loc.ref), loc)
    named = {clusters.find(loc.ref) for loc in clusters.locals if " " in loc.key}
    candidates = []
    for loc in clusters.locals:
        name = loc.entity.name
        if clusters.family_of(loc) == "person" or clusters.entry_of[loc.ref] is not None or not is_acronym(name):
            continue
        holders = spelled.get(name.replace(".", "").replace("&", ""), {})
        if len(holders) == 1 and clusters.find(loc.ref) not in named:
            candidates.append((loc, next(iter(holders.values()))))
    if not candidates:
        return
    evidence = _shared_context(clusters)
    for acronym, holder in candidates:
        if evidence(clusters.find(acronym.ref), clusters.find(holder.ref)) >= clusters.settings.initials_evidence:
            clusters.union(holder, acronym, INITIALS, acronym=acronym.entity.name, name=holder.entity.name)


def _shared_context(clusters: Clusters) -> Callable[[Ref, Ref], float]:
    """A function of two clusters: how much the entities named beside both in their articles say,
    each weighing log(articles / its articles), so that a country every article names says little."""
    documents, by_document = clusters.documents(), clusters.by_document()
    weight = {root: math.log(len(by_document) / len(docs)) for root, docs in documents.items()}

    def beside(root: Ref) -> set[Ref]:
        return {clusters.find(loc.ref) for doc in documents[root] for loc in by_document[doc]} - {root}

    def shared(a: Ref, b: Ref) -> float:
        return sum(weight[root] for root in (beside(a) & beside(b)) - {a, b})
    return shared


def _capitalised_words(name: str) -> bool:
    """Whether a name is of several words, each but a function word capitalised ("Da Nang airport"
    spells no DNA)."""
    words = name.split()
    return len(words) > 1 and all(w[0].isupper() or w.lower() in FUNCTION_WORDS for w in words)


def join_spelling_variants(clusters: Clusters) -> None:
    """Transliteration variants join: Baghouz = Baghuz, Deir ez-Zor = Deir Ezzor."""
    blocks: dict[tuple[str, str], dict[str, Local]] = defaultdict(dict)
    for loc in clusters.locals:
        # A surname alone is no transliteration: Meyer and Mayer are two families.
        if not is_acronym(loc.entity.name) and not (clusters.family_of(loc) == "person" and " " not in loc.key):
            blocks[(clusters.family_of(loc), consonant_skeleton(loc.key))].setdefault(loc.key, loc)
    for block in blocks.values():
        keys = sorted(block)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if spelling_variants(a, b):
                    clusters.union(block[a], block[b], SPELLING_VARIANT, name=block[b].entity.name,
                                   other=block[a].entity.name)


def join_misspellings(clusters: Clusters) -> None:
    """A name of several words written with a slip of one letter in one long word joins the name
    written right, when that one is used at least `misspelling_ratio` times as often (Robert
    Lewandowksi, Jakob Zuma), unless the slipped word is part of other names (Paul Thomson and Paul
    Thompson are two drummers; Iceland is no slip for Ireland). Two names one document writes are
    two things."""
    settings = clusters.settings
    # names alike but for one long word: the candidates, blocked so the cost stays linear
    alike: dict[tuple[str, int, str], dict[str, Local]] = defaultdict(dict)
    for loc in clusters.locals:
        words = loc.key.split()
        if len(words) > 1 and not is_acronym(loc.entity.name):
            for i, word in enumerate(words):
                if len(word) >= settings.misspelling_letters:
                    masked = " ".join([*words[:i], "*", *words[i + 1:]])
                    alike[(clusters.family_of(loc), i, masked)].setdefault(loc.key, loc)
    candidates: dict[tuple[str, str, str], tuple[Local, Local]] = {}
    for (family, position, _), block in alike.items():
        if len(block) > 1:
            sharing: dict[str, list[str]] = defaultdict(list)
            for key in sorted(block):
                for cut in letter_dropped(key.split()[position]):
                    sharing[cut].append(key)
            candidates.update({(family, a, b): (block[a], block[b]) for keys in sharing.values()
                               for i, a in enumerate(keys) for b in keys[i + 1:]
                               if misspelled_word(a, b, settings.misspelling_letters)})
    if not candidates:
        return
    mentions = clusters.mentions()
    documents: dict[str, set[str]] = defaultdict(set)  # name key -> the documents writing it
    named_with: dict[str, set[tuple[str, str]]] = defaultdict(set)  # word -> the names it is part of
    for loc in clusters.locals:
        documents[loc.key].add(loc.doc)
        for word in loc.key.split():
            named_with[word].add((loc.key, clusters.type_of[loc.ref]))

    def only_here(slip: Local, right: Local) -> bool:
        """The slipped word is in no name but this one and its own short forms: a word that names
        something else (Thomson, Iceland) is no slip."""
        words, type_ = slip.key.split(), clusters.type_of[slip.ref]
        word = next(w for w, r in zip(words, right.key.split(), strict=True) if w != r)
        return all(set(name.split()) <= set(words) and of == type_ for name, of in named_with[word])

    for _, (a, b) in sorted(candidates.items(), key=lambda item: item[0]):
        right, slip = sorted((a, b), key=lambda loc: (-mentions[clusters.find(loc.ref)], loc.key))
        if mentions[clusters.find(right.ref)] >= settings.misspelling_ratio * mentions[clusters.find(slip.ref)] \
                and not documents[right.key] & documents[slip.key] and only_here(slip, right):
            clusters.union(right, slip, MISSPELLING, name=slip.entity.name, other=right.entity.name)


def join_tagging_slips(clusters: Clusters) -> None:
    """A name the tagger read two ways (Spears a place thrice, a person seventeen times) joins the
    entity of the other family that has `ner_majority` times the mentions of this family's and
    `salience` times those of any rival, unless the name is the alias table's (Jordan the country
    stays one). Two things of one name of several words are rare ("Freddie Ljungberg" an
    organisation in two articles, a person named eight times in two others): there the entity
    with more mentions, all its names counted, wins."""
    settings = clusters.settings
    usage: dict[str, Counter[Ref]] = defaultdict(Counter)
    for loc in clusters.locals:
        root = clusters.find(loc.ref)
        for key, n in loc.forms.items():
            usage[key][root] += n
    mentions = clusters.mentions()
    for loc in clusters.locals:
        users = usage.get(loc.key)
        if not users or clusters.entry_of[loc.ref] is not None:
            continue
        mine = clusters.family_of(loc)
        if len(users) == 1 and clusters.family_of(clusters.by_ref[next(iter(users))]) == mine:
            continue  # the name's only entity: no reading to weigh against (most names, in a large corpus)
        if " " in loc.key:  # every mention of each entity that uses the name
            users = Counter({root: mentions[root] for root in users})
        theirs = Counter({root: n for root, n in users.items() if clusters.family_of(clusters.by_ref[root]) != mine})
        if not theirs:
            continue
        ours = sum(n for root, n in users.items() if root not in theirs)
        (root, n), *rivals = theirs.most_common()
        majority = n > ours if " " in loc.key else n >= settings.ner_majority * ours
        if majority and n >= settings.salience * sum(m for _, m in rivals):
            clusters.union(clusters.by_ref[root], loc, TAGGING_SLIP, type=clusters.type_of[loc.ref], ours=ours,
                           all=ours + theirs.total())
            clusters.type_of[loc.ref] = clusters.type_of[root]  # later rules see it as what it is


def join_person_names(clusters: Clusters) -> None:
    """People's full names that agree on the surname and do not disagree on first or middle names
    join (Harvey Oswald = Lee Harvey Oswald, Fred Smith = Frederick W. Smith, Bill = William by the
    `nicknames` table, but not Ed and David Miliband). Two full names that one document writes
    for two people stay apart: Nancy may be a nickname of Ann, but not where Ann Wilson and Nancy
    Wilson are sisters in one story."""
    by_surname: dict[str, dict[str, Local]] = defaultdict(dict)
    written_in: dict[str, set[str]] = defaultdict(set)
    for loc in clusters.locals:
        words = person_words(loc.key)
        if clusters.type_of[loc.ref] == "Person" and len(words) > 1:
            by_surname[words[-1]].setdefault(loc.key, loc)
            written_in[loc.key].add(loc.doc)

    def one_person(a: str, b: str) -> bool:
        return compatible_names(a, b) and not written_in[a] & written_in[b]

    for block in by_surname.values():
        keys = sorted(block)
        fits = {a: [b for b in keys if b != a and one_person(a, b)] for a in keys}
        # "Le Pen" fits Marine Le Pen and Marion Marechal Le Pen, who do not fit each other.
        unambiguous = {a for a in keys if all(compatible_names(b, c) for b in fits[a] for c in fits[a] if b < c)}
        for a in keys:
            if a in unambiguous:
                for b in (b for b in fits[a] if b in unambiguous):
                    longer, shorter = sorted((block[a], block[b]), key=lambda loc: (-len(loc.key), loc.key))
                    clusters.union(longer, shorter, PERSON_NAME, name=shorter.entity.name, other=longer.entity.name)


def join_surnames(clusters: Clusters) -> None:
    """A one-word person name joins the person whose full name ends (or, failing that, begins)
    with it: the only one, or one named `salience` times as often as all the others together
    (a lone "Clinton" is Hillary Clinton, not Chelsea Clinton, in a story about her). A first name
    needs evidence beyond the name as well: an entity its documents share with the full name's
    (Andrew in a story on the Queen is not Andrew McCabe of another story). A one-word name that
    also names a place or organisation (Rovers) is nobody's surname."""
    positions = ((SURNAME, -1), (FIRST_NAME, 0))
    bearers: dict[tuple[int, str], Counter[Ref]] = defaultdict(Counter)
    for loc in clusters.locals:
        words = person_words(loc.key)
        if clusters.type_of[loc.ref] == "Person" and len(words) > 1:
            for _, position in positions:
                bearers[(position, words[position])][clusters.find(loc.ref)] += loc.mentions
    elsewhere = clusters.named_otherwise("Person")
    in_document, documents = clusters.by_document(), clusters.documents()
    called: dict[str, set[tuple[str, Ref]]] = defaultdict(set)  # surname -> (article, person) it stood for alone
    for loc in clusters.locals:
        for form, how in loc.entity.links:
            if how == SURNAME_RULE and " " not in form.strip():
                called[same_name_key(form)].add((loc.doc, loc.ref))

    def share_an_entity(loc: Local, root: Ref) -> bool:
        """True when a document of `loc` names an entity, besides the two, that a document of the
        cluster `root` names too."""
        mine = {clusters.find(other.ref) for other in in_document[loc.doc]} - {clusters.find(loc.ref), root}
        return any(clusters.find(other.ref) in mine for d in documents[root] for other in in_document[d])

    for loc in clusters.locals:
        if (clusters.type_of[loc.ref] != "Person" or " " in loc.key or clusters.entry_of[loc.ref] is not None
                or loc.key in elsewhere):
            continue
        for rule, position in positions:
            counts: Counter[Ref] = Counter()
            for ref, n in bearers.get((position, loc.key), Counter()).items():
                counts[clusters.find(ref)] += n
            if counts:
                (top, n), *others = counts.most_common()
                if n >= clusters.settings.salience * sum(m for _, m in others) and \
                        (rule == SURNAME or share_an_entity(loc, top)):
                    clusters.union(clusters.by_ref[top], loc, rule, name=loc.entity.name)
                elif rule == SURNAME and (usual := _usual_bearer(clusters, loc, set(counts), called[loc.key])):
                    clusters.union(clusters.by_ref[usual], loc, rule, name=loc.entity.name)
                break


def _usual_bearer(clusters: Clusters, loc: Local, bearers: set[Ref], called: set[tuple[str, Ref]]) -> Ref | None:
    """The one of `bearers` (roots) whom other articles, `surname_articles` of them or more, call
    by the surname alone, when they call no other so: a lone "Haldane" in a story that also names
    his wife in full is the Haldane every other story calls Haldane."""
    articles: dict[Ref, set[str]] = defaultdict(set)
    for doc, ref in called:
        if doc != loc.doc and clusters.find(ref) in bearers:
            articles[clusters.find(ref)].add(doc)
    if len(articles) == 1:
        (usual, docs), = articles.items()
        if len(docs) >= clusters.settings.surname_articles:
            return usual
    return None


def join_glued_words(clusters: Clusters) -> None:
    """A rare person's name that begins with a frequent person's full name, up to
    `max_glued_words` words glued on after it, joins it: "Britney Spears Checks Into Rehab"
    (a headline). Not a generation's suffix: Robert Haldane Jr. is Robert Haldane's son."""
    settings = clusters.settings
    mentions, documents = clusters.mentions(), clusters.documents()
    by_name: dict[tuple[str, str], set[Ref]] = defaultdict(set)
    for loc in clusters.locals:
        by_name[(clusters.type_of[loc.ref], loc.key)].add(clusters.find(loc.ref))
    for loc in clusters.locals:
        root, words = clusters.find(loc.ref), loc.key.split()
        if mentions[root] > 2 or len(documents[root]) > 1 or clusters.type_of[loc.ref] != "Person":
            continue  # North America is not America, nor United Nations University the UN
        for n in range(len(words) - 1, max(1, len(words) - 1 - settings.max_glued_words), -1):
            if GENERATIONAL & set(words[n:]):
                break
            found = {r for r in by_name.get((clusters.type_of[loc.ref], " ".join(words[:n])), ())
                     if mentions[clusters.find(r)] >= settings.salience * mentions[root]}
            targets = {clusters.find(r) for r in found} - {root}
            if len(targets) == 1:
                clusters.union(clusters.by_ref[targets.pop()], loc, GLUED_WORDS, name=loc.entity.name)
            if targets:
                break


def join_place_qualified_names(clusters: Clusters) -> None:
    """A name that some organisation's name is, with a place before it, joins that organisation
    when it is the only one so named and the name is no kind of organisation: Rovers the Harlow
    Rovers, Hornets the Mellford Hornets, but Police no police force."""
    places = {loc.key for loc in clusters.locals if clusters.type_of[loc.ref] == "Place"}
    generic = {name_key(w) for w in clusters.ontology.generic_org_words}
    qualified: dict[str, set[Ref]] = defaultdict(set)
    for loc in clusters.locals:
        words = loc.key.split()
        if clusters.family_of(loc) == "other" and clusters.type_of[loc.ref] != "Place":
            for n in range(1, len(words)):
                if " ".join(words[:n]) in places:
                    qualified[" ".join(words[n:])].add(clusters.find(loc.ref))
    mentions = clusters.mentions()
    for loc in clusters.locals:
        targets = {clusters.find(ref) for ref in qualified.get(loc.key, ())}
        if len(targets) != 1 or loc.key in generic or loc.key in STOP_WORDS or clusters.family_of(loc) != "other" \
                or clusters.entry_of[loc.ref] is not None or loc.key in places:
            continue
        (target,) = targets
        if clusters.settings.salience * mentions[target] >= mentions[clusters.find(loc.ref)]:
            clusters.union(clusters.by_ref[target], loc, PLACE_QUALIFIED, name=loc.entity.name,
                           other=clusters.by_ref[target].entity.name)


def join_learned_short_names(clusters: Clusters) -> None:
    """A short name some article used for a fuller one ("the Rovers" after "Harlow Rovers") joins
    that entity in articles that use only the short name, if it was learned for one entity (or for
    one `salience` times as often as for all others, whose mentions count) and the short name alone
    is not used `salience` times as often as that entity (one article calling the South Wales
    Evening Post "Wales" does not make Wales a newspaper), unless many articles taught it for
    that entity above all (twenty writing "Labour" after "Labour Party": the short name is the
    usual one)."""
    mentions = clusters.mentions()
    learned: dict[tuple[str, str], set[Ref]] = defaultdict(set)
    for loc in clusters.locals:
        for form, rule in loc.entity.links:
            if rule == SHORT_NAME_RULE:
                learned[(clusters.family_of(loc), same_name_key(form))].add(loc.ref)
    for loc in clusters.locals:
        teachers = learned.get((clusters.family_of(loc), loc.key))
        if not teachers or clusters.entry_of[loc.ref] is not None:
            continue
        target = _taught_entity(clusters, teachers, mentions, mentions[clusters.find(loc.ref)])
        if target is not None:
            teacher = clusters.by_ref[min(ref for ref in teachers if clusters.find(ref) == target)]
            clusters.union(clusters.by_ref[target], loc, SHORT_NAME, name=loc.entity.name,
                           other=teacher.entity.name, doc=teacher.doc)


def _taught_entity(clusters: Clusters, teachers: set[Ref], mentions: Counter[Ref], alone: int) -> Ref | None:
    """The entity a short name used `alone` times on its own stands for, given the entities whose
    articles taught it: the one named `salience` times as often as the others, if the short name
    is not `salience` times as common as that entity; or the one `taught_articles` articles or more
    taught it for, `taught_majority` times as many as for all others."""
    settings = clusters.settings
    salience = settings.salience
    targets = Counter({clusters.find(ref): mentions[clusters.find(ref)] for ref in teachers})
    (target, n), *others = sorted(targets.items(), key=lambda item: (-item[1], item[0]))
    if n >= salience * sum(m for _, m in others) and salience * n >= alone:
        return target
    articles = Counter(root for _, root in {(clusters.by_ref[ref].doc, clusters.find(ref)) for ref in teachers})
    (usual, taught), *rarer = sorted(articles.items(), key=lambda item: (-item[1], item[0]))
    if taught >= settings.taught_articles and taught >= settings.taught_majority * sum(m for _, m in rarer):
        return usual
    return None


def join_overrides(clusters: Clusters) -> None:
    """The user's `same` pairs: every entity named one way joins every entity named the other.
    (`different` pairs are kept apart by `Clusters.union`, whatever rule asks.)"""
    if not clusters.ontology.overrides.same:
        return
    named: dict[str, list[Local]] = defaultdict(list)
    for loc in clusters.locals:
        for key in loc.keys:
            named[key].append(loc)
    for a, b in clusters.ontology.overrides.same:
        group = named.get(same_name_key(a), []) + named.get(same_name_key(b), [])
        for loc in group[1:]:
            clusters.union(group[0], loc, OVERRIDE, name=a, other=b)


RULES: tuple[Rule, ...] = (
    join_alias_table,
    join_same_names,
    join_acronyms,
    join_spelling_variants,
    join_misspellings,
    join_tagging_slips,
    join_person_names,
    join_surnames,
    join_glued_words,
    join_place_qualified_names,
    join_learned_short_names,
    join_initials,
    join_tagging_slips,  # again, now that full names have gathered their short forms
    join_overrides,
)
