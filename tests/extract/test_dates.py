from kg.extract.dates import find_dates, same_date


def values(text, date):
    return [d.value for d in find_dates(text, date)]


def test_dates_resolved_against_issue_date():
    assert values("5月9日，", "2020-05-10") == ["2020-05-09"]
    assert values("5月9日，", None) == ["--05-09"]
    assert values("去年12月7日", "2022-07-09") == ["2021-12-07"]
    assert values("12月28日", "2023-01-05") == ["2022-12-28"]


def test_ranges_kept():
    assert values("4月2日至4日", "2023-03-29") == ["2023-04-02/2023-04-04"]


def test_same_date():
    assert same_date("--05-09", "2020-05-09") and not same_date("2021-05-09", "2020-05-09")
