import pytest
from explainer.text.pinyin import toneless, typed_forms


@pytest.mark.parametrize(
    "written, plain",
    [("Shēngténg", "Shengteng"), ("Zhōngxīn Guójì", "Zhongxin Guoji"), ("lǜ", "lu"), ("Huawei", "Huawei")],
)
def test_toneless_drops_tone_marks_only(written, plain):
    assert toneless(written) == plain


def test_typed_forms_add_what_readers_type():
    assert typed_forms("Zhōngxīn Guójì") == ["Zhongxin", "Guoji", "Zhongxinguoji"]
    assert typed_forms("Mó'ěr Xiànchéng") == ["Mo'er", "Xiancheng", "Moer", "Moerxiancheng"]
    assert typed_forms("Shēngténg") == ["Shengteng"]


def test_typed_forms_leave_out_what_is_already_written():
    assert typed_forms("Huawei") == []
    assert typed_forms("K zì qiānzhèng") == ["zi", "qianzheng", "Kziqianzheng"]
