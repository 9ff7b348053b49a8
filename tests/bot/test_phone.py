from bot.phone import looks_like_a_number, uk_phone


def test_uk_numbers_in_the_ways_people_type_them():
    assert uk_phone("07700 900123") == "07700900123"
    assert uk_phone("+44 (0)7700-900123") == "07700900123"
    assert uk_phone("0044 1743 123456") == "01743123456"
    assert uk_phone("999") is None
    assert uk_phone("call me tomorrow") is None


def test_a_near_miss_is_told_apart_from_words():
    assert looks_like_a_number("0770 09")
    assert not looks_like_a_number("what is a carers assessment")
