"""Text as data: texts become fixed-length token ids (characters, words, or subwords learnt with the `tokenizers`
library), the vocabulary learnt from the training rows only and kept with the model; and generating text from a
language model that predicts the next token."""
from __future__ import annotations

import functools
import inspect
import math
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from .errors import DataError, short
from .spec import DataSpec

if TYPE_CHECKING:
    import torch

VAL_FRACTION = DataSpec.model_fields["val_fraction"].default  # as preprocessing reads it (which imports datasets)

KINDS = ("chars", "words", "subwords")
SPECIALS = ("<pad>", "<unk>")  # ids 0 and 1 in every vocabulary
DEFAULT_PERCENTILE = 95.0  # the default sequence length covers this share of the training texts whole
MAX_SEQ_LEN = 1024
MAX_VOCAB = 50_000
DEFAULT_SUBWORDS = 2_000  # the subword vocabulary's size when a person does not choose one
MAX_GENERATE = 10_000  # characters one `generate` call may add

# ---- the tokeniser itself: plain Python (re, and tokenizers for subwords), copied as it is into a code export --

PAD, UNK = 0, 1
MAX_TEXT_CHARS = 100_000  # a longer cell is cut here before tokenising: no sequence needs more
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters; tab and newline are text
# Chinese and Japanese are written without spaces between words: each of their characters is a word of its own (as
# BERT's tokeniser splits them), not a whole sentence one word of its own, seen once
CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
WORD = re.compile(rf"[{CJK}]|[^\W{CJK}]+|[^\w\s]")


def clean_text(text) -> str:
    """A cell as the tokeniser reads it: text, control characters dropped, cut at MAX_TEXT_CHARS characters."""
    return CONTROL.sub("", str(text)[:MAX_TEXT_CHARS])


def split_tokens(text: str, kind: str, subwords=None) -> list:
    """A clean text as tokens: its characters, its words and punctuation (lower case; each Chinese or Japanese
    character a word), or the subwords a trained `tokenizers.Tokenizer` gives."""
    if kind == "chars":
        return list(text)
    if kind == "words":
        return WORD.findall(text.lower())
    return subwords.encode(text).tokens


def token_ids(texts, kind: str, vocab, seq_len: int, subwords=None) -> list:
    """Each text as seq_len token ids: cleaned, split into tokens, cut after seq_len tokens, padded with PAD in
    front (so a recurrent layer's last step is the text's last token), tokens outside `vocab` as UNK."""
    index = {token: i for i, token in enumerate(vocab)}
    rows = []
    for text in texts:
        ids = [index.get(token, UNK) for token in split_tokens(clean_text(text), kind, subwords)[:seq_len]]
        rows.append([PAD] * (seq_len - len(ids)) + ids)
    return rows

# ---- end of the copied part ------------------------------------------------------------------------------


# ---- learning a vocabulary of characters or words: plain Python too, copied into the standalone script ------

def count_vocabulary(texts, kind: str, max_vocab=None) -> tuple:
    """The vocabulary of clean texts' characters or words: the specials (ids 0 and 1), then the tokens from the
    most frequent down (ties in character order), at most `max_vocab` in all."""
    counts = {}
    for text in texts:
        for token in split_tokens(text, kind):
            counts[token] = counts.get(token, 0) + 1
    ranked = sorted(counts, key=lambda t: (-counts[t], t))[:(max_vocab or MAX_VOCAB) - len(SPECIALS)]
    return SPECIALS + tuple(ranked)


def percentile_length(lengths, percentile: float) -> int:
    """The sequence length that keeps `percentile` % of texts of these lengths whole (1 to MAX_SEQ_LEN)."""
    return min(MAX_SEQ_LEN, max(1, math.ceil(float(np.percentile(lengths, percentile)))))


def learning_source() -> str:
    """The tokeniser and the vocabulary learning, as the standalone script inlines them (characters and words)."""
    parts = [f"SPECIALS = {SPECIALS!r}", f"MAX_VOCAB = {MAX_VOCAB}", f"MAX_SEQ_LEN = {MAX_SEQ_LEN}",
             f"DEFAULT_PERCENTILE = {DEFAULT_PERCENTILE!r}"]
    return (tokenizer_source() + "\n\n" + "\n".join(parts) + "\n\n\n"
            + "\n\n".join(inspect.getsource(f) for f in (count_vocabulary, percentile_length)))


