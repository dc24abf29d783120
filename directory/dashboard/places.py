"""Where things are on the bridge map's city view: a small gazetteer, plain data.

Partners record a city as text in three languages, not coordinates; this table places the
cities Gyeonggi's partners are in (and the usual next ones). A city it does not know falls
back to its country's centre, marked approximate; a partner in neither is listed beside the
map instead. Add a line here for a new city (longitude, latitude in degrees, WGS 84).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    lon: float
    lat: float
    approximate: bool = False


# (names in any language, longitude, latitude)
CITIES: list[tuple[tuple[str, ...], float, float]] = [
    (("shanghai", "상하이", "상해", "上海"), 121.47, 31.23),
    (("chongqing", "충칭", "중경", "重庆", "重慶"), 106.55, 29.56),
    (("beijing", "베이징", "북경", "北京"), 116.40, 39.90),
    (("shenzhen", "선전", "심천", "深圳"), 114.06, 22.54),
    (("guangzhou", "광저우", "광주(중국)", "广州"), 113.26, 23.13),
    (("hangzhou", "항저우", "항주", "杭州"), 120.16, 30.27),
    (("suzhou", "쑤저우", "소주", "苏州"), 120.58, 31.30),
    (("nanjing", "난징", "남경", "南京"), 118.80, 32.06),
    (("chengdu", "청두", "성도", "成都"), 104.07, 30.57),
    (("wuhan", "우한", "무한", "武汉"), 114.31, 30.59),
    (("tianjin", "톈진", "천진", "天津"), 117.20, 39.13),
    (("xi'an", "xian", "시안", "서안", "西安"), 108.94, 34.34),
    (("qingdao", "칭다오", "청도", "青岛"), 120.38, 36.07),
    (("dalian", "다롄", "대련", "大连"), 121.61, 38.91),
    (("shenyang", "선양", "심양", "沈阳"), 123.43, 41.80),
    (("hefei", "허페이", "합비", "合肥"), 117.23, 31.82),
    (("hong kong", "홍콩", "香港"), 114.17, 22.32),
    (("taipei", "타이베이", "台北", "臺北"), 121.56, 25.04),
    (("tokyo", "도쿄", "东京", "東京"), 139.69, 35.69),
    (("osaka", "오사카", "大阪"), 135.50, 34.69),
    (("fukuoka", "후쿠오카", "福冈", "福岡"), 130.40, 33.59),
    (("ulaanbaatar", "울란바토르", "乌兰巴托"), 106.92, 47.92),
    (("singapore", "싱가포르", "新加坡"), 103.82, 1.35),
    (("hanoi", "하노이", "河内"), 105.85, 21.03),
    (("ho chi minh city", "호찌민", "호치민", "胡志明市"), 106.63, 10.82),
    (("bangkok", "방콕", "曼谷"), 100.50, 13.76),
    (("kuala lumpur", "쿠알라룸푸르", "吉隆坡"), 101.69, 3.14),
    (("jakarta", "자카르타", "雅加达"), 106.85, -6.21),
    (("bengaluru", "bangalore", "벵갈루루", "班加罗尔"), 77.59, 12.97),
    (("dubai", "두바이", "迪拜"), 55.27, 25.20),
    (("riyadh", "리야드", "利雅得"), 46.68, 24.71),
    (("sydney", "시드니", "悉尼"), 151.21, -33.87),
    (("san francisco", "샌프란시스코", "旧金山"), -122.42, 37.77),
    (("new york", "뉴욕", "纽约"), -74.01, 40.71),
    (("london", "런던", "伦敦"), -0.13, 51.51),
    (("berlin", "베를린", "柏林"), 13.40, 52.52),
    (("paris", "파리", "巴黎"), 2.35, 48.86),
]

# A country's rough centre, for a partner whose city the table does not know (ISO 3166-1).
COUNTRIES: dict[str, tuple[float, float]] = {
    "CN": (104.2, 35.9),
    "JP": (138.3, 36.2),
    "TW": (121.0, 23.7),
    "HK": (114.17, 22.32),
    "MN": (103.8, 46.9),
    "VN": (108.3, 14.1),
    "SG": (103.82, 1.35),
    "TH": (101.0, 15.9),
    "MY": (101.98, 4.21),
    "ID": (113.9, -0.8),
    "PH": (121.8, 12.9),
    "IN": (78.96, 20.59),
    "AE": (53.85, 23.42),
    "SA": (45.08, 23.89),
    "AU": (133.8, -25.3),
    "US": (-98.6, 39.8),
    "CA": (-106.3, 56.1),
    "GB": (-3.4, 55.4),
    "DE": (10.45, 51.17),
    "FR": (2.21, 46.23),
    "KR": (127.8, 36.3),
}

#: The cluster's end of every line: Pangyo Techno Valley, Seongnam, Gyeonggi Province.
CLUSTER = Place(127.11, 37.40)


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip().casefold()


_BY_NAME: dict[str, tuple[float, float]] = {
    _key(name): (lon, lat) for names, lon, lat in CITIES for name in names
}


def locate(cities: tuple[str, ...] | list[str], country_code: str) -> Place | None:
    """The place of a partner in one of ``cities`` (its city in any language) in the country;
    the country's centre (approximate) when no city is known; None when neither is."""
    for city in cities:
        found = _BY_NAME.get(_key(city))
        if found:
            return Place(*found)
    centre = COUNTRIES.get((country_code or "").upper())
    if centre:
        return Place(*centre, approximate=True)
    return None
