"""Story texts for the spine tests."""

STORY = (
    "Acme opens a plant in Leeds\n\n"
    "LEEDS (Polywire) – Acme Ltd opened a plant in Leeds on Monday, creating 500 jobs.\n\n"
    '"This is a great day," said chief executive Jane Roe.\n\n'
    "The plant will make 20,000 bicycles a year from 2027.\n"
).encode()

_TOWNS = ["Leeds", "Porto", "Lyon", "Graz", "Turku", "Cork", "Gdansk", "Malmo", "Bergen", "Split"]
_GOODS = ["bicycles", "ferries", "violins", "tractors", "lamps", "kayaks", "drones", "boilers"]
_FIRMS = ["Acme", "Borealis", "Cinder", "Dunmore", "Everly", "Fjord", "Granite", "Harbour"]


def distinct_story(number: int) -> bytes:
    """A story of its own (not a new version of another: different words, not only numbers)."""
    town = _TOWNS[number % len(_TOWNS)]
    goods = _GOODS[number % len(_GOODS)]
    firm = _FIRMS[number % len(_FIRMS)]
    return (
        f"{firm} opens a {goods} works in {town}\n\n"
        f"{town.upper()} (Polywire) – {firm} said it would build {goods} at a new works in "
        f"{town}, its {number + 2}th site, after talks with the {town} council.\n\n"
        f"The {goods} will be sold by {firm} dealers across the region from next spring.\n"
    ).encode()
