"""Indonesian legislation as SOPs cite it: the forms, their hierarchy, reading a citation, writing one.

The hierarchy is the one of UU 12/2011 as amended by UU 15/2019 and UU 13/2022: Pasal 7 (UUD 1945, Tap MPR,
UU/Perppu, PP, Perpres, Perda Provinsi, Perda Kabupaten/Kota) with the regulations of Pasal 8 (ministers,
agencies, governors, mayors/regents) placed where Mengingat lists usually put them: central ones after the
Perpres, a governor's after the Perda Provinsi, a mayor's/regent's after the Perda Kabupaten/Kota.  Decrees,
instructions and circulars are not peraturan perundang-undangan; they come last.  Within a form: year, then
number.  Nothing here knows the model: register.py matches what is read here against the register file.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    key: str  # the register's `jenis`
    rank: float  # place in the hierarchy (lower = higher)
    name: str  # how a citation begins; the issuer (`pembentuk`) follows when ``issuer``
    issuer: bool = False  # the citation names who made it: "Peraturan Menteri <Dalam Negeri>"
    group: str = ""  # forms that citations confuse (Perwal/Perbup) match each other


FORMS: dict[str, Form] = {f.key: f for f in (
    Form("uud", 0, "Undang-Undang Dasar"),
    Form("tap_mpr", 1, "Ketetapan Majelis Permusyawaratan Rakyat"),
    Form("uu", 2, "Undang-Undang", group="uu"),
    Form("perppu", 2, "Peraturan Pemerintah Pengganti Undang-Undang", group="uu"),
    Form("pp", 3, "Peraturan Pemerintah"),
    Form("perpres", 4, "Peraturan Presiden"),
    Form("permen", 5, "Peraturan Menteri", True, group="pusat"),
    Form("peraturan_lembaga", 5, "Peraturan", True, group="pusat"),
    Form("perda_provinsi", 6, "Peraturan Daerah Provinsi", True),
    Form("pergub", 7, "Peraturan Gubernur", True),
    Form("perda", 8, "Peraturan Daerah", True),
    Form("perwal", 9, "Peraturan Wali Kota", True, group="perkada"),
    Form("perbup", 9, "Peraturan Bupati", True, group="perkada"),
    # UU 12/2011 Pasal 8 (Peraturan DPRD): after the region's Perda and Perkada (Setwan Kota Yogyakarta); matches
    # a register entry written as peraturan_lembaga, as it had to be before this form (review L)
    Form("peraturan_dprd", 9.5, "Peraturan Dewan Perwakilan Rakyat Daerah", True, group="pusat"),
    # not peraturan perundang-undangan (UU 12/2011 Pasal 7-8): cited last, after every regulation
    Form("keppres", 10, "Keputusan Presiden"),
    Form("inpres", 10, "Instruksi Presiden"),
    Form("kepmen", 11, "Keputusan Menteri", True),
    Form("keputusan", 12, "Keputusan", True),
    Form("instruksi", 12, "Instruksi", True),
    Form("surat_edaran", 13, "Surat Edaran", True),
)}
UNREAD_RANK = 99  # a citation whose form could not be read (register.ordered_texts keeps it where written)

# the ministries' short names as citations run them into "Permen..." / "Kepmen..." -> the ministry's words
# (review W: Permendiknas, Permenkes, KEPMENSOS in school, Puskesmas and Dinsos SOPs)
MINISTRIES: dict[str, str] = {
    r"dagri": "dalam negeri",
    r"pan ?-?rb|panrb": "pendayagunaan aparatur negara dan reformasi birokrasi",
    r"pan": "pendayagunaan aparatur negara",
    r"kominfo": "komunikasi dan informatika",
    r"komdigi": "komunikasi dan digital",
    r"diknas": "pendidikan nasional",
    r"dikbudristek": "pendidikan, kebudayaan, riset, dan teknologi",
    r"dikbud": "pendidikan dan kebudayaan",
    r"dikdasmen": "pendidikan dasar dan menengah",
    r"ristekdikti": "riset, teknologi, dan pendidikan tinggi",
    r"kes": "kesehatan",
    r"keu": "keuangan",
    r"dag": "perdagangan",
    r"perin": "perindustrian",
    r"sos": "sosial",
    r"des ?-? ?pdtt|desa ?-? ?pdtt|des": "desa, pembangunan daerah tertinggal, dan transmigrasi",
    r"akertrans|nakertrans": "tenaga kerja dan transmigrasi",
    r"aker|naker": "ketenagakerjaan",
    r"hub": "perhubungan",
    r"tan": "pertanian",
    r"ag|ag ri": "agama",
    r"atr ?/ ?bpn|atr": "agraria dan tata ruang/kepala badan pertanahan nasional",
    r"pupr": "pekerjaan umum dan perumahan rakyat",
    r"lhk": "lingkungan hidup dan kehutanan",
    r"kumham": "hukum dan hak asasi manusia",
    r"kopukm|kop ?-?ukm|kop": "koperasi dan usaha kecil dan menengah",
    r"pppa|pp ?-?pa": "pemberdayaan perempuan dan perlindungan anak",
    r"pora": "pemuda dan olahraga",
    r"esdm": "energi dan sumber daya mineral",
    r"kp": "kelautan dan perikanan",
    r"parekraf|par": "pariwisata dan ekonomi kreatif",
    r"han": "pertahanan",
}
# one alternation for all of them (a group per ministry made the citation pattern ~3x dearer to compile, which
# every check pays); the ministry is then the first short name that the words read match, as the regex chose
_MINISTRY = "|".join(f"(?:{short})" for short in MINISTRIES)
BY_SHORT_NAME = "\0"  # an implied issuer found from the short name matched


def _ministry(short: str) -> str:
    return next(full for key, full in MINISTRIES.items() if re.fullmatch(key, short, re.IGNORECASE))


# "SK", "Kepgub", "Perka BKN": short forms whose issuer is partly in the form ("Kepbup Sleman" = Keputusan Bupati
# Sleman); the words read after them follow
_PREFIXED: list[tuple[str, str, str]] = [
    (r"perkaban", "peraturan_lembaga", "kepala badan"),
    (r"perka", "peraturan_lembaga", "kepala"),
    (r"peraturan kepala desa|perkades", "peraturan_lembaga", "kepala desa"),
    (r"peraturan desa|perdes", "peraturan_lembaga", "desa"),
    (r"keputusan gubernur|kepgub", "keputusan", "gubernur"),
    (r"keputusan bupati|kepbup", "keputusan", "bupati"),
    (r"keputusan wali ?kota|kepwal[ik]?|kepwako", "keputusan", "wali kota"),
    (r"surat keputusan|sk", "keputusan", ""),
]
_PREFIX_FORMS = frozenset(p for p, _k, _x in _PREFIXED)

# the words a citation starts with -> (form, issuer implied by the short form); longest alternatives first
_STARTS: list[tuple[str, str, str]] = [
    (r"undang ?[-\u2013\u2014]? ?undang dasar|uud", "uud", ""),  # "Undang – Undang" as SOPs type it
    (r"ketetapan (?:majelis permusyawaratan rakyat|mpr)|tap mpr", "tap_mpr", ""),
    (r"peraturan pemerintah pengganti undang ?[-\u2013\u2014]? ?undang|perppu|perpu", "perppu", ""),
    (r"undang ?[-\u2013\u2014]? ?undang|uu", "uu", ""),
    (r"peraturan pemerintah|pp", "pp", ""),
    (r"peraturan presiden|perpres", "perpres", ""),
    (r"instruksi presiden|inpres", "inpres", ""),
    (r"keputusan presiden|keppres", "keppres", ""),
    (r"peraturan men ?pan ?(?:dan ?)?-? ?rb", "permen", "pendayagunaan aparatur negara dan reformasi birokrasi"),
    (r"peraturan men ?pan", "permen", "pendayagunaan aparatur negara"),
    (rf"permen ?-?(?:{_MINISTRY})", "permen", BY_SHORT_NAME),
    (r"pma", "permen", "agama"),  # Peraturan Menteri Agama
    (r"pmk", "permen", ""),  # Menteri Keuangan or Kesehatan: both write PMK; the register's number decides
    (r"peraturan menteri|permen", "permen", ""),
    (rf"kepmen ?-?(?:{_MINISTRY})", "kepmen", BY_SHORT_NAME),
    (r"kma", "kepmen", "agama"),
    (r"keputusan menteri|kepmen|kmk", "kepmen", ""),
    (r"peraturan daerah provinsi|perda provinsi", "perda_provinsi", ""),
    (r"peraturan daerah istimewa|perdais", "perda_provinsi", ""),  # DIY's Perdais (UU 13/2012): a Perda Provinsi
    (r"peraturan (?:dewan perwakilan rakyat daerah|dprd)", "peraturan_dprd", ""),
    (r"peraturan daerah|perda|qanun", "perda", ""),  # Aceh's Perda is a Qanun (UU 11/2006)
    (r"peraturan gubernur|pergub", "pergub", ""),
    (r"peraturan wali ?kota|perwal[ik]?|perwako", "perwal", ""),
    (r"peraturan bupati|perbup", "perbup", ""),
    (r"peraturan kepala daerah|perkada", "perbup", ""),  # a Perbup or Perwal: the register's number decides
    *_PREFIXED,
    (r"surat edaran|se", "surat_edaran", ""),
    (r"peraturan", "peraturan_lembaga", ""),  # Peraturan Badan ..., Peraturan Komisi ..., Peraturan Kepala ...
    (r"keputusan|kep", "keputusan", ""),
    (r"instruksi", "instruksi", ""),
]


class _Later:
    """A regular expression compiled when first used: most commands read no written citation, and these
    cost ~2 ms to compile."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):  # match, search, finditer, fullmatch
        if name.startswith("_"):  # a slot not set (copy, pickle) must not recurse here
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)

    def __reduce__(self):
        return (_Later, self._args)