def tokenizer_source() -> str:
    """The code above, as a code export inlines it: the same functions tokenise there as here."""
    parts = [f"PAD, UNK = {PAD}, {UNK}", f"MAX_TEXT_CHARS = {MAX_TEXT_CHARS}",
             f"CONTROL = re.compile({CONTROL.pattern!r})", f"WORD = re.compile({WORD.pattern!r})"]
    return "\n".join(parts) + "\n\n\n" + "\n\n".join(inspect.getsource(f) for f in (clean_text, split_tokens,
                                                                                      token_ids))


@functools.lru_cache(maxsize=8)
def subword_tokenizer(model_json: str):
    """A trained subword tokenizer from its JSON (the `tokenizers` library's own format: data, never code)."""
    from tokenizers import Tokenizer
    tokenizer = Tokenizer.from_str(model_json)
    tokenizer.encode_special_tokens = True  # a text holding "<pad>" is text, not the padding id
    return tokenizer


@dataclass(frozen=True)
class Encoded:
    """Texts as token ids, with what a person should know about them."""

    ids: torch.Tensor  # int64 [texts, seq_len]
    tokens: int  # tokens kept (padding excluded)
    unknown: int  # of those, outside the vocabulary (UNK)
    cut: int  # texts longer than seq_len tokens, cut
    empty: int  # texts with no token at all


@dataclass(frozen=True)
class TextEncoder:
    """How text becomes a model's input: the kind of token, the vocabulary (id → token; 0 pads, 1 is unknown),
    the sequence length, and the column it reads. Kept in a bundle's spec.json, so predict and the code export
    tokenise raw text exactly as training did."""

    kind: str  # "chars" | "words" | "subwords"
    vocab: tuple[str, ...]
    seq_len: int
    column: str | None = None  # the table column holding the text (None: a built-in corpus)
    subwords: str | None = None  # kind "subwords": the trained tokenizers model, as its JSON

    def encode(self, texts) -> Encoded:
        """Texts (raw, as in the file) as seq_len token ids each."""
        import torch
        tokenizer = subword_tokenizer(self.subwords) if self.kind == "subwords" else None
        texts = list(texts)
        ids = torch.tensor(token_ids(texts, self.kind, self.vocab, self.seq_len, tokenizer),
                           dtype=torch.int64).reshape(len(texts), self.seq_len)
        lengths = [len(split_tokens(clean_text(t), self.kind, tokenizer)) for t in texts]
        kept = ids != PAD
        return Encoded(ids, int(kept.sum()), int((ids == UNK).sum()), sum(n > self.seq_len for n in lengths),
                       sum(n == 0 for n in lengths))

    def decode(self, ids) -> str:
        """Token ids back as text (padding left out); words and subwords are joined by spaces."""
        tokens = [self.vocab[i] for i in ids if i != PAD and 0 <= i < len(self.vocab)]
        return ("" if self.kind == "chars" else " ").join(tokens)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "vocab": list(self.vocab), "seq_len": self.seq_len, "column": self.column,
                "subwords": self.subwords}

    @classmethod
    def from_dict(cls, raw, where: str = "the text encoder") -> "TextEncoder":
        """An encoder from a bundle's spec.json, each field checked: DataError naming what does not fit."""
        if not isinstance(raw, dict):
            raise DataError(where, f"must be a JSON object. Received: {short(raw)}")
        kind, vocab, seq_len = raw.get("kind"), raw.get("vocab"), raw.get("seq_len")
        if kind not in KINDS:
            raise DataError(where, f"kind must be one of {', '.join(KINDS)}. Received: kind={short(kind)}")
        if not (isinstance(vocab, list) and 2 <= len(vocab) <= MAX_VOCAB and all(isinstance(t, str) for t in vocab)
                and tuple(vocab[:2]) == SPECIALS):
            raise DataError(where, f"vocab must be a list of 2 to {MAX_VOCAB:,} tokens starting {list(SPECIALS)}")
        if type(seq_len) is not int or not 1 <= seq_len <= MAX_SEQ_LEN:
            raise DataError(where, f"seq_len must be a whole number from 1 to {MAX_SEQ_LEN}. Received: "
                                   f"seq_len={short(seq_len)}")
        subwords = raw.get("subwords")
        if kind == "subwords" and not isinstance(subwords, str):
            raise DataError(where, "a subword encoder needs its tokenizer (subwords, a JSON text)")
        column = raw.get("column")
        return cls(kind, tuple(vocab), seq_len, column if isinstance(column, str) else None,
                   subwords if kind == "subwords" else None)


def mask(ids: torch.Tensor) -> torch.Tensor:
    """Which positions hold a token (True) rather than padding."""
    return ids != PAD


# ---- learning an encoder from the training rows ---------------------------------------------------------

