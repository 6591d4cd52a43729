import pytest

from kg.names import consonant_skeleton, fold, is_acronym, is_acronym_of, name_key, spelling_variants


@pytest.mark.parametrize("a, b", [("U.S.", "US"), ("ISIS", "Isis"), ("the Kurds", "Kurds"),
                                  ("Daphné", "Daphne"), ("al-Qa'ida", "al Qaida")])
def test_case_accent_and_punctuation_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("IS", "US"), ("AP", "AFP"), ("Syria", "Syrian Democratic Forces"),
                                  ("Iraq", "Iran")])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("acronym, name", [("SDF", "Syrian Democratic Forces"), ("AFP", "Agence France-Presse"),
                                           ("IS", "Islamic State"), ("ISIL", "Islamic State of Iraq and the Levant"),
                                           ("SOHR", "Syrian Observatory for Human Rights"), ("UN", "United Nations")])
def test_acronyms_spell_initials(acronym, name):
    assert is_acronym(acronym) and is_acronym_of(acronym, name)


@pytest.mark.parametrize("acronym, name", [("AP", "Agence France-Presse"), ("US", "Islamic State"),
                                           ("SDF", "Syria"), ("NATO", "North Korea")])
def test_acronyms_that_do_not_fit(acronym, name):
    assert not is_acronym_of(acronym, name)


@pytest.mark.parametrize("a, b", [("Baghouz", "Baghuz"), ("Deir ez-Zor", "Deir el-Zour"), ("Deir ez-Zor", "Deir Ezzor"),
                                  ("al-Qaeda", "al-Qaida"), ("Mohammed", "Muhammad"), ("Aleppo", "Alepo")])
def test_transliteration_variants(a, b):
    assert spelling_variants(a, b)
    assert consonant_skeleton(name_key(a)) == consonant_skeleton(name_key(b))


@pytest.mark.parametrize("a, b", [("Iraq", "Iran"), ("Austria", "Australia"), ("Niger", "Nigeria"), ("IS", "US"),
                                  ("AP", "AFP"), ("Syria", "Syrian Democratic Forces"), ("Karen", "Koran"),
                                  ("Sudan", "Sweden"), ("Mali", "Malia"), ("Peter", "Petra"), ("Goole", "Google")])
def test_look_alikes_are_not_spelling_variants(a, b):
    assert not spelling_variants(a, b)


def test_names_without_accents_fold_to_themselves_and_accents_go():
    assert fold("Nora Quill") == "Nora Quill"
    assert fold("Daphné ﬁnch") == "Daphne finch"