_START = _Later(r"\s*(?:" + "|".join(f"(?P<f{i}>{p})" for i, (p, _k, _x) in enumerate(_STARTS)) + r")\b",
                re.IGNORECASE)
_START_ANY = _Later(r"(?<![\w-])(?:" + "|".join(p for p, _k, _x in _STARTS) + r")\b", re.IGNORECASE)
# "Nomor 35 Tahun 2012", "No. 48 Tahun 2024", "Nomor PER/21/M.PAN/11/2008", "35/2012"
_TAHUN = r"(?:tahun|thn\.?|th\.?)"  # "Tahun 2004", "th. 2004", "Thn 2004", "TH 2004"
_NUMBER = _Later(r"\b(?:nomor|no|nmr)\b[.,]?\s*:?\s*(?P<nomor>(?!(?:tahun|thn|th)\b)[0-9A-Za-z][0-9A-Za-z./-]*?)"
                 r"(?:\s+" + _TAHUN + r"\s*(?P<tahun>[0-9]{4}))?(?=[\s,;]|$)", re.IGNORECASE)
_SHORT = _Later(r"(?<![\w/])(?P<nomor>[0-9]+[A-Za-z]?)\s*/\s*(?P<tahun>(?:19|20)[0-9]{2})\b")
_BARE = _Later(r"(?<![\w/.-])(?P<nomor>[0-9]+[A-Za-z]?)\s*$")
_YEAR = _Later(r"\b" + _TAHUN + r"\s*(?P<tahun>[0-9]{4})\b", re.IGNORECASE)
# "Perwal No 48/2024", "Pergub DIY Nomor Tahun" (both left blank): not the issuer
_NUMBER_WORD = _Later(r"\b(?:nomor|no|nmr)\.?\s*:?\s*(?:(?:tahun|thn|th)\.?\s*)?$", re.IGNORECASE)
_TAIL = _Later(r"\bsebagaimana\b", re.IGNORECASE)  # the amendments follow this word
_ABOUT = _Later(r"\btentang\b", re.IGNORECASE)
_AMENDED = _Later(r"\b(?:telah\s+)?(?:beberapa\s+kali\s+|\w+\s+kali\s+)?diubah\b", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """What a written citation says, as far as it can be read."""

    text: str
    form: str | None  # a key of FORMS, or None when the form could not be read
    issuer: str  # the words between the form and the number ("PANRB", "Padang Panjang"), lower case
    nomor: str | None
    tahun: int | None
    title: str  # after "tentang", up to "sebagaimana"
    amendments: tuple["Citation", ...] = ()  # those named after "sebagaimana telah diubah ..."
    mentions_amendment: bool = False

    @property
    def readable(self) -> bool:
        """Return whether form, number and year were all read (enough to find it in a register)."""
        return self.form is not None and self.nomor is not None and self.tahun is not None


def normalise_number(nomor: str) -> str:
    """Return a number as compared: lower case, no leading zeros in numeric parts ("07" = "7")."""
    return "/".join(p.lstrip("0") or "0" if p.isdigit() else p for p in nomor.strip().lower().split("/"))


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Citation:
    """Return what ``text`` cites: its form, issuer, number, year, title and the amendments it names (kept:
    a catalogue cites the same regulations again and again, and a citation is immutable)."""
    head, tail = _split_tail(text)
    main = _parse_one(head)
    amendments: list[Citation] = []
    for m in _START_ANY.finditer(tail) if tail else ():  # (no tail: the pattern need not be compiled)  # "... diubah dengan Undang-Undang Nomor 9 Tahun 2015 tentang ..."
        found = _parse_one(tail[m.start():])
        if found.readable and found not in amendments:
            amendments.append(found)
    return Citation(text, main.form, main.issuer, main.nomor, main.tahun, main.title, tuple(amendments),
                    bool(tail) and bool(_AMENDED.search(tail)))


def _split_tail(text: str) -> tuple[str, str]:
    m = _TAIL.search(text)
    return (text[:m.start()], text[m.end():]) if m else (text, "")


def _parse_one(text: str) -> Citation:
    m = _START.match(text)
    if m is None:
        return Citation(text, None, "", None, None, "")
    index = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
    _pattern, form, implied = _STARTS[index]
    if implied == BY_SHORT_NAME:  # "Permenkes", "KEPMENSOS": the ministry named by the letters after the form
        implied = _ministry(re.sub(r"^(?:perm|kepm)en ?-?", "", m[f"f{index}"], flags=re.IGNORECASE))
    rest = text[m.end():]
    about = _ABOUT.search(rest)
    body, title = (rest[:about.start()], rest[about.end():].strip(" ;,.")) if about else (rest, "")
    nomor = tahun = None
    num = _NUMBER.search(body)
    short = _SHORT.search(body)
    if num is not None and not _SHORT.fullmatch(num["nomor"]):
        nomor, tahun = num["nomor"].rstrip("."), int(num["tahun"]) if num["tahun"] else None
        issuer_text = body[:num.start()]
        if tahun is None:  # "Nomor PER/21/M.PAN/11/2008": the year ends the number
            trailing = re.search(r"/((?:19|20)[0-9]{2})$", nomor)
            later = _YEAR.search(body[num.end():])
            tahun = int(trailing.group(1)) if trailing else int(later["tahun"]) if later else None
    elif short is not None:
        nomor, tahun = short["nomor"], int(short["tahun"])
        issuer_text = _NUMBER_WORD.sub("", body[:short.start()])
    else:
        year = _YEAR.search(body)
        tahun = int(year["tahun"]) if year else None
        issuer_text = body[:year.start()] if year else _NUMBER_WORD.sub("", body)
        bare = _BARE.search(issuer_text) if year else None  # "Pergub 117 Tahun 2014": the number, no "Nomor"
        if bare is not None:
            nomor, issuer_text = bare["nomor"], issuer_text[:bare.start()]
        issuer_text = _NUMBER_WORD.sub("", issuer_text)  # "Perwal Yogyakarta Nomor Tahun 2016": no number
    read = " ".join(issuer_text.replace(",", " ").split()).lower()
    issuer = " ".join(filter(None, (implied, read))) if _pattern in _PREFIX_FORMS else implied or read
    if form == "perda" and issuer.startswith("provinsi "):
        form, issuer = "perda_provinsi", issuer[len("provinsi "):]
    elif form == "perda" and _pattern.endswith("qanun") and issuer.split()[:1] == ["aceh"]:
        form = "perda_provinsi"  # "Qanun Aceh": the province's; "Qanun Kabupaten Aceh Besar": a regency's
    if form == "uud":  # "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945" has no number
        nomor = nomor or "1945"
    return Citation(text, form, issuer, nomor, tahun, title)


# how a list item ends: "; dan" on the second-to-last, ";" on the others, "." on the last (UU 12/2011 Lampiran II)
_LIST_END = _Later(r"(?:\s*[;,]\s*(?:dan|atau)|\s+(?:dan|atau)|\s*[;,.])\s*$", re.IGNORECASE)


def split_list_end(text: str) -> tuple[str, str]:
    """Return ``text`` without the punctuation that ends it as a list item, and that punctuation ("; dan")."""
    m = _LIST_END.search(text)
    return (text[:m.start()], text[m.start():].strip()) if m else (text, "")


def list_ends(written: list[str]) -> list[str]:
    """Return how each item of a written list ends as a list item; a "." only on the last ("Kab." inside the list
    is the item's own text)."""
    ends = [split_list_end(t)[1] for t in written]
    return [e if e != "." or i == len(ends) - 1 else "" for i, e in enumerate(ends)]


def repunctuate(texts: list[str], own: list[str], ends: list[str]) -> list[str]:
    """Return ``texts`` (a list put in a new order; ``own``: how each ended where it was written) each ending as the
    item written at its new place ended (``ends``, in the written order: "; dan" belongs to the second-to-last
    place, not to the item written there)."""
    if not texts or not any(ends):
        return texts
    ends = ends[:len(texts) - 1] + ends[-1:]
    out = []
    for text, mine, end in zip(texts, own, ends):
        body, said = split_list_end(text)
        body = body if mine and said == mine else text
        end = "" if end == "." and body.endswith(".") else end  # "... Kab." last: one full stop
        out.append(body + (" " + end if end[:1].isalpha() else end))
    return out


# ------------------------------------------------------------------------------------------- writing
def citation_text(form: str, issuer: str | None, nomor: str | None, tahun: int, judul: str | None) -> str:
    """Return a regulation written out as Mengingat lists write it: form, issuer, number, year, title."""
    f = FORMS[form]
    if form == "uud":
        return "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945" if not judul else judul
    parts = [f.name]
    if f.issuer and issuer:
        parts.append(issuer)
    if nomor:
        parts.append(f"Nomor {nomor}")
        if not re.search(rf"/{tahun}$", nomor):
            parts.append(f"Tahun {tahun}")
    else:
        parts.append(f"Tahun {tahun}")
    text = " ".join(parts)
    return f"{text} tentang {judul}" if judul else text


def with_amendments(base: str, amendments: list[str]) -> str:
    """Return ``base`` with its amendments as UU 12/2011 Lampiran II writes them (the last one named)."""
    if not amendments:
        return base
    if len(amendments) == 1:
        return f"{base} sebagaimana telah diubah dengan {amendments[0]}"
    return f"{base} sebagaimana telah beberapa kali diubah, terakhir dengan {amendments[-1]}"


def sort_key(form: str | None, tahun: int | None, nomor: str | None, issuer: str = "") -> tuple:
    """Return the place of a regulation in a Mengingat list: hierarchy, then year, then number (one whose year or
    number is not written after those of its form that have them, as SOPs list it: DIY's Pergub, review K).
    ``issuer`` places what the form alone does not: a Perangkat Daerah head's regulation below its region's
    Perkada, a Bupati's decision below a minister's."""
    rank = FORMS[form].rank if form in FORMS else UNREAD_RANK
    if form in _BY_ISSUER and issuer:
        rank = _BY_ISSUER[form][issuer_level(issuer)]
    return rank, tahun or 10_000, _number_key(nomor)


# issuer levels: 0 central, 1 governor, 2 a provincial office's head, 3 regent/mayor, 4 a regency/city office's
# head (Dinas, Badan, Camat...), 5 a village; the rank of each form at each level
_BY_ISSUER: dict[str, tuple[float, ...]] = {
    "peraturan_lembaga": (5, 7, 7.5, 9, 9.7, 9.8),  # Pergub 7, Perda 8, Perbup/Perwal 9, Peraturan DPRD 9.5
    **{k: tuple(FORMS[k].rank + level / 10 for level in range(6)) for k in ("keputusan", "instruksi", "surat_edaran")},
}
_CENTRAL = _Later(r"\b(?:menteri|mendagri|menpan[a-z-]*|menkeu|menkes|mensos|mendikbud[a-z]*|mendiknas|kementerian|"
                  r"direktur jenderal|dirjen|deputi|nasional|negara|republik|ri|presiden|pusat)\b")
_VILLAGE = _Later(r"(?:kepala\s+)?(?:desa|kampung|nagari|gampong|kelurahan|lurah)\b")
_HEAD = _Later(r"(?:gubernur|bupati|wali\s?kota)\b")
_REGIONAL = _Later(r"\b(?:daerah|provinsi|kabupaten|kota|dinas|camat|kecamatan|inspektorat|inspektur|satuan polisi "
                   r"pamong praja|rsud|puskesmas|sekolah|bappeda|bpkad|bkd|bkpsdm)\b")
_PROVINCIAL = _Later(r"\b(?:provinsi|gubernur)\b")


@functools.lru_cache(maxsize=1024)
def issuer_level(issuer: str) -> int:
    """Return who made a regulation or decision, by its issuer's words: 0 central ... 5 a village (_BY_ISSUER)."""
    low = issuer.lower()
    if _VILLAGE.match(low):
        return 5
    if _HEAD.match(low):
        return 1 if _PROVINCIAL.search(low) else 3
    if _CENTRAL.search(low) or not _REGIONAL.search(low):
        return 0
    return 2 if _PROVINCIAL.search(low) else 4


def _number_key(nomor: str | None) -> tuple:
    if not nomor:
        return (2, 0, "")
    digits = re.search(r"[0-9]+", nomor)
    return (1, int(digits.group()) if digits else 0, nomor.lower())


def reference_date() -> _dt.date:
    """Return the day a regulation's being in force is judged on: SOURCE_DATE_EPOCH's (a reproducible build
    writes the same), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


def forms_match(a: str, b: str) -> bool:
    """Return whether a citation of form ``a`` may name a register entry of form ``b``."""
    if a == b:
        return True
    ga, gb = FORMS[a].group, FORMS[b].group
    return bool(ga) and ga == gb


# short issuer names in citations -> the words of the full name (ministries, agencies)
ABBREVIATIONS = {
    "panrb": "pendayagunaan aparatur negara dan reformasi birokrasi",
    "pan-rb": "pendayagunaan aparatur negara dan reformasi birokrasi",
    "pan rb": "pendayagunaan aparatur negara dan reformasi birokrasi",
    "pan": "pendayagunaan aparatur negara",
    "mendagri": "dalam negeri", "dagri": "dalam negeri", "kemendagri": "dalam negeri",
    "kominfo": "komunikasi dan informatika",
    "bssn": "badan siber dan sandi negara",
    "bkpm": "badan koordinasi penanaman modal",
    "bkn": "badan kepegawaian negara",
    "lkpp": "lembaga kebijakan pengadaan barang/jasa pemerintah",
}
_NOISE = {"negara", "republik", "indonesia", "menteri", "kota", "kabupaten", "provinsi", "dan", "kepala", "ri"}


@functools.lru_cache(maxsize=1024)
def issuer_words(text: str) -> frozenset[str]:
    """Return the telling words of an issuer's name, abbreviations expanded (kept: the register's issuers are
    compared with every citation's)."""
    low = " ".join(text.lower().replace(",", " ").split())
    for short, full in sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[0])):
        low = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", full, low)
    return frozenset(w for w in re.findall(r"[a-z0-9/]+", low) if w not in _NOISE)


def issuer_score(cited: str, registered: str) -> float:
    """Return how well a cited issuer fits a registered one: 1 when it names nothing else, 0 when disjoint."""
    a, b = issuer_words(cited), issuer_words(registered)
    if not a:
        return 0.5  # nothing to compare ("Permen Nomor 35 Tahun 2012"): neither for nor against
    return len(a & b) / len(a)


__all__ = ["Form", "FORMS", "Citation", "parse", "citation_text", "with_amendments", "sort_key", "forms_match",
           "issuer_score", "normalise_number", "reference_date", "issuer_level", "split_list_end", "list_ends",
           "repunctuate"]