def _checked_choices(kind, seq_len, percentile, max_vocab, where: str) -> None:
    if kind not in KINDS:
        raise DataError(where, f"tokens must be one of {', '.join(KINDS)}. Received: tokens={short(kind)}")
    if seq_len is not None and (type(seq_len) is not int or not 1 <= seq_len <= MAX_SEQ_LEN):
        raise DataError(where, f"seq_len must be a whole number from 1 to {MAX_SEQ_LEN}. Received: "
                               f"seq_len={short(seq_len)}", "leave it out to take a percentile of the lengths")
    if isinstance(percentile, bool) or not isinstance(percentile, (int, float)) or not 1 <= percentile <= 100:
        raise DataError(where, f"percentile must be between 1 and 100. Received: percentile={short(percentile)}")
    if max_vocab is not None and (type(max_vocab) is not int or not 3 <= max_vocab <= MAX_VOCAB):
        raise DataError(where, f"max_vocab must be a whole number from 3 to {MAX_VOCAB:,}. Received: "
                               f"max_vocab={short(max_vocab)}")


LONG_WORD = 64
LONG_RUN = re.compile(rf"\S{{{LONG_WORD}}}(?=\S)")  # LONG_WORD characters of a longer run without a space


def _train_subwords(texts: list[str], size: int) -> str:
    """A byte-pair-encoding tokenizer trained on the texts (words split at spaces and punctuation), as JSON."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    tokenizer = Tokenizer(models.BPE(unk_token=SPECIALS[UNK]))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    trainer = trainers.BpeTrainer(vocab_size=size, special_tokens=list(SPECIALS), show_progress=False)
    # learnt from words of at most LONG_WORD characters: BPE's learning time grows with the square of a word's
    # length, and a cell of 100,000 characters without a space (a base64 blob, a URL list) took minutes
    tokenizer.train_from_iterator((LONG_RUN.sub(r"\g<0> ", t) for t in texts), trainer)
    return tokenizer.to_str()


def _vocabulary(texts: list[str], kind: str, max_vocab: int | None) -> tuple[tuple[str, ...], str | None]:
    """(vocab, subword model JSON) learnt from the texts: the most frequent tokens first."""
    if kind == "subwords":
        model = _train_subwords(texts, max_vocab or DEFAULT_SUBWORDS)
        vocab = subword_tokenizer(model).get_vocab()
        return tuple(sorted(vocab, key=vocab.get)), model
    return count_vocabulary(texts, kind, max_vocab), None


def learn_encoder(texts, kind: str = "words", seq_len: int | None = None, percentile: float = DEFAULT_PERCENTILE,
                  max_vocab: int | None = None, column: str | None = None, where: str = "text") -> TextEncoder:
    """An encoder learnt from `texts` (the training rows only): its vocabulary, and, unless `seq_len` is given,
    the sequence length that keeps `percentile` % of these texts whole."""
    _checked_choices(kind, seq_len, percentile, max_vocab, where)
    clean = [clean_text(t) for t in texts]
    vocab, model = _vocabulary(clean, kind, max_vocab)
    tokenizer = subword_tokenizer(model) if model else None
    lengths = [len(split_tokens(t, kind, tokenizer)) for t in clean]
    if not any(lengths):
        raise DataError(where, f"holds no {kind} in any training row (every text is empty)",
                        "choose the column that holds the text")
    if seq_len is None:
        seq_len = percentile_length(lengths, percentile)
    return TextEncoder(kind, vocab, seq_len, column, model)


# ---- a dataset's text: the encoder, and the texts to learn it again from for another split ---------------

@dataclass(frozen=True)
class TextColumn:
    """What a dataset of texts keeps besides its token ids: how they were made, and from what."""

    encoder: TextEncoder
    texts: tuple[str, ...] | None = None  # one per sample (None: a built-in corpus, whose alphabet is fixed)
    split: tuple[float, int] = (VAL_FRACTION, 0)  # the (val_fraction, seed) whose training rows the encoder was learnt from
    max_vocab: int | None = None
    fixed_len: bool = False  # the person chose seq_len (else a percentile of the training lengths)
    percentile: float = DEFAULT_PERCENTILE
    notes: dict = field(default_factory=dict)  # counts for the summary

    def to_dict(self) -> dict:
        return {"encoder": self.encoder.to_dict(), "texts": None if self.texts is None else list(self.texts),
                "split": list(self.split), "max_vocab": self.max_vocab, "fixed_len": self.fixed_len,
                "percentile": self.percentile, "notes": self.notes}

    @classmethod
    def from_dict(cls, raw, where: str = "the dataset's text") -> "TextColumn":
        if not isinstance(raw, dict):
            raise DataError(where, f"must be a JSON object. Received: {short(raw)}")
        texts, split = raw.get("texts"), raw.get("split")
        if texts is not None and not (isinstance(texts, list) and all(isinstance(t, str) for t in texts)):
            raise DataError(where, "texts must be a list of text")
        if not (isinstance(split, list) and len(split) == 2):
            raise DataError(where, f"split must be [val_fraction, seed]. Received: {short(split)}")
        return cls(TextEncoder.from_dict(raw.get("encoder"), where), None if texts is None else tuple(texts),
                   (float(split[0]), int(split[1])), raw.get("max_vocab"), bool(raw.get("fixed_len")),
                   float(raw.get("percentile", DEFAULT_PERCENTILE)), dict(raw.get("notes") or {}))


def encode_split(texts, labels, kind: str, *, seq_len=None, percentile=DEFAULT_PERCENTILE, max_vocab=None,
                 column=None, val_fraction: float = VAL_FRACTION, seed: int = 0, where: str = "text"):
    """(token ids [n, seq_len], TextColumn, summary sentence) for texts whose encoder is learnt from the training
    rows of the (val_fraction, seed) split alone: a token only in validation rows is unknown."""
    from .preprocessing import split_rows  # imported here: preprocessing reads datasets, which reads this module
    texts = tuple(clean_text(t) for t in texts)
    train, val = split_rows(len(texts), val_fraction, seed, labels)
    encoder = learn_encoder([texts[i] for i in train], kind, seq_len, percentile, max_vocab, column, where)
    encoded = encoder.encode(texts)
    held_out = encoder.encode([texts[i] for i in val]) if len(val) else None
    notes = {"rows": len(texts), "train_rows": len(train), "cut": encoded.cut, "empty": encoded.empty,
             "val_tokens": held_out.tokens if held_out else 0, "val_unknown": held_out.unknown if held_out else 0}
    column_info = TextColumn(encoder, texts, (float(val_fraction), int(seed)), max_vocab, seq_len is not None,
                             percentile, notes)
    return encoded.ids, column_info, summary(column_info)


def summary(text: TextColumn) -> str:
    """What the tokeniser made of the texts, in a sentence or two for the data summary."""
    e, n = text.encoder, text.notes
    length = f"{e.seq_len} tokens" + ("" if text.fixed_len else
                                      f" (the {text.percentile:g}th percentile of the training texts' lengths)")
    unknown = (f"; {n['val_unknown']:,} of the validation rows' {n['val_tokens']:,} tokens are outside the "
               f"vocabulary (unknown id {UNK})") if n.get("val_tokens") else ""
    return (f"Text column '{e.column}' as {e.kind}: a vocabulary of {len(e.vocab):,} tokens learnt from the "
            f"{n.get('train_rows', 0):,} training rows only; sequences of {length}, {n.get('cut', 0):,} longer "
            f"text(s) cut, shorter ones padded in front with id {PAD}{unknown}; {n.get('empty', 0):,} empty "
            f"text(s).")


def for_split(dataset, val_fraction: float, seed: int):
    """The dataset with its encoder learnt again from the training rows of this split, when its token ids were
    made for another; datasets without texts come back as they are."""
    text = getattr(dataset, "text", None)
    if text is None or text.texts is None or text.split == (float(val_fraction), int(seed)):
        return dataset
    labels = dataset.y.numpy() if dataset.task == "classification" else None
    ids, column, note = encode_split(text.texts, labels, text.encoder.kind, seq_len=text.encoder.seq_len,
                                     max_vocab=text.max_vocab, column=text.encoder.column,
                                     val_fraction=val_fraction, seed=seed, where=dataset.name)
    column = replace(column, fixed_len=text.fixed_len, percentile=text.percentile)
    return replace(dataset, x=ids, text=column)


# ---- generating text --------------------------------------------------------------------------------------

def generate(model: torch.nn.Module, encoder: TextEncoder, classes, prompt: str = "", length: int = 200,
             temperature: float = 1.0, seed: int = 0) -> str:
    """`length` characters (tokens) after `prompt`, each drawn from the model's next-token distribution at
    `temperature` (0: always the likeliest; higher: more surprising). The model reads encoder.seq_len token ids
    and gives one logit per class; `classes` names the token each class stands for."""
    if type(length) is not int or not 1 <= length <= MAX_GENERATE:
        raise DataError("generate", f"length must be a whole number from 1 to {MAX_GENERATE:,}. Received: "
                                    f"length={short(length)}")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not 0 <= temperature <= 10:
        raise DataError("generate", f"temperature must be between 0 and 10. Received: temperature="
                                    f"{short(temperature)}")
    from .compiler import MAX_SEED  # the seeds torch's generators take
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise DataError("generate", f"seed must be a whole number from 0 to {MAX_SEED:,}. Received: "
                                    f"seed={short(seed)}")
    import torch
    index = {token: i for i, token in enumerate(encoder.vocab)}
    strangers = [c for c in classes if c not in index]
    if strangers:
        raise DataError("generate", f"this model was not trained as a language model: its classes ({short(strangers[0])}"
                                    f"{' …' if len(strangers) > 1 else ''}) are not tokens of its vocabulary",
                        "train it to predict the next token, as char_lstm_pydoc does")
    tokens = [index[c] for c in classes]
    device = next((p.device for p in model.parameters()), torch.device("cpu"))
    context = encoder.encode([prompt]).ids.to(device)
    generator = torch.Generator().manual_seed(seed)
    out = []
    was_training = model.training  # a model that is training (a live sample) goes on training as it was
    model.eval()
    try:
        with torch.no_grad():
            for _ in range(length):
                out.append(_next_token(model(context)[0].float().cpu(), tokens, temperature, generator))
                context = torch.cat([context[:, 1:], torch.tensor([[out[-1]]], device=device)], 1)
    finally:
        model.train(was_training)
    return prompt + encoder.decode(out)


def _next_token(logits: torch.Tensor, tokens: list[int], temperature: float, generator) -> int:
    """The next token id drawn from one step's logits (one per class; `tokens` the id each class stands for)."""
    if logits.shape != (len(tokens),):
        raise DataError("generate", f"the model gives {list(logits.shape)} values per step; this language "
                                    f"model's data has {len(tokens)} classes, one per next token")
    import torch
    if torch.isnan(logits).any() or torch.isposinf(logits).any():
        raise DataError("generate", "the model's outputs are not finite numbers (NaN or infinity): its training "
                                    "diverged", "train it again with a lower learning rate")
    logits = logits.double()  # float64: a temperature below float32's range (1e-300) would be 0 in float32
    logits[[t in (PAD, UNK) for t in tokens]] = -math.inf  # padding and "unknown" are not text
    if not torch.isfinite(logits).any():
        raise DataError("generate", "the model gives no token of text a finite score (padding and unknown are "
                                    "not text)")
    if temperature == 0:
        return tokens[int(logits.argmax())]
    # shifted so the likeliest is 0: a tiny temperature (1e-300) then sends the others to -inf, as greedy would,
    # where unshifted it sent every logit to ±inf and the probabilities to NaN
    scaled = (logits - logits.max()) / temperature
    return tokens[int(torch.multinomial(torch.softmax(scaled, 0), 1, generator=generator))]


