"""Story texts for the spine tests."""

STORY = (
    "Acme opens a plant in Leeds\n\n"
    "LEEDS (Polywire) – Acme Ltd opened a plant in Leeds on Monday, creating 500 jobs.\n\n"
    '"This is a great day," said chief executive Jane Roe.\n\n'
    "The plant will make 20,000 bicycles a year from 2027.\n"
).encode()
