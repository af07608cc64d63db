"""Bytes to text with a reason for every failure; sizes capped however the bytes are compressed."""
from __future__ import annotations

import re
import stat
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError
from ..settings import Settings

CHUNK = 1 << 20
# bytes of the start of a file that decide whether it is binary
HEAD = 8192
# more NUL bytes than this share of the head (outside UTF-16) is a binary file; one stray NUL is not
BINARY_NUL_SHARE = 0.01
# what Western text shows when read as Windows-1252: Latin letters, typographic punctuation and a
# few signs; Central European text read so shows superscripts and signs inside words ("Za¿ó³æ")
ACCENTED = "À-ÖØ-öø-ÿŒœŠšŽžŸ"
LETTER = "A-Za-z" + ACCENTED
WESTERN = re.compile(rf"[\x00-\x7f{ACCENTED}‘’‚“”„†‡•…‰‹›€™–—\xa0«»°¡¿©®£§·´]*")
SIGN_IN_WORD = re.compile(rf"[{LETTER}][¡¿£§°·´«»©®][{LETTER}]")


def megabytes(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def read_bytes(path: str, settings: Settings) -> bytes | InputError:
    """A regular file's bytes, gunzipped unless a reader wants the gzip members (WARC)."""
    p = Path(path)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            return InputError(path, "is not a regular file (a pipe, socket or device)")
        if info.st_size == 0:
            return InputError(path, "file is empty")
        if info.st_size > settings.max_input_bytes:
            return InputError(path, f"file is {megabytes(info.st_size)}, over the {megabytes(settings.max_input_bytes)} limit per input")
        with p.open("rb") as f:
            data = f.read(settings.max_input_bytes + 1)
    except OSError as exc:
        return InputError(path, f"cannot be read ({exc.strerror or exc})")
    if path.endswith(".gz") and not path.endswith((".warc.gz", ".arc.gz")):
        return gunzip(path, data, settings.max_input_bytes)
    return data


def gunzip(source: str, data: bytes, limit: int) -> bytes | InputError:
    """Every gzip member, stopped as soon as the output passes `limit`: a bomb never lands in memory."""
    out, size, rest = [], 0, data
    while rest:
        member = zlib.decompressobj(wbits=31)
        try:
            while rest:
                chunk = member.decompress(rest, CHUNK)
                rest = member.unconsumed_tail
                size += len(chunk)
                if size > limit:
                    return InputError(source, f"expands to more than {megabytes(limit)}, over the limit per input")
                out.append(chunk)
                if member.eof:
                    break
        except zlib.error as exc:
            return InputError(source, f"is not valid gzip ({exc})")
        if not member.eof:
            return InputError(source, "is not valid gzip (compressed data ends early)")
        rest = member.unused_data.lstrip(b"\0")
    return b"".join(out)


def decode(source: str, data: bytes) -> str | InputError:
    """The text of a file, its line ends made "\n" whatever the file used (CRLF, CR), as Python and
    most tools read text files: every offset corroborate gives then points into the text any other
    reader of the file sees."""
    text = characters(source, data)
    return text if isinstance(text, InputError) else text.replace("\r\n", "\n").replace("\r", "\n")


def characters(source: str, data: bytes) -> str | InputError:
    """UTF-8 first (most of the web), then Western single-byte text, then the detector's guess."""
    if not data.strip():
        return InputError(source, "holds no text")
    text = utf16_without_bom(data)
    if text is not None:
        return text
    head = data[:HEAD]
    nuls = head.count(0)
    if nuls > 1 and nuls > BINARY_NUL_SHARE * len(head) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return InputError(source, "looks binary (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mixed = mixed_lines(data)
    if mixed is not None:
        return mixed
    western = as_western(data)
    if western is not None:
        return western
    best = from_bytes(data).best()
    if best is None:
        return InputError(source, "text encoding could not be detected (undecodable bytes)")
    return str(best)


def as_western(data: bytes) -> str | None:
    """Windows-1252 when every character it gives is one Western text uses. The detector alone
    reads short French or German Latin-1 text as Central European ("naïve" -> "naďve")."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if WESTERN.fullmatch(text) and not SIGN_IN_WORD.search(text) else None


def mixed_lines(data: bytes) -> str | None:
    """Line by line, for files pasted together from UTF-8 and Windows-1252 sources: only when some
    lines are UTF-8 with non-ASCII letters and others are not UTF-8 at all."""
    lines = data.split(b"\n")
    utf8, other = 0, 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            other += 1
    if not (utf8 and other):
        return None
    decoded = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
    return "\n".join(decoded)


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark: NUL in every other byte of ASCII-range text."""
    head = data[:HEAD - HEAD % 2]
    if len(head) < 4 or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for nuls, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if nuls >= 0.6 * half and (even if encoding == "utf-16-le" else odd) <= 0.05 * half:
            try:
                text = data[: len(data) - len(data) % 2].decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if all(ch.isprintable() or ch in "\r\n\t" for ch in text[:HEAD]) else None
    return None