def is_language_model(dataset) -> bool:
    """Whether a dataset is a language model's: windows of one text (no rows of texts of their own), each
    labelled with the token after it, so every class is a token of the vocabulary (pydoc_chars). A text
    classifier's classes may be words of its vocabulary too (python_topics'), so the texts decide."""
    text = getattr(dataset, "text", None)
    classes = dataset.class_names
    if text is None or text.texts is not None or dataset.task != "classification" or not classes:
        return False
    return set(classes) <= set(text.encoder.vocab)


def writes_text(inference: dict) -> bool:
    """Whether a bundle (its spec.json's inference section) is a language model's: recorded so (`next_token`; a
    bundle from before that record says nothing) and every class a token of its vocabulary."""
    if not isinstance(inference, dict) or not isinstance(inference.get("text"), dict):
        return False
    if inference.get("next_token", True) is not True:
        return False
    vocab, classes = inference["text"].get("vocab"), inference.get("class_names")
    return isinstance(vocab, list) and isinstance(classes, list) and bool(classes) and \
        all(isinstance(c, str) for c in classes) and set(classes) <= set(v for v in vocab if isinstance(v, str))


def generate_text(bundle, prompt: str = "", length: int = 200, temperature: float = 1.0, seed: int = 0) -> str:
    """Text from a trained language model's bundle (a path, or a loaded bundle.Bundle): see `generate`."""
    from .bundle import Bundle, load_bundle
    from .prediction import text_encoder
    bundle = bundle if isinstance(bundle, Bundle) else load_bundle(bundle)
    if not writes_text(bundle.inference) or bundle.task != "classification":
        raise DataError("generate", "this model was not trained on text as a language model (predicting the next "
                                    "token)", "train the char_lstm_pydoc or char_transformer_pydoc preset")
    return generate(bundle.model, text_encoder(bundle), bundle.class_names, prompt, length, temperature, seed)
