"""Pinyin as readers type it: without tone marks, apostrophes or spaces, so search finds a name however it is typed."""

from __future__ import annotations

import unicodedata


def toneless(text: str) -> str:
    """'Shēngténg' -> 'Shengteng', 'lǜ' -> 'lu': the letters without their tone marks."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def typed_forms(pinyin: str) -> list[str]:
    """The words a reader may type for a romanised name, beyond the name as written:
    'Zhōngxīn Guójì' -> ['Zhongxin', 'Guoji', 'Zhongxinguoji'];
    "Mó'ěr Xiànchéng" -> ["Mo'er", 'Xiancheng', 'Moer', 'Moerxiancheng']."""
    plain = toneless(pinyin)
    words = plain.split()
    unmarked = [w.replace("'", "").replace("’", "") for w in words]
    forms = [*words, *unmarked]
    if len(unmarked) > 1:
        forms.append("".join(unmarked).capitalize())
    written = set(pinyin.split())
    return [form for form in dict.fromkeys(forms) if form not in written]
